import { StoryBankError } from './apiError';
import type { ParseOutcome } from './frontmatter/parseStoryFile';
import { patchStoryFile } from './frontmatter/patchStoryFile';
import { SECTION_KEYS, type Sections, type Story } from './story';
import { canonicalSectionText } from './storyBody';
import { renderStoryFile } from './frontmatter/renderStoryFile';

/**
 * Reads a story file's text: parseStoryFile (frontmatter/parseStoryFile.ts), or a reader that
 * refuses more before calling it (the vault's refuses what it could never store).
 */
export type StoryReader = (text: string) => ParseOutcome;

/**
 * The text to write for `story`: `previous` patched (only what changed), or a new file when there
 * is none; `appendix` is more markdown after the sections of a new file. Checked to read back as
 * `story` before anything is written (see verifyStoryText).
 */
export function storyFileText(
  story: Story,
  previous: string | null,
  read: StoryReader,
  options: { file?: string; appendix?: string } = {},
): string {
  const { file = `the file of "${story.id}"`, appendix } = options;
  const text =
    previous === null
      ? `${renderStoryFile(story)}${appendix ? `\n${appendix.trim()}\n` : ''}`
      : patchStoryFile(previous, story);
  verifyStoryText(text, story, read, file);
  return text;
}

/**
 * Refuses (a `conflict` error naming the file and the first field that differs) a text that does
 * not read back as `story`: a hand-written file whose shape the patch cannot keep (a key missing
 * from a frontmatter written as one flow mapping, an anchor another known key uses, …) must stay
 * untouched rather than be saved as something else while the app says "saved".
 */
export function verifyStoryText(text: string, story: Story, read: StoryReader, file: string): void {
  const outcome = read(text);
  if (!outcome.ok) {
    const where = outcome.field ? ` (${outcome.field}: ${outcome.message})` : ` (${outcome.message})`;
    throw new StoryBankError(
      'conflict',
      `not saved: ${file} would not read back as a story${where}; the file is unchanged — edit it by hand`,
    );
  }
  const field = firstDifference(outcome.story, canonicalStory(story));
  if (field) {
    throw new StoryBankError(
      'conflict',
      `not saved: ${file} would read back with a different ${field} (the file's hand-written YAML or ` +
        'layout cannot hold this edit); the file is unchanged — edit it by hand',
    );
  }
}

/** The story as it reads back once saved: section texts canonical (storyBody.ts). */
export function canonicalStory(story: Story): Story {
  const sections = {} as Sections;
  for (const key of SECTION_KEYS) sections[key] = canonicalSectionText(story.sections[key]);
  return { ...story, sections };
}

/** The first field (as `tradeoff.chosen`, `sections.action`) in which the two differ, or null. */
function firstDifference(read: Story, wanted: Story): string | null {
  const fields: Array<[string, unknown, unknown]> = [
    ['id', read.id, wanted.id],
    ['title', read.title, wanted.title],
    ['competency', read.competency, wanted.competency],
    ['weeks', read.weeks, wanted.weeks],
    ['metric', read.metric, wanted.metric],
    ['tradeoff.chosen', read.tradeoff.chosen, wanted.tradeoff.chosen],
    ['tradeoff.alternatives', read.tradeoff.alternatives, wanted.tradeoff.alternatives],
    ['tradeoff.because', read.tradeoff.because, wanted.tradeoff.because],
    ['tradeoff.accepting', read.tradeoff.accepting, wanted.tradeoff.accepting],
    ['questionTypes', read.questionTypes, wanted.questionTypes],
    ['keyPhrases', read.keyPhrases, wanted.keyPhrases],
    ...SECTION_KEYS.map((key): [string, unknown, unknown] => [
      `sections.${key}`,
      read.sections[key],
      wanted.sections[key],
    ]),
  ];
  return fields.find(([, a, b]) => JSON.stringify(a) !== JSON.stringify(b))?.[0] ?? null;
}
