/**
 * The self-check after a drill, built from the story itself: did you say the metric, name the
 * alternatives, say what you accepted, use each key phrase — each shown, so the user checks
 * against the words — and did the telling stay under 2:00 (measured, not asked).
 */
import { STORY_TARGET_SECONDS } from '../checker/timing';
import type { Story } from '../story';
import { MAX_DRILL_TEXT, MAX_RUBRIC_ITEMS, type RubricItem } from './drillRecord';

export const UNDER_TWO_MINUTES_MS = STORY_TARGET_SECONDS * 1000;

const clip = (text: string): string => text.replace(/\s+/g, ' ').trim().slice(0, MAX_DRILL_TEXT);

/**
 * The rubric of a telling of `story` that took `durationMs`: the story's parts it has (an empty
 * metric or no alternatives are not asked for), every key phrase, and the 2:00 check last.
 */
export function buildRubric(
  story: Pick<Story, 'metric' | 'tradeoff' | 'keyPhrases'>,
  durationMs: number,
): RubricItem[] {
  if (!Number.isFinite(durationMs) || durationMs < 0) throw new RangeError(`no valid duration (${durationMs} ms)`);
  const items: RubricItem[] = [];
  const add = (kind: RubricItem['kind'], text: string) => {
    if (clip(text)) items.push({ kind, text: clip(text), checked: null });
  };
  add('metric', story.metric);
  add('alternatives', story.tradeoff.alternatives.map(clip).filter(Boolean).join('; '));
  add('accepting', story.tradeoff.accepting);
  for (const phrase of story.keyPhrases) add('key-phrase', phrase);
  const kept = items.slice(0, MAX_RUBRIC_ITEMS - 1);
  kept.push({ kind: 'under-two-minutes', text: '2:00', checked: durationMs <= UNDER_TWO_MINUTES_MS });
  return kept;
}

/**
 * The rubric with the user's self-check: `checked` gives one answer per item, in order. The
 * measured 2:00 item keeps its value whatever is sent for it. A list of another length is refused
 * (the page and the file disagree about the rubric).
 */
export function applyRubricChecks(rubric: readonly RubricItem[], checked: readonly (boolean | null)[]): RubricItem[] {
  if (checked.length !== rubric.length)
    throw new RangeError(`the rubric has ${rubric.length} items, and ${checked.length} answers were given`);
  return rubric.map((item, index) =>
    item.kind === 'under-two-minutes' ? { ...item } : { ...item, checked: checked[index] },
  );
}

/** A line for people: "4 of 6". */
export function rubricScore(rubric: readonly RubricItem[]): { checked: number; of: number } {
  return { checked: rubric.filter((item) => item.checked === true).length, of: rubric.length };
}
