import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Calls `fn` on every item in order, `size` items at a time, letting the event loop turn between
 * batches. For synchronous work over thousands of items (a vault's files): each batch is a few
 * milliseconds, so timers, sockets and IPC are never held up for long.
 */
export async function inBatches<T>(items: readonly T[], size: number, fn: (item: T) => void): Promise<void> {
  if (!(size >= 1)) throw new RangeError(`inBatches needs a batch size of at least 1, got ${size}`);
  for (let start = 0; start < items.length; start += size) {
    if (start > 0) await nextTurn();
    const end = Math.min(items.length, start + size);
    for (let index = start; index < end; index += 1) fn(items[index]);
  }
}
