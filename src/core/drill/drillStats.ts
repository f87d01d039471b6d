/**
 * What the drills so far say: per question type, how often the first pick was right and how long
 * picking took (the median, so one distracted pause does not swamp it); per story, how the
 * self-checked rubric went over time. The board's weakest-types strip, `story-bank stats` and the
 * question selection's weights all read these.
 */
import type { DrillRecord } from './drillRecord';
import { questionTypeKey, type QuestionType } from './questionBank';

/** One drill as the statistics need it: a take's drill record, cut down, with the take's story and date. */
export interface DrillSummary {
  questionType: string;
  correct: boolean;
  chooseMs: number;
  peeks: number;
  /** Rubric items checked as said. */
  rubricChecked: number;
  rubricItems: number;
  /** Every rubric item is checked one way or the other (the user did the self-check). */
  rubricDone: boolean;
}

export interface DrillHistoryEntry extends DrillSummary {
  /** The story told (the take's story). */
  storyId: string;
  /** When the take started (ISO 8601). */
  date: string;
}

export function drillSummary(drill: DrillRecord): DrillSummary {
  return {
    questionType: drill.questionType,
    correct: drill.correct,
    chooseMs: drill.chooseMs,
    peeks: drill.peeks.length,
    rubricChecked: drill.rubric.filter((item) => item.checked === true).length,
    rubricItems: drill.rubric.length,
    rubricDone: drill.rubric.every((item) => item.checked !== null),
  };
}

export interface QuestionTypeStats {
  key: string;
  label: string;
  /** The stories the map lists for it now ([] for a type no story names any more). */
  storyIds: string[];
  attempts: number;
  correct: number;
  /** correct / attempts; null before the first drill of the type. */
  accuracy: number | null;
  medianChooseMs: number | null;
}

/** The median of whole milliseconds, rounded; null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
}

/**
 * Every type of the bank in its order, then types drilled before that no story names any more
 * (in the order first drilled), each with its accuracy and median time to choose.
 */
export function questionTypeStats(
  bank: readonly QuestionType[],
  drills: readonly Pick<DrillHistoryEntry, 'questionType' | 'correct' | 'chooseMs'>[],
): QuestionTypeStats[] {
  const byKey = new Map<string, { label: string; storyIds: string[]; correct: number; times: number[] }>();
  for (const type of bank) byKey.set(type.key, { label: type.label, storyIds: type.storyIds, correct: 0, times: [] });
  for (const drill of drills) {
    const key = questionTypeKey(drill.questionType);
    const entry = byKey.get(key) ?? { label: drill.questionType, storyIds: [], correct: 0, times: [] };
    entry.times.push(drill.chooseMs);
    if (drill.correct) entry.correct += 1;
    byKey.set(key, entry);
  }
  return [...byKey].map(([key, entry]) => ({
    key,
    label: entry.label,
    storyIds: entry.storyIds,
    attempts: entry.times.length,
    correct: entry.correct,
    accuracy: entry.times.length ? entry.correct / entry.times.length : null,
    medianChooseMs: median(entry.times),
  }));
}

/**
 * The drilled types, weakest first: lowest accuracy, then slowest median pick, then by label.
 * Types not drilled yet are left out (nothing is known about them).
 */
export function weakestTypes(stats: readonly QuestionTypeStats[], limit = Infinity): QuestionTypeStats[] {
  return stats
    .filter((type) => type.attempts > 0)
    .sort(
      (a, b) => a.accuracy! - b.accuracy! || b.medianChooseMs! - a.medianChooseMs! || a.label.localeCompare(b.label),
    )
    .slice(0, limit);
}

export interface RubricPoint {
  date: string;
  checked: number;
  of: number;
}

/** Per story told, its self-checked rubrics oldest first (drills never self-checked are left out). */
export function rubricTrends(drills: readonly DrillHistoryEntry[]): Map<string, RubricPoint[]> {
  const trends = new Map<string, RubricPoint[]>();
  const sorted = [...drills].sort((a, b) => a.date.localeCompare(b.date));
  for (const drill of sorted) {
    if (!drill.rubricDone || drill.rubricItems === 0) continue;
    const points = trends.get(drill.storyId) ?? [];
    points.push({ date: drill.date, checked: drill.rubricChecked, of: drill.rubricItems });
    trends.set(drill.storyId, points);
  }
  return trends;
}
