import { compareFiles } from './compareFiles';
import { COMPETENCIES, type CompetencyId } from './competencies';
import type { StoryRecord } from './story';

export interface BoardColumn {
  competency: CompetencyId;
  label: string;
  focus: string;
  records: StoryRecord[];
}

/** The board's eight columns in the assignment's order, each story under its competency. */
export function boardColumns(records: readonly StoryRecord[]): BoardColumn[] {
  const sorted = [...records].sort((a, b) => compareFiles(a.file, b.file));
  return COMPETENCIES.map((c) => ({
    competency: c.id,
    label: c.label,
    focus: c.focus,
    records: sorted.filter((r) => r.story.competency === c.id),
  }));
}
