/**
 * What a take's summary says about each section's time, and whose time it is.
 *
 * Why: a time is only worth judging if the speaker set it. In Paced and Manual mode the script
 * moves on by itself, so a section the scroll ended lasted exactly as long as the scroll took (at
 * 1× that is the target, with nobody speaking). And a judgement must not contradict the clock next
 * to it: 0:15 against 15 s is on target, and 0:01 against 15 s is not "within target".
 *
 * Rules:
 * - A mark says how the reading line got to its section: `key` (→, ←, the start), `voice` (the
 *   script moved while voice-gated scrolling was on, so it moved because the user spoke) or
 *   `scroll` (the script reached it at its own pace). A take ends likewise by key or by the script
 *   running out.
 * - A section is timed by the speaker when every visit to it (mark to next mark, or to the end)
 *   was ended by a key or by voice; by the scroll when any visit was ended by the scroll. A section
 *   with no time on it has no timer (null).
 * - The take is timed by the speaker when no section is scroll-timed, by the scroll when every
 *   timed section is, and `mixed` otherwise.
 * - Verdicts, for a time the speaker set: nothing on it is Skipped; within ±1 s of the target is
 *   On target; under half the target is Short; otherwise under is Under target; over by more than
 *   the checker's 25 % tolerance is "N s over"; otherwise over is A little over. So an "over"
 *   verdict is always at least one whole second over.
 * - The live timer counts the time left rounded up; it shows "+m:ss" over only from one whole
 *   second over (never "+0:00").
 */
import { OVERSHOOT_TOLERANCE } from '../checker/timing';
import { SECTION_KEYS, type SectionKey } from '../story';
import type { SectionMark } from './sectionTiming';
import type { TIMED_BY } from './take';
import { minutesSeconds } from '../text/minutesSeconds';

/** How the reading line got to a section (or how the take ended). */
export type MarkSource = 'key' | 'voice' | 'scroll';

export interface SourcedMark extends SectionMark {
  by: MarkSource;
}

/** Who set a time: the speaker (keys, voice) or the scroll's own pace. */
export type TimedBy = (typeof TIMED_BY)[number];

/** Within this many seconds of the target, a time is on target. */
export const ON_TARGET_SECONDS = 1;
/** Under this fraction of the target, a time is short. */
export const SHORT_FRACTION = 0.5;

export type VerdictKind = 'skipped' | 'on-target' | 'short' | 'under' | 'over' | 'far-over' | 'scroll';

export interface Verdict {
  kind: VerdictKind;
  /** What the summary says. */
  label: string;
}

/** Who set each section's time (null: no time on it). */
export function sectionsTimedBy(
  marks: readonly SourcedMark[],
  endedBy: MarkSource,
  totalMs: number,
): Record<SectionKey, TimedBy | null> {
  const result: Record<SectionKey, TimedBy | null> = { situation: null, task: null, action: null, result: null };
  marks.forEach((mark, index) => {
    const next = marks[index + 1];
    const endMs = next?.atMs ?? totalMs;
    if (endMs <= mark.atMs) return;
    const by = next?.by ?? endedBy;
    if (by === 'scroll') result[mark.section] = 'scroll';
    else result[mark.section] ??= 'speaker';
  });
  return result;
}

/** Who set the take's times, over all its timed sections. */
export function takeTimedBy(sections: Record<SectionKey, TimedBy | null>): TimedBy | 'mixed' {
  const timed = SECTION_KEYS.map((key) => sections[key]).filter((by) => by !== null);
  if (!timed.includes('scroll')) return 'speaker';
  return timed.every((by) => by === 'scroll') ? 'scroll' : 'mixed';
}

/**
 * Who set a stored take's times, from its sidecar's sections; null when none says (a take written
 * before sidecars recorded it).
 */
export function storedTakeTimedBy(
  sections: ReadonlyArray<{ section: SectionKey; timedBy?: TimedBy }>,
): TimedBy | 'mixed' | null {
  const bySection: Record<SectionKey, TimedBy | null> = { situation: null, task: null, action: null, result: null };
  for (const row of sections) bySection[row.section] = row.timedBy ?? null;
  return sections.some((row) => row.timedBy) ? takeTimedBy(bySection) : null;
}

/** The verdict on `durationMs` against `targetSeconds`, set by `timedBy`. */
export function verdict(durationMs: number, targetSeconds: number, timedBy: TimedBy | 'mixed' = 'speaker'): Verdict {
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new RangeError(`a duration must be a non-negative number of ms, got ${durationMs}`);
  }
  if (durationMs === 0) return { kind: 'skipped', label: 'Skipped' };
  if (timedBy === 'scroll') return { kind: 'scroll', label: 'Scroll pace' };
  if (timedBy === 'mixed') return { kind: 'scroll', label: 'Partly scroll pace' };
  const seconds = durationMs / 1000;
  const difference = seconds - targetSeconds;
  if (Math.abs(difference) <= ON_TARGET_SECONDS) return { kind: 'on-target', label: 'On target' };
  if (seconds < targetSeconds * SHORT_FRACTION) return { kind: 'short', label: 'Short' };
  if (difference < 0) return { kind: 'under', label: 'Under target' };
  if (seconds > targetSeconds * (1 + OVERSHOOT_TOLERANCE)) {
    return { kind: 'far-over', label: `${Math.round(difference)} s over` };
  }
  return { kind: 'over', label: 'A little over' };
}

/** The live timer: time left, rounded up, or "+m:ss" from one whole second over. */
export function timeLeft(spentMs: number, targetSeconds: number): { text: string; over: boolean } {
  const leftMs = targetSeconds * 1000 - spentMs;
  if (leftMs > -1000) return { text: minutesSeconds(Math.ceil(Math.max(0, leftMs) / 1000) * 1000), over: false };
  return { text: `+${minutesSeconds(-leftMs)}`, over: true };
}
