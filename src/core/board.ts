import { COMPETENCIES, type CompetencyId } from './competencies';
import type { StoryRecord } from './story';
import { orderStories } from './storyOrder';

export interface BoardColumn {
  competency: CompetencyId;
  label: string;
  focus: string;
  records: StoryRecord[];
}

/**
 * The board's eight columns in the assignment's order, each story under its competency; within
 * a column, the cards in the bank's order (`saved`: the order file's ids, see storyOrder.ts).
 */
export function boardColumns(records: readonly StoryRecord[], saved: readonly string[] | null = null): BoardColumn[] {
  const sorted = orderStories(records, saved);
  return COMPETENCIES.map((c) => ({
    competency: c.id,
    label: c.label,
    focus: c.focus,
    records: sorted.filter((r) => r.story.competency === c.id),
  }));
}
