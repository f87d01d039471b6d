import { z } from 'zod';
import { COMPETENCY_IDS } from './competencies';
import { describeValue, STORY_ID_PATTERN } from './story';
import { describeControlCharacter } from './text/oneLine';

/**
 * The story's schemas, for what reads stories from outside (files, imports, API calls): main and
 * the CLI. The renderer only handles stories main has already checked, so it never loads zod.
 */
export const storyIdSchema = z
  .string()
  .regex(STORY_ID_PATTERN, 'a story id is 1–64 lower-case letters, digits and inner hyphens');

const text = z.string({ error: (issue) => `expected text, got ${describeValue(issue.input)}` });
const textList = z.array(text, { error: (issue) => `expected a list of text, got ${describeValue(issue.input)}` });

export const tradeoffSchema = z.object({
  chosen: text,
  alternatives: textList,
  because: text,
  accepting: text,
});

/** The frontmatter keys Story Bank understands; any other key is kept untouched on save. */
export const storyMetaSchema = z.object({
  id: storyIdSchema,
  title: text.min(1, 'a title is required'),
  competency: z.enum(COMPETENCY_IDS, {
    error: (issue) => `expected one of ${COMPETENCY_IDS.join(', ')}, got ${describeValue(issue.input)}`,
  }),
  weeks: z.array(z.number().int().min(1).max(24), {
    error: (issue) => `expected a list of week numbers 1–24, got ${describeValue(issue.input)}`,
  }),
  metric: text,
  tradeoff: tradeoffSchema,
  questionTypes: textList,
  keyPhrases: textList,
});

/**
 * A title as the app saves it: one line with no control characters. It becomes a commit subject
 * and a file name; a NUL there stopped every commit and a line break could add commit trailers.
 * Files are read with the looser `storyMetaSchema`, so a file edited elsewhere still loads and the
 * title is fixed in the app (commit messages are made one line whatever the title holds).
 */
export const storyTitleSchema = text.min(1, 'a title is required').superRefine((title, context) => {
  const found = describeControlCharacter(title);
  if (found)
    context.addIssue({
      code: 'custom',
      message: `a title is one line of text without control characters, and this one has ${found}`,
    });
});

export const sectionsSchema = z.object({
  situation: z.string(),
  task: z.string(),
  action: z.string(),
  result: z.string(),
});

/** A story as the API accepts it to save: the file's fields with a one-line title, and the sections. */
export const storySchema = storyMetaSchema.extend({ title: storyTitleSchema, sections: sectionsSchema });

export type StoryMeta = z.infer<typeof storyMetaSchema>;
export type Tradeoff = z.infer<typeof tradeoffSchema>;
/** A story as the app edits it: the known frontmatter plus the four STAR sections. */
export type Story = z.infer<typeof storySchema>;
