/**
 * How long each STAR section of one take lasted, against its target.
 *
 * Why: the assignment's discipline is 15 s situation, 15 s task, 60 s action, 30 s result and 2:00 in
 * all. The teleprompter records a mark each time the user moves to a section; this module turns those
 * marks into the numbers the teleprompter shows live (call it again every frame with the time so far)
 * and the take's sidecar keeps afterwards, judged with the same tolerance the checker uses for the
 * written text, so a section is "too long" by one rule whether read or spoken.
 *
 * Rules:
 * - All times are on the take's clock (see `intervals.ts`); durations exclude paused time.
 * - A section lasts from its mark to the next mark (or the end of the take). Going back to a section
 *   (← in the teleprompter) is allowed: its time is the sum of its visits.
 * - A section with no time on it (never marked, or left at once) is `skipped`.
 * - Time before the first mark belongs to no section: it is reported as `leadInMs` and counted in
 *   the total, which is the whole take minus pauses.
 * - Marks must be in the order they were recorded (times never decrease) and inside the take;
 *   anything else is a bug upstream and throws a `RangeError` that says which mark is wrong.
 * - Pauses may overlap (they are merged) and may run past the end of the take (stopped while
 *   paused: they are clipped).
 */
import { OVERSHOOT_TOLERANCE, SECTION_TARGET_SECONDS, STORY_TARGET_SECONDS } from '../checker/timing';
import { SECTION_KEYS, type SectionKey } from '../story';
import { normalizeIntervals, uncoveredMs, type Interval } from './intervals';

/** The teleprompter's record that `section` came on screen at `atMs` on the take's clock. */
export interface SectionMark {
  section: SectionKey;
  atMs: number;
}

/** The take's length and its pauses, both on the take's clock. */
export interface TakeClock {
  /** Time from the start of the take to its end (or to now, while it runs), pauses included. */
  totalMs: number;
  /** When the teleprompter was paused; excluded from every duration. */
  pauses?: readonly Interval[];
}

/** A duration judged against its target. */
export interface Judgement {
  targetSeconds: number;
  /** Seconds over the target (unrounded; 0 when on or under it). */
  overrunSeconds: number;
  /** More than `OVERSHOOT_TOLERANCE` (25 %) over the target: the checker's warning line. */
  overTolerance: boolean;
}

export interface SectionTiming extends Judgement {
  section: SectionKey;
  /** Time spent on the section, pauses excluded. */
  durationMs: number;
  /** When the section was on screen, on the take's clock (pauses included); one span per visit. */
  spans: Interval[];
  /** No time was spent on the section. */
  skipped: boolean;
}

export interface TakeTiming {
  sections: Record<SectionKey, SectionTiming>;
  total: Judgement & {
    /** The whole take minus pauses (sections plus lead-in). */
    durationMs: number;
    /** Paused time inside the take. */
    pausedMs: number;
    /** Active time before the first mark, which belongs to no section. */
    leadInMs: number;
  };
  /** The pauses as used: merged, clipped to the take, sorted. */
  pauses: Interval[];
}

/** `durationMs` against a target in seconds, with the checker's tolerance. */
export function judgeDuration(durationMs: number, targetSeconds: number): Judgement {
  const seconds = durationMs / 1000;
  return {
    targetSeconds,
    overrunSeconds: Math.max(0, seconds - targetSeconds),
    overTolerance: seconds > targetSeconds * (1 + OVERSHOOT_TOLERANCE),
  };
}

const sectionKeys: readonly string[] = SECTION_KEYS;

/** Throws unless `totalMs` is a finite, non-negative length. */
function checkTotal(totalMs: number): void {
  if (!Number.isFinite(totalMs) || totalMs < 0) {
    throw new RangeError(`the take's length must be a non-negative number of ms, got ${totalMs}`);
  }
}

/** Throws a `RangeError` naming the first mark that is unknown, outside the take or out of order. */
export function checkMarks(marks: readonly SectionMark[], totalMs: number): void {
  marks.forEach((mark, index) => {
    const name = `mark ${index + 1} (${String(mark.section)} at ${mark.atMs} ms)`;
    if (!sectionKeys.includes(mark.section)) {
      throw new RangeError(`${name} names no STAR section; expected one of ${SECTION_KEYS.join(', ')}`);
    }
    if (!Number.isFinite(mark.atMs) || mark.atMs < 0) throw new RangeError(`${name} is not a time in the take`);
    if (mark.atMs > totalMs) throw new RangeError(`${name} is after the end of the take (${totalMs} ms)`);
    const previous = marks[index - 1];
    if (previous && mark.atMs < previous.atMs) {
      throw new RangeError(
        `${name} comes before mark ${index} (${previous.section} at ${previous.atMs} ms): marks must be listed in the order they were recorded`,
      );
    }
  });
}

/** Per-section and total durations of one take, against the 15/15/60/30 s and 2:00 targets. */
export function sectionTiming(marks: readonly SectionMark[], clock: TakeClock): TakeTiming {
  const { totalMs } = clock;
  checkTotal(totalMs);
  checkMarks(marks, totalMs);
  const pauses = normalizeIntervals(clock.pauses ?? [], 'pause', { startMs: 0, endMs: totalMs });

  const spans: Record<SectionKey, Interval[]> = { situation: [], task: [], action: [], result: [] };
  marks.forEach((mark, index) => {
    const endMs = marks[index + 1]?.atMs ?? totalMs;
    if (endMs > mark.atMs) spans[mark.section].push({ startMs: mark.atMs, endMs });
  });

  const timing = (section: SectionKey): SectionTiming => {
    const durationMs = spans[section].reduce((sum, span) => sum + uncoveredMs(span, pauses), 0);
    return {
      section,
      durationMs,
      spans: spans[section],
      skipped: durationMs === 0,
      ...judgeDuration(durationMs, SECTION_TARGET_SECONDS[section]),
    };
  };
  const sections: Record<SectionKey, SectionTiming> = {
    situation: timing('situation'),
    task: timing('task'),
    action: timing('action'),
    result: timing('result'),
  };

  const whole = { startMs: 0, endMs: totalMs };
  const durationMs = uncoveredMs(whole, pauses);
  return {
    sections,
    total: {
      durationMs,
      pausedMs: totalMs - durationMs,
      leadInMs: uncoveredMs({ startMs: 0, endMs: marks[0]?.atMs ?? totalMs }, pauses),
      ...judgeDuration(durationMs, STORY_TARGET_SECONDS),
    },
    pauses,
  };
}

/**
 * The section on screen at `rawMs` on the take's clock, or null before the first mark. At the
 * instant of a mark the new section is on screen.
 */
export function sectionAt(marks: readonly SectionMark[], rawMs: number): SectionKey | null {
  let current: SectionKey | null = null;
  for (const mark of marks) {
    if (mark.atMs > rawMs) break;
    current = mark.section;
  }
  return current;
}
