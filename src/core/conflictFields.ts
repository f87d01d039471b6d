import type { Story } from './story';
import { FIELD_LABELS } from './storyDiff';
import {
  getField,
  rebaseEdits,
  sameValue,
  setField,
  STORY_FIELDS,
  type FieldValue,
  type StoryField,
} from './storyFields';

/**
 * How one field's two edits combine: only mine changed it, only theirs did, both did and the
 * edits fit together (`both`), or both did and they do not (`clash`, the user decides).
 */
export type FieldMerge = 'mine' | 'theirs' | 'both' | 'clash';

/** One field in which my version and the one on disk differ, with what each side started from. */
export interface FieldConflict {
  field: StoryField;
  label: string;
  /** The value both edits began from, or null when that version is not known. */
  base: FieldValue | null;
  mine: FieldValue;
  theirs: FieldValue;
  merge: FieldMerge;
  /** What the two edits merge to; null for a clash. */
  merged: FieldValue | null;
}

/**
 * The fields in which `mine` and `theirs` differ, each classified by the same field-wise rule the
 * editor uses to rebase edits (`rebaseEdits`): a field one side changed takes that side, one both
 * changed gets the edit replayed as a text patch, and where that fails it is a clash. Without the
 * base version nobody can tell who changed what, so every difference is a clash.
 */
export function fieldConflicts(base: Story | null, mine: Story, theirs: Story): FieldConflict[] {
  const rebased = base ? rebaseEdits(theirs, base, mine, 'target') : null;
  return STORY_FIELDS.filter((field) => !sameValue(getField(mine, field), getField(theirs, field))).map((field) => {
    const from = base ? getField(base, field) : null;
    const [ours, outside] = [getField(mine, field), getField(theirs, field)];
    let merge: FieldMerge = 'clash';
    if (rebased && from !== null && !rebased.clashed.includes(field)) {
      merge = sameValue(from, outside) ? 'mine' : sameValue(from, ours) ? 'theirs' : 'both';
    }
    return {
      field,
      label: FIELD_LABELS[field],
      base: from,
      mine: ours,
      theirs: outside,
      merge,
      merged: rebased && merge !== 'clash' ? getField(rebased.story, field) : null,
    };
  });
}

/** Whether no field was changed on both sides: then taking each side's changes loses nothing. */
export function changedOnOneSide(conflicts: readonly FieldConflict[]): boolean {
  return conflicts.every((conflict) => conflict.merge === 'mine' || conflict.merge === 'theirs');
}

/** What the user picked for one field: a side, the merge of both, or a value of their own. */
export type FieldChoice = 'mine' | 'theirs' | 'merged' | { edited: FieldValue };

/** The pick a field starts with: the clean merge where there is one; a clash waits for the user. */
export function defaultChoice(conflict: FieldConflict): FieldChoice | null {
  if (conflict.merge === 'mine') return 'mine';
  if (conflict.merge === 'theirs') return 'theirs';
  return conflict.merge === 'both' ? 'merged' : null;
}

export function choiceValue(conflict: FieldConflict, choice: FieldChoice): FieldValue {
  if (choice === 'mine') return conflict.mine;
  if (choice === 'theirs') return conflict.theirs;
  if (choice === 'merged') return conflict.merged ?? conflict.mine;
  return choice.edited;
}

/**
 * The story the user's picks make: the version on disk with each differing field set to the pick
 * (fields that do not differ are the same on both sides). `unchosen` lists the fields still open.
 */
export function applyFieldChoices(
  theirs: Story,
  conflicts: readonly FieldConflict[],
  choices: Partial<Record<StoryField, FieldChoice>>,
): { story: Story; unchosen: StoryField[] } {
  const story = structuredClone(theirs);
  const unchosen: StoryField[] = [];
  for (const conflict of conflicts) {
    const choice = choices[conflict.field] ?? defaultChoice(conflict);
    if (choice === null) unchosen.push(conflict.field);
    else setField(story, conflict.field, choiceValue(conflict, choice));
  }
  return { story, unchosen };
}

/** The text a field is edited as: list items one a line. */
export function editableText(value: FieldValue): string {
  return Array.isArray(value) ? value.map(String).join('\n') : value;
}

/**
 * Reads a field's value back from the text it was edited as: lists one item a line (blank lines
 * dropped), weeks whole numbers 1–24, a title one line. Returns an error to show when it cannot.
 */
export function parseEditedField(field: StoryField, text: string): { value: FieldValue } | { error: string } {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  switch (field) {
    case 'weeks': {
      const weeks = lines.map(Number);
      const wrong = lines.find((_, index) => !Number.isInteger(weeks[index]) || weeks[index] < 1 || weeks[index] > 24);
      return wrong === undefined ? { value: weeks } : { error: `"${wrong}" is not a week (a whole number 1–24)` };
    }
    case 'alternatives':
    case 'questionTypes':
    case 'keyPhrases':
      return { value: lines };
    case 'competency':
      return { error: 'a competency is picked, not typed: keep yours or take the one on disk' };
    case 'title':
      if (text.trim() === '') return { error: 'a title is required' };
      return text.includes('\n') ? { error: 'a title is one line' } : { value: text };
    default:
      return { value: text };
  }
}
