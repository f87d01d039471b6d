/**
 * The 3-2-1 countdown before a take.
 *
 * Why: the user needs a moment to look up from the keyboard and breathe before the first word, and
 * the countdown must not count toward the take. Deriving the number shown from the time since Start
 * was pressed (rather than ticking a counter) keeps it exact when frames are dropped, and tells the
 * view the moment the take's clock starts.
 */

/** Seconds counted down before a take starts. */
export const COUNTDOWN_SECONDS = 3;

export type CountdownState =
  | {
      phase: 'counting';
      /** The number shown: 3, then 2, then 1. */
      number: number;
      /** How far through this number, 0 → 1 (for a shrinking ring). */
      fraction: number;
    }
  | {
      phase: 'running';
      /** Time on the take's clock: since the countdown ended. */
      elapsedMs: number;
    };

/**
 * The countdown's state `sinceStartMs` after Start was pressed: each number shows for one second,
 * then the take runs. Negative times (a clock read just before Start) count as 0; `seconds` = 0
 * starts at once.
 */
export function countdownState(sinceStartMs: number, seconds = COUNTDOWN_SECONDS): CountdownState {
  if (!Number.isFinite(sinceStartMs))
    throw new RangeError(`the time since Start must be a number, got ${sinceStartMs}`);
  if (!Number.isInteger(seconds) || seconds < 0) {
    throw new RangeError(`the countdown must be a whole number of seconds, got ${seconds}`);
  }
  const t = Math.max(0, sinceStartMs);
  const countdownMs = seconds * 1000;
  if (t >= countdownMs) return { phase: 'running', elapsedMs: t - countdownMs };
  const second = Math.floor(t / 1000);
  return { phase: 'counting', number: seconds - second, fraction: (t - second * 1000) / 1000 };
}
