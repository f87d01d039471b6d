import { z } from 'zod';
import { COMPETENCY_IDS } from './competencies';
import { describeValue, STORY_ID_PATTERN } from './story';

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

export const sectionsSchema = z.object({
  situation: z.string(),
  task: z.string(),
  action: z.string(),
  result: z.string(),
});

export const storySchema = storyMetaSchema.extend({ sections: sectionsSchema });

export type StoryMeta = z.infer<typeof storyMetaSchema>;
export type Tradeoff = z.infer<typeof tradeoffSchema>;
/** A story as the app edits it: the known frontmatter plus the four STAR sections. */
export type Story = z.infer<typeof storySchema>;
