/**
 * `fn` over every item with at most `limit` calls in flight; results in the items' order. Lets a
 * vault of thousands of files overlap its reads with parsing without opening them all at once.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  if (!(limit >= 1)) throw new RangeError(`mapLimit needs a limit of at least 1, got ${limit}`);
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
