/**
 * A mock-interview drill as a take's sidecar keeps it (`drill` in `rehearsals/<story-id>/<stem>.json`):
 * the question asked, the stories picked for it, how long the first pick took, the sections peeked
 * at while telling the story from its key phrases, and the rubric the user checked afterwards.
 *
 * The take itself is of the story finally told (always one the map names for the question). What
 * the question and rubric said is written in, not referred to, so a drill still reads right after
 * the story or its competency map has changed.
 */
export type { DrillPeek, DrillPick, DrillRecord, RubricItem } from './drillSchema';

export const RUBRIC_KINDS = ['metric', 'alternatives', 'accepting', 'key-phrase', 'under-two-minutes'] as const;
export type RubricKind = (typeof RUBRIC_KINDS)[number];

export const MAX_DRILL_PICKS = 20;
export const MAX_DRILL_PEEKS = 200;
export const MAX_RUBRIC_ITEMS = 64;
export const MAX_DRILL_TEXT = 1000;
