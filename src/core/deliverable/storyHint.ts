import { z } from 'zod';
import { tradeoffFromText } from '../import/tradeoffFromText';
import { readStoryHeading, writeStoryHeading } from './storyHeading';
import type { Story } from '../story';
import { storyIdSchema, tradeoffSchema } from '../storySchema';
import { idFromTitle } from '../storyId';
import { shownKeyPhrases, shownQuestionType } from '../text/phraseList';
import { tradeoffSentence } from '../tradeoffSentence';

/**
 * What a deliverable's visible text cannot give back exactly, for the rare story that needs it:
 * a title a heading cannot hold (a trailing "#", a line break), an id that is not its slug, a tradeoff whose sentence does not split back into its
 * fields (an alternative that itself says "and"), lists whose items a table cell would change.
 * The export writes these in an HTML comment after the story heading (invisible when rendered;
 * most stories need none). An import uses a field from it only while the visible text still
 * says the same, so a hand edit of the visible text always wins.
 */
export const storyHintSchema = z
  .object({
    id: storyIdSchema,
    title: z.string().max(1000),
    weeks: z.array(z.number().int().min(1).max(24)).max(24),
    tradeoff: tradeoffSchema,
    questionTypes: z.array(z.string()).max(200),
    keyPhrases: z.array(z.string()).max(200),
  })
  .partial();
export type StoryHint = z.infer<typeof storyHintSchema>;

const HINT_LINE = /^<!-- story-bank: (\{.*\}) -->\s*$/;
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields of `story` that its visible text would not give back, or null when there are none. */
export function storyHintFor(story: Story): StoryHint | null {
  const hint: StoryHint = {};
  if (readStoryHeading(writeStoryHeading(1, story.title))?.title !== story.title) hint.title = story.title;
  if (idFromTitle(squash(story.title)) !== story.id) hint.id = story.id;
  const weeks = [...new Set(story.weeks)];
  if (!same(weeks, story.weeks)) hint.weeks = story.weeks;
  const reading = tradeoffFromText(tradeoffSentence(story.tradeoff));
  if (!reading.exact || !same(reading.tradeoff, story.tradeoff)) hint.tradeoff = story.tradeoff;
  const types = story.questionTypes;
  if (!types.every((type, i) => type === shownQuestionType(type) && type !== '' && types.indexOf(type) === i))
    hint.questionTypes = types;
  // Key phrases show in the map rows, so only when a row shows for this story.
  const phrasesShown =
    types.some((type) => shownQuestionType(type) !== '') && same(shownKeyPhrases(story.keyPhrases), story.keyPhrases);
  if (story.keyPhrases.length > 0 && !phrasesShown) hint.keyPhrases = story.keyPhrases;
  return Object.keys(hint).length ? hint : null;
}

/** The hint comment line for `story`, or '' when its visible text says everything. */
export function writeStoryHint(story: Story): string {
  const hint = storyHintFor(story);
  // "--" may not appear inside an HTML comment; \u002d is the same "-" to a JSON reader.
  return hint ? `<!-- story-bank: ${JSON.stringify(hint).replace(/--/g, '-\\u002d')} -->` : '';
}

/** The hint on `line`, or undefined when the line is not a well-formed hint. Never throws. */
export function readStoryHint(line: string): StoryHint | undefined {
  const match = HINT_LINE.exec(line);
  if (!match) return undefined;
  try {
    const parsed = storyHintSchema.safeParse(JSON.parse(match[1]));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
