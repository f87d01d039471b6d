// Types only: erased from the build, so this module loads no zod (see storySchema.ts).
import type { Story } from './storySchema';

export type { Story, StoryMeta, Tradeoff } from './storySchema';

/**
 * The story model's constants and plain types. The schemas, which need zod, and the types inferred
 * from them are in storySchema.ts, so that what the renderer imports from here does not pull zod
 * into the page (building the schemas at load was a good part of the page's start-up).
 */

/**
 * A story id names the story for its whole life (file names follow titles, ids never change) and
 * is used as a folder name under `rehearsals/`, so it is restricted to a path-safe alphabet.
 */
export const STORY_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export const SECTION_KEYS = ['situation', 'task', 'action', 'result'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];
export type Sections = Record<SectionKey, string>;

export const SECTION_TITLES: Record<SectionKey, string> = {
  situation: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
};

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
