/**
 * A small seeded generator (mulberry32) so that a drill's choices can be replayed: the same seed
 * and the same history give the same question, which is what the tests and a bug report need.
 * Not for anything secret.
 */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  if (!Number.isInteger(seed)) throw new RangeError(`a seed is a whole number, got ${seed}`);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The index drawn from `weights` (each ≥ 0, at least one > 0) with one number from `random`. */
export function weightedIndex(weights: readonly number[], random: Random): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (!(total > 0) || weights.some((weight) => !(weight >= 0)))
    throw new RangeError('weights are numbers ≥ 0 and at least one is above 0');
  let left = random() * total;
  for (const [index, weight] of weights.entries()) {
    left -= weight;
    if (left < 0) return index;
  }
  return weights.findLastIndex((weight) => weight > 0);
}
