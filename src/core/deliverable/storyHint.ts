import { z } from 'zod';
import type { Story } from '../story';
import { readStoryHeading, writeStoryHeading } from './storyHeading';
import { storyIdSchema, tradeoffSchema } from '../storySchema';
import { idFromTitle } from '../storyId';
import { isPlaceholderId } from '../newStory';

/**
 * What a deliverable's visible text cannot give back: the story's id, when it is not its title's
 * slug. The export writes it as a short comment after the story heading (`<!-- story id: x -->`,
 * invisible when rendered), so a re-import keeps the id; the deliverable holds no other copy of a
 * story's content, so it reads as written by hand and a hand edit of the text is all there is.
 *
 * Exports before this wrote a JSON hint (`<!-- story-bank: {…} -->`) that could also carry the
 * title, weeks, tradeoff and lists; the reader still takes those, so their import is unchanged.
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
const ID_LINE = /^<!-- story id: (\S+) -->\s*$/;
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The id marker line for `story`, or '' when an import would make the same id from the title its
 * heading shows.
 */
export function writeStoryHint(story: Story): string {
  const shownTitle = readStoryHeading(writeStoryHeading(1, story.title))?.title ?? '';
  if (idFromTitle(squash(shownTitle)) === story.id) return '';
  // A new story's placeholder id ("untitled-story-5") names nothing once it has a real title: an
  // import gives it the id of that title, and the deliverable does not show the placeholder.
  if (isPlaceholderId(story.id) && !isPlaceholderId(idFromTitle(squash(shownTitle)))) return '';
  // An id is letters, digits and "-" only: it cannot hold the comment's end, "-->", or a line break.
  return `<!-- story id: ${story.id} -->`;
}

/** The hint on `line`, or undefined when the line is not a well-formed hint. Never throws. */
export function readStoryHint(line: string): StoryHint | undefined {
  const marker = ID_LINE.exec(line);
  if (marker) {
    const id = storyIdSchema.safeParse(marker[1]);
    return id.success ? { id: id.data } : undefined;
  }
  const match = HINT_LINE.exec(line);
  if (!match) return undefined;
  try {
    const parsed = storyHintSchema.safeParse(JSON.parse(match[1]));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
