import { namesQuestionType } from '../drill/questionBank';
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
  // Each list sorted by story once: filtered again for every story, 1,000 stories whose metrics
  // all repeat (a finding each) cost a million steps per list.
  const [star, metric, tradeoff] = [2, 3, 4].map((id) => byStory(report.criteria[id - 1]?.findings ?? []));
  const warnings = byStory(report.warnings);
  const byId = new Map<string, StoryStatus>();
  stories.forEach((story, index) => {
    const number = index + 1;
    const failing = (findings: Map<number, Finding[]>) => findings.get(number) ?? [];
    byId.set(story.id, {
      number,
      star: failing(star).length === 0,
      metric: failing(metric).length === 0,
      tradeoff: failing(tradeoff).length === 0,
      mapped: namesQuestionType(story),
      seconds: report.stories[index]?.estimatedSeconds ?? 0,
      findings: [...failing(star), ...failing(metric), ...failing(tradeoff), ...failing(warnings)],
    });
  });
  return byId;
}

/** `findings` by the number of the story each is about, in their order; the bank's own are left out. */
function byStory(findings: readonly Finding[]): Map<number, Finding[]> {
  const grouped = new Map<number, Finding[]>();
  for (const finding of findings) {
    const number = finding.story?.number;
    if (number === undefined) continue;
    const list = grouped.get(number);
    if (list) list.push(finding);
    else grouped.set(number, [finding]);
  }
  return grouped;
}
