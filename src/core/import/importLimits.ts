import { StoryBankError } from '../apiError';

/**
 * The most stories one import adds. A deliverable holds eight and a folder of answers a few
 * dozen; a file with thousands of story headings is a mistake (or an attack), and taking it in
 * would commit thousands of files and make the board slow to open. Refused whole, before anything
 * is written, so the user can split it.
 */
export const MAX_IMPORT_STORIES = 200;

/** Refuses an import of more than MAX_IMPORT_STORIES stories, naming the count and the cap. */
export function refuseTooManyStories(count: number): void {
  if (count <= MAX_IMPORT_STORIES) return;
  throw new StoryBankError(
    'bad-request',
    `found ${count} stories to import; an import takes at most ${MAX_IMPORT_STORIES}, so nothing was imported (split the file)`,
  );
}
