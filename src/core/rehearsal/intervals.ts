/**
 * Interval arithmetic on a take's clock.
 *
 * Why a module of its own: section timing, voice analysis and the teleprompter all ask the same
 * questions of the same clock (how much of this span was not paused, where does speech fall, which
 * intervals overlap) and must answer them the same way, or a section's time and its voiced time
 * would disagree by a few milliseconds and the numbers on screen would not add up.
 *
 * The take's clock: milliseconds since the take started (after the 3-2-1 countdown), pauses
 * included. "Active" time is that clock with the paused intervals taken out.
 */

/** A half-open span `[startMs, endMs)` on the take's clock. */
export interface Interval {
  startMs: number;
  endMs: number;
}

/**
 * Checks, clips, sorts and merges a list of intervals: the result is sorted, disjoint, never
 * touching and never empty. Overlapping or touching intervals (`a.endMs >= b.startMs`) become one.
 * `what` names the list in error messages ("pause", "speech segment").
 *
 * @throws RangeError for a bound that is not a finite number, a negative start, or an end before its start.
 */
export function normalizeIntervals(list: readonly Interval[], what: string, clip?: Interval): Interval[] {
  const checked = list.map((interval, index) => {
    const { startMs, endMs } = interval;
    const name = `${what} ${index + 1}`;
    if (!Number.isFinite(startMs) || !Number.isFinite(endMs)) {
      throw new RangeError(`${name} has a bound that is not a number (${startMs}–${endMs} ms)`);
    }
    if (startMs < 0) throw new RangeError(`${name} starts before the take (${startMs} ms)`);
    if (endMs < startMs) throw new RangeError(`${name} ends (${endMs} ms) before it starts (${startMs} ms)`);
    return clip ? { startMs: Math.max(startMs, clip.startMs), endMs: Math.min(endMs, clip.endMs) } : { startMs, endMs };
  });
  const sorted = checked.filter((i) => i.endMs > i.startMs).sort((a, b) => a.startMs - b.startMs);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last && interval.startMs <= last.endMs) last.endMs = Math.max(last.endMs, interval.endMs);
    else merged.push({ ...interval });
  }
  return merged;
}

/** The summed length of a list of disjoint intervals. */
export function totalLength(list: readonly Interval[]): number {
  return list.reduce((sum, interval) => sum + (interval.endMs - interval.startMs), 0);
}

/** How much of `span` the disjoint intervals in `list` cover. */
export function overlapMs(span: Interval, list: readonly Interval[]): number {
  let covered = 0;
  for (const interval of list) {
    const start = Math.max(span.startMs, interval.startMs);
    const end = Math.min(span.endMs, interval.endMs);
    if (end > start) covered += end - start;
  }
  return covered;
}

/** The length of `span` outside the (paused) intervals in `list`. */
export function uncoveredMs(span: Interval, list: readonly Interval[]): number {
  return Math.max(0, span.endMs - span.startMs) - overlapMs(span, list);
}

/** `from` with everything in `remove` cut out; both lists sorted and disjoint. */
export function subtractIntervals(from: readonly Interval[], remove: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const interval of from) {
    let start = interval.startMs;
    for (const cut of remove) {
      if (cut.endMs <= start || cut.startMs >= interval.endMs) continue;
      if (cut.startMs > start) out.push({ startMs: start, endMs: cut.startMs });
      start = Math.max(start, cut.endMs);
    }
    if (start < interval.endMs) out.push({ startMs: start, endMs: interval.endMs });
  }
  return out;
}

/**
 * A time on the take's clock as active time: `rawMs` minus the paused time before it. A time inside
 * a pause maps to the moment the pause began. Use it to place a take-clock time on a recording that
 * was paused along with the teleprompter.
 */
export function toActiveMs(rawMs: number, pauses: readonly Interval[]): number {
  return uncoveredMs({ startMs: 0, endMs: Math.max(0, rawMs) }, pauses);
}
