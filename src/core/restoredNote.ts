import type { StoryRecord } from './story';

/** A deleted story as the user chose to restore it: the id, file and title it had. */
export interface RestoreAsked {
  id: string | null;
  file: string;
  title: string;
}

/**
 * What to tell the user when a restored story did not come back as it was deleted: a story has
 * its file or its id now, so it came back under new ones (`restoreDeletedStory` never overwrites).
 * Null when it came back unchanged.
 */
export function restoredNote(asked: RestoreAsked, record: StoryRecord): string | null {
  const movedFile = record.file !== asked.file;
  const newId = asked.id !== null && record.story.id !== asked.id;
  if (!movedFile && !newId) return null;
  const taken = [movedFile ? asked.file : '', newId ? `the id ${asked.id}` : ''].filter(Boolean).join(' and ');
  const kept = newId ? ` with the id ${record.story.id}` : '';
  const are = movedFile && newId ? 'are' : 'is';
  return `“${asked.title}” came back as ${record.file}${kept}: ${taken} ${are} in use now, and nothing was overwritten.`;
}
