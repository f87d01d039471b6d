import type { Story } from '../story';
import type { CheckReport, Finding } from './types';

/** How one story stands against the criteria a single story can fail, for its card and editor. */
export interface StoryStatus {
  /** The story's number in the bank: its place in the bank's order (storyOrder.ts), #1 first. */
  number: number;
  /** Criterion 2: all four STAR sections written. */
  star: boolean;
  /** Criterion 3: a metric with a number, used by no other story. */
  metric: boolean;
  /** Criterion 4: a tradeoff naming an alternative and what was given up. */
  tradeoff: boolean;
  /** Criterion 5, its share: at least one question type maps to this story. */
  mapped: boolean;
  /** Estimated spoken length, seconds. */
  seconds: number;
  /** Everything the check says about this story: failing findings, then warnings. */
  findings: Finding[];
}

/**
 * Each story's status from a check of the bank, keyed by story id. `stories` must be the list the
 * report was made from, in the same order (checkInputFromStories numbers them 1, 2, … in order).
 */
export function storyStatuses(stories: readonly Story[], report: CheckReport): Map<string, StoryStatus> {
  const about = (findings: Finding[], number: number) => findings.filter((f) => f.story?.number === number);
  const byId = new Map<string, StoryStatus>();
  stories.forEach((story, index) => {
    const number = index + 1;
    const failing = (id: number) => about(report.criteria[id - 1]?.findings ?? [], number);
    byId.set(story.id, {
      number,
      star: failing(2).length === 0,
      metric: failing(3).length === 0,
      tradeoff: failing(4).length === 0,
      mapped: story.questionTypes.some((type) => type.trim() !== ''),
      seconds: report.stories[index]?.estimatedSeconds ?? 0,
      findings: [...[2, 3, 4].flatMap(failing), ...about(report.warnings, number)],
    });
  });
  return byId;
}
