import type { ImportReport } from '../../core/api';
import { withFrontmatter } from '../../core/import/answerFile';
import { draftsFromStarFile, type ImportDraft } from '../../core/import/draftStories';
import { readStarFile, type SourceLine } from '../../core/import/readStarFile';
import { lineRanges } from '../../core/import/draftStories';
import type { Story } from '../../core/story';
import { storyMetaSchema } from '../../core/storySchema';
import { parseStoryBody } from '../../core/storyBody';
import { parseStoryFile } from '../../core/frontmatter/parseStoryFile';
import { readFrontmatter, type FrontmatterOutcome } from '../../core/frontmatter/readFrontmatter';

/** A file offered for import: its name (for messages) and its text. */
export interface ImportSource {
  name: string;
  text: string;
}

export type SkippedSource = ImportReport['skipped'][number];
export type SetAsideLine = NonNullable<ImportReport['setAside']>[number];

/** A file's name as a title: "03-raft_election.md" → "raft election". */
const titleOfFile = (name: string) =>
  name
    .replace(/\.[^.]+$/, '')
    .replace(/^\d+[-_ ]+/, '')
    .replace(/[-_]+/g, ' ')
    .trim();

/**
 * The stories in one file: a Story Bank story file as it is; anything else through the one
 * reader (core/import/readStarFile.ts), which `check FILE` uses too. Never throws: a file that
 * holds no story is skipped with the reason; lines in no story are listed as set aside.
 */
export function draftsFromSource(source: ImportSource): {
  drafts: ImportDraft[];
  skipped: SkippedSource[];
  setAside: SetAsideLine[];
} {
  const skip = (reason: string) => ({ drafts: [], skipped: [{ source: source.name, reason }], setAside: [] });
  const own = parseStoryFile(source.text);
  const front = readFrontmatter(source.text);
  if (own.ok) return { drafts: [ownStoryDraft(own.story, source, front)], skipped: [], setAside: [] };
  if (!front.ok) return skip(`line ${front.line}: ${front.message}`);
  const file = readStarFile(front.content, front.contentLine, titleOfFile(source.name));
  if (file.stories.length === 0) return skip(file.nothingFound);
  const meta = front.found ? front.data : {};
  const aside = (entry: SourceLine): SetAsideLine => ({ source: source.name, ...entry });
  if (file.stories.length === 1) {
    const story = withFrontmatter(file.stories[0], meta);
    const drafts = draftsFromStarFile({ ...file, stories: [story] }, source.name, story.metaKept);
    return { drafts, skipped: [], setAside: file.setAside.map(aside) };
  }
  // Frontmatter over several stories belongs to none of them: its lines are listed.
  const frontLines = source.text
    .split(/\r?\n/)
    .slice(0, front.contentLine - 1)
    .map((text, index) => ({ text, line: index + 1 }))
    .filter((entry) => front.found && /[\p{L}\p{N}]/u.test(entry.text));
  return {
    drafts: draftsFromStarFile(file, source.name),
    skipped: [],
    setAside: [...frontLines, ...file.setAside].map(aside),
  };
}

const STORY_KEYS = new Set(Object.keys(storyMetaSchema.shape));

/**
 * A Story Bank story file as it is, with what the vault does not model kept under "As
 * imported": frontmatter keys it does not know, and sections other than the four.
 */
function ownStoryDraft(story: Story, source: ImportSource, front: FrontmatterOutcome): ImportDraft {
  const draft: ImportDraft = { story, source: source.name, asImported: [], notes: [] };
  if (!front.ok || !front.found) return draft;
  const keys = Object.keys(front.data).filter((key) => !STORY_KEYS.has(key));
  if (keys.length) {
    draft.asImported.push(keys.map((key) => `${key}: ${JSON.stringify(front.data[key])}`).join('\n'));
    draft.notes.push(`frontmatter keys the vault does not use kept under "As imported": ${keys.join(', ')}`);
  }
  const lines = front.content.split(/\r?\n/);
  const outside = parseStoryBody(front.content).outsideLines;
  if (outside.length) {
    draft.asImported.push(outside.map((line) => lines[line - 1]).join('\n'));
    draft.notes.push(
      `text outside the four sections kept under "As imported": ${lineRanges(outside.map((line) => line + front.contentLine - 1))}`,
    );
  }
  return draft;
}
