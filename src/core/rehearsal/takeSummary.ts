/**
 * One story's rehearsal history in a few numbers: how many takes, the last and the best, and whether
 * the Action is getting closer to its minute.
 *
 * Why: a single take says little; what a student wants to see on a story's history is whether
 * rehearsal is working. The Action section carries the tradeoff and is where stories sprawl (60 s of
 * the 120), so its trend is the one worth a line of its own.
 *
 * Rules:
 * - Takes are ordered by date (ties keep the order given); dates follow `calendarDay.ts`.
 * - `last` is the latest take, whatever it was (even a zero-length one: that is what happened last).
 * - `best` is the complete take (all four sections timed, so no false starts or skipped sections)
 *   whose length is closest to the 2:00 target, over or under alike; on a tie the later take.
 *   No complete take, no best.
 * - The Action trend uses the takes with Action time, in date order, and needs two of them: the
 *   least-squares slope of Action time against take number (ms per take; negative means shorter
 *   each time), and the first and last Action times.
 * - A negative or non-numeric duration throws a `RangeError` naming the take.
 */
import { STORY_TARGET_SECONDS } from '../checker/timing';
import { SECTION_KEYS, type SectionKey } from '../story';
import { instantMs, type DateInput } from './calendarDay';

/** A take as its history needs it (a subset of the take's sidecar). */
export interface TakeSummary {
  date: DateInput;
  /** The whole take, pauses excluded. */
  durationMs: number;
  /** Time per section, pauses excluded; a section missing or 0 was skipped. */
  sections: Partial<Record<SectionKey, number>>;
}

/** A take picked out of the list. */
export interface TakeRef {
  /** Its index in the list as given. */
  index: number;
  date: DateInput;
  durationMs: number;
}

export interface ActionTrend {
  /** Takes with Action time that the trend is drawn from. */
  takes: number;
  firstMs: number;
  lastMs: number;
  /** `lastMs - firstMs`. */
  changeMs: number;
  /** Least-squares slope of Action time per take, in ms per take. */
  slopeMsPerTake: number;
}

export interface TakeHistory {
  count: number;
  last: TakeRef | null;
  best: TakeRef | null;
  actionTrend: ActionTrend | null;
}

function checkTake(take: TakeSummary, index: number): void {
  const bad = (ms: number | undefined) => ms !== undefined && !(Number.isFinite(ms) && ms >= 0);
  if (take.durationMs === undefined || bad(take.durationMs)) {
    throw new RangeError(`take ${index + 1} has no valid duration (${take.durationMs} ms)`);
  }
  for (const key of SECTION_KEYS) {
    if (bad(take.sections[key])) {
      throw new RangeError(`take ${index + 1} has no valid ${key} time (${take.sections[key]} ms)`);
    }
  }
}

/** The least-squares slope of `ys` against 0, 1, 2, …; needs two values or more. */
export function slopePerStep(ys: readonly number[]): number {
  const n = ys.length;
  const meanX = (n - 1) / 2;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / n;
  let numerator = 0;
  let denominator = 0;
  ys.forEach((y, x) => {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  });
  return numerator / denominator;
}

/** The history numbers of one story's takes. */
export function takeHistory(takes: readonly TakeSummary[]): TakeHistory {
  takes.forEach(checkTake);
  const ordered = takes
    .map((take, index) => ({ take, index, at: instantMs(take.date) }))
    .sort((a, b) => a.at - b.at || a.index - b.index);
  const ref = ({ take, index }: { take: TakeSummary; index: number }): TakeRef => ({
    index,
    date: take.date,
    durationMs: take.durationMs,
  });

  const targetMs = STORY_TARGET_SECONDS * 1000;
  let best: (typeof ordered)[number] | undefined;
  for (const entry of ordered) {
    if (!SECTION_KEYS.every((key) => (entry.take.sections[key] ?? 0) > 0)) continue;
    const distance = Math.abs(entry.take.durationMs - targetMs);
    if (!best || distance <= Math.abs(best.take.durationMs - targetMs)) best = entry;
  }

  const action = ordered.map((entry) => entry.take.sections.action ?? 0).filter((ms) => ms > 0);
  const last = ordered.at(-1);
  return {
    count: takes.length,
    last: last ? ref(last) : null,
    best: best ? ref(best) : null,
    actionTrend:
      action.length < 2
        ? null
        : {
            takes: action.length,
            firstMs: action[0],
            lastMs: action[action.length - 1],
            changeMs: action[action.length - 1] - action[0],
            slopeMsPerTake: slopePerStep(action),
          },
  };
}
