import type { ImportReport } from '../../core/api';
import { parseDeliverable } from '../../core/deliverable/parseDeliverable';
import { parseAnswerFile } from '../../core/import/answerFile';
import { draftFromParts, draftsFromDeliverable, type ImportDraft } from '../../core/import/draftStories';
import { SECTION_KEYS } from '../../core/story';
import { parseStoryFile, readFrontmatter } from '../vault/parseStoryFile';

/** A file offered for import: its name (for messages) and its text. */
export interface ImportSource {
  name: string;
  text: string;
}

export type SkippedSource = ImportReport['skipped'][number];

/**
 * The stories in one file: a Story Bank story file as it is; a deliverable (stories under
 * `## Story N` headings) story by story; otherwise the file as one STAR answer. Never throws:
 * a file that holds no story is skipped with the reason.
 */
export function draftsFromSource(source: ImportSource): { drafts: ImportDraft[]; skipped: SkippedSource[] } {
  const skip = (reason: string) => ({ drafts: [], skipped: [{ source: source.name, reason }] });
  const own = parseStoryFile(source.text);
  if (own.ok) return { drafts: [{ story: own.story, source: source.name, asImported: [], notes: [] }], skipped: [] };

  const front = readFrontmatter(source.text);
  if (!front.ok) return skip(`line ${front.line}: ${front.message}`);
  const deliverable = parseDeliverable(front.content);
  if (deliverable.stories.length > 0) return { drafts: draftsFromDeliverable(deliverable, source.name), skipped: [] };

  const answer = parseAnswerFile(front.content, source.name, front.found ? front.data : {}, front.contentLine);
  if (SECTION_KEYS.every((key) => !answer.sections[key]))
    return skip('no story found: no "## Story N" headings and no Situation, Task, Action or Result');
  return {
    drafts: [draftFromParts(answer, source.name, [], { questionTypes: answer.questionTypes })],
    skipped: [],
  };
}
