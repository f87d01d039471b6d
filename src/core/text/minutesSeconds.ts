/**
 * A duration or a place on a timeline as minutes and seconds: 112 000 ms → "1:52", 605 000 → "10:05".
 *
 * One rounding rule everywhere: the whole seconds that have fully passed (rounded down), as a
 * stopwatch or a media player shows them. So one take reads the same on the teleprompter's clock, in
 * its summary and in the takes list, and a place on the player never shows a second not yet reached.
 * A caller that means something else rounds first: a countdown rounds the time left up (it reads
 * 0:01 until the end), an estimate passes whole seconds. Negative or non-finite times read 0:00.
 */
export function minutesSeconds(ms: number): string {
  const seconds = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
