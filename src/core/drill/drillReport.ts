/**
 * The drill statistics as the board and `story-bank stats` both show them: the question types
 * weakest first (the ones never drilled after, in the bank's order), and each story's rubric
 * trend. One function, so the strip on the board and the command print the same figures.
 */
import type { RehearsalOverview } from '../api';
import {
  questionTypeStats,
  rubricTrends,
  weakestTypes,
  type DrillHistoryEntry,
  type QuestionTypeStats,
  type RubricPoint,
} from './drillStats';
import { questionBank, type BankStory } from './questionBank';

export interface DrillReport {
  drills: number;
  /** Drilled types weakest first, then the types never drilled (attempts 0) in the bank's order. */
  questionTypes: QuestionTypeStats[];
  /** Every story of the bank, in its order, with its drills and self-checked rubrics oldest first. */
  stories: Array<{ storyId: string; title: string; drills: number; rubric: RubricPoint[] }>;
}

export function drillReport(stories: readonly BankStory[], history: readonly DrillHistoryEntry[]): DrillReport {
  const stats = questionTypeStats(questionBank(stories), history);
  const weakest = weakestTypes(stats);
  const trends = rubricTrends(history);
  const drillsOf = new Map<string, number>();
  for (const drill of history) drillsOf.set(drill.storyId, (drillsOf.get(drill.storyId) ?? 0) + 1);
  return {
    drills: history.length,
    questionTypes: [...weakest, ...stats.filter((type) => type.attempts === 0)],
    stories: stories.map((story) => ({
      storyId: story.id,
      title: story.title,
      drills: drillsOf.get(story.id) ?? 0,
      rubric: trends.get(story.id) ?? [],
    })),
  };
}

/** The drills among the overview's takes (the board's source), oldest first. */
export function drillHistory(overview: RehearsalOverview): DrillHistoryEntry[] {
  return overview.stories
    .flatMap((story) =>
      story.takes.flatMap((take) => (take.drill ? [{ ...take.drill, storyId: story.storyId, date: take.date }] : [])),
    )
    .sort((a, b) => a.date.localeCompare(b.date));
}
