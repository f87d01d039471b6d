import { z } from 'zod';
import { COMPETENCY_IDS } from './competencies';

/**
 * A story id names the story for its whole life (file names follow titles, ids never change) and
 * is used as a folder name under `rehearsals/`, so it is restricted to a path-safe alphabet.
 */
export const STORY_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

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

export type StoryMeta = z.infer<typeof storyMetaSchema>;
export type Tradeoff = z.infer<typeof tradeoffSchema>;

export const SECTION_KEYS = ['situation', 'task', 'action', 'result'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];
export type Sections = Record<SectionKey, string>;

export const SECTION_TITLES: Record<SectionKey, string> = {
  situation: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
};

export const sectionsSchema = z.object({
  situation: z.string(),
  task: z.string(),
  action: z.string(),
  result: z.string(),
});

export const storySchema = storyMetaSchema.extend({ sections: sectionsSchema });

/** A story as the app edits it: the known frontmatter plus the four STAR sections. */
export type Story = z.infer<typeof storySchema>;

/** A story as it stands in the vault: where it lives and the content hash of that file. */
export interface StoryRecord {
  /** Path relative to the vault root, always with forward slashes, e.g. `stories/01-raft.md`. */
  file: string;
  story: Story;
  /** sha-256 of the file's bytes, hex; lets the app tell its own writes from outside edits. */
  hash: string;
}

/** A file the vault could not read as a story. It is left untouched on disk. */
export interface FileProblem {
  file: string;
  line: number;
  field?: string;
  message: string;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
}
