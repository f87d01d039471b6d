import type { Story } from './story';

/**
 * The fields a person edits in a story, each with a way to read and write it. The editor records
 * undo steps per field, rebases edits over outside changes field by field, and gives every
 * control the element id `fieldElementId(name)` so the checklist can point at it.
 */
export const STORY_FIELDS = [
  'title',
  'competency',
  'weeks',
  'situation',
  'task',
  'action',
  'result',
  'metric',
  'chosen',
  'alternatives',
  'because',
  'accepting',
  'questionTypes',
  'keyPhrases',
] as const;

export type StoryField = (typeof STORY_FIELDS)[number];
export type FieldValue = string | number[] | string[];

export function isStoryField(name: string): name is StoryField {
  return (STORY_FIELDS as readonly string[]).includes(name);
}

/** The DOM id of a field's control: `field-<name>`, except the tradeoff's "chosen", which is `field-tradeoff`. */
export function fieldElementId(field: StoryField): string {
  return field === 'chosen' ? 'field-tradeoff' : `field-${field}`;
}

/**
 * The field a checker finding names (`metric`, `tradeoff`, `situation`, …) as an editor field;
 * null when it names none.
 */
export function fieldOfFinding(name: string | undefined): StoryField | null {
  if (!name) return null;
  if (name === 'tradeoff') return 'chosen';
  if (name === 'sections') return 'situation';
  return isStoryField(name) ? name : null;
}

export function getField(story: Story, field: StoryField): FieldValue {
  switch (field) {
    case 'situation':
    case 'task':
    case 'action':
    case 'result':
      return story.sections[field];
    case 'chosen':
    case 'alternatives':
    case 'because':
    case 'accepting':
      return story.tradeoff[field];
    default:
      return story[field];
  }
}

/** Sets one field in place. The value must have the field's type. */
export function setField(story: Story, field: StoryField, value: FieldValue): void {
  switch (field) {
    case 'situation':
    case 'task':
    case 'action':
    case 'result':
      story.sections[field] = value as string;
      return;
    case 'chosen':
    case 'because':
    case 'accepting':
      story.tradeoff[field] = value as string;
      return;
    case 'alternatives':
      story.tradeoff.alternatives = [...(value as string[])];
      return;
    case 'weeks':
      story.weeks = [...(value as number[])];
      return;
    case 'questionTypes':
    case 'keyPhrases':
      story[field] = [...(value as string[])];
      return;
    case 'competency':
      story.competency = value as Story['competency'];
      return;
    default:
      story[field] = value as string;
  }
}

export function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/** The fields whose values differ between two versions of a story. */
export function changedFields(a: Story, b: Story): StoryField[] {
  return STORY_FIELDS.filter((field) => !sameValue(getField(a, field), getField(b, field)));
}

/** Characters of unchanged text on each side of an edit that must match to place it elsewhere. */
const CONTEXTS = [32, 16, 8, 4, 0];

/**
 * Replays the text edit `from` → `to` on `target`, a version of `from` that someone else changed
 * too: the changed stretch is found in `target` by the text around it, as a patch tool would.
 * Returns null when the stretch cannot be placed (the other change rewrote it).
 */
export function patchText(target: string, from: string, to: string): string | null {
  if (from === to) return target;
  if (target === from) return to;
  let prefix = 0;
  const shorter = Math.min(from.length, to.length);
  while (prefix < shorter && from[prefix] === to[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < shorter - prefix && from[from.length - 1 - suffix] === to[to.length - 1 - suffix]) suffix += 1;
  const removed = from.slice(prefix, from.length - suffix);
  const inserted = to.slice(prefix, to.length - suffix);
  for (const size of CONTEXTS) {
    const before = from.slice(Math.max(0, prefix - size), prefix);
    const after = from.slice(from.length - suffix, from.length - suffix + size);
    const needle = before + removed + after;
    // An insertion with no context left to anchor it could go anywhere: give up instead.
    if (needle === '') break;
    const at = nearestOccurrence(target, needle, prefix - before.length, from.length, target.length);
    if (at === -1) continue;
    const start = at + before.length;
    return target.slice(0, start) + inserted + target.slice(start + removed.length);
  }
  return null;
}

/** Where `needle` occurs in `text`, choosing the occurrence nearest the expected place. */
function nearestOccurrence(text: string, needle: string, expected: number, oldLength: number, newLength: number) {
  const scaled = oldLength ? Math.round((expected / oldLength) * newLength) : 0;
  let best = -1;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    if (best === -1 || Math.abs(at - scaled) < Math.abs(best - scaled)) best = at;
  }
  return best;
}

// Lists are patched as text, one item a line; the markers tell an empty list from one empty item.
const ITEM = '\u0001';
const NEWLINE = '\u0002';
function listText(items: readonly (string | number)[]): string {
  return items.map((item) => ITEM + String(item).replace(/\n/g, NEWLINE)).join('\n');
}
function listItems(text: string): string[] | null {
  if (text === '') return [];
  const lines = text.split('\n');
  if (!lines.every((line) => line.startsWith(ITEM))) return null;
  return lines.map((line) => line.slice(1).replace(new RegExp(NEWLINE, 'g'), '\n'));
}

function patchValue(field: StoryField, target: FieldValue, from: FieldValue, to: FieldValue): FieldValue | null {
  if (typeof target === 'string') {
    // A competency is one of eight names, not text to splice.
    return field === 'competency' ? null : patchText(target, from as string, to as string);
  }
  const patched = patchText(listText(target), listText(from as string[]), listText(to as string[]));
  const items = patched === null ? null : listItems(patched);
  if (!items) return null;
  if (field !== 'weeks') return items;
  const weeks = items.map(Number);
  return weeks.every((week) => Number.isInteger(week) && week >= 1 && week <= 24) ? weeks : null;
}

export interface Rebased {
  story: Story;
  /** Fields whose value in the result differs from `target`. */
  changed: StoryField[];
  /** Fields where the edit could not be placed; they took the `onClash` side. */
  clashed: StoryField[];
}

/**
 * Applies the edits that turned `from` into `to` on top of `target`, field by field: a field the
 * edits did not touch keeps `target`'s value; one that only the edits changed takes `to`'s; one
 * both changed gets the edit replayed as a text patch. Where that fails, `onClash` decides:
 * `'edits'` keeps the edited value (no keystroke is lost), `'target'` keeps `target`'s.
 */
export function rebaseEdits(target: Story, from: Story, to: Story, onClash: 'edits' | 'target'): Rebased {
  const story = structuredClone(target);
  const changed: StoryField[] = [];
  const clashed: StoryField[] = [];
  for (const field of STORY_FIELDS) {
    const before = getField(from, field);
    const after = getField(to, field);
    if (sameValue(before, after)) continue;
    const current = getField(target, field);
    let next: FieldValue | null;
    if (sameValue(current, before) || sameValue(current, after)) next = after;
    else next = patchValue(field, current, before, after);
    if (next === null) {
      clashed.push(field);
      next = onClash === 'edits' ? after : current;
    }
    if (!sameValue(next, current)) {
      setField(story, field, next);
      changed.push(field);
    }
  }
  return { story, changed, clashed };
}
