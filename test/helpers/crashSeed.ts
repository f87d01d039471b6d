import { onTestFailed } from 'vitest';

/**
 * The random kill moments of the crash tests, drawn from a seed that every failure names, so a
 * failing run can be replayed with `CRASH_SEED=<seed>`. The seed fixes the moments chosen (delays,
 * chunks); when the kill lands relative to the child's work still depends on the machine.
 */
export const CRASH_SEED = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : Math.floor(Math.random() * 2 ** 32);

/** What a failure message ends with. */
export const REPLAY = `replay with CRASH_SEED=${CRASH_SEED}`;

/**
 * Numbers in [0, 1) for one lane of a test (lanes run side by side, so each has its own stream:
 * the sequence of a lane does not depend on how the lanes interleave). mulberry32.
 */
export function crashRandom(lane = 0): () => number {
  let state = (CRASH_SEED + Math.imul(lane + 1, 0x9e3779b9)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Call at the start of a test: when it fails, the seed to replay it is printed. */
export function printSeedOnFailure(): void {
  onTestFailed(() => console.error(`crash test failed: ${REPLAY}`));
}
