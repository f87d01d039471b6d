import { competencyLabel } from './competencies';
import type { Story } from './story';
import { getField, STORY_FIELDS, type FieldValue, type StoryField } from './storyFields';

/** How each field is named to people, in the order the editor shows them. */
export const FIELD_LABELS: Record<StoryField, string> = {
  title: 'Title',
  competency: 'Competency',
  weeks: 'Weeks',
  situation: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
  metric: 'Metric',
  chosen: 'Tradeoff: chosen',
  alternatives: 'Tradeoff: alternatives',
  because: 'Tradeoff: because',
  accepting: 'Tradeoff: accepting',
  questionTypes: 'Question types',
  keyPhrases: 'Key phrases',
};

export interface FieldDifference {
  field: StoryField;
  label: string;
  mine: string;
  theirs: string;
}

/**
 * A field's value as one text for reading and comparing: list items one a line (so a word diff
 * shows an added item as an added line), a competency by its name.
 */
export function fieldText(field: StoryField, value: FieldValue): string {
  if (Array.isArray(value)) return value.map(String).join('\n');
  return field === 'competency' ? competencyLabel(value) : value;
}

/** The fields in which two versions of a story differ, labelled for people. */
export function storyDifferences(mine: Story, theirs: Story): FieldDifference[] {
  return STORY_FIELDS.map((field) => ({
    field,
    label: FIELD_LABELS[field],
    mine: fieldText(field, getField(mine, field)),
    theirs: fieldText(field, getField(theirs, field)),
  })).filter((difference) => difference.mine !== difference.theirs);
}
