import { compareFiles } from './compareFiles';
import type { StoriesChanged } from './api';
import type { StoryRecord } from './story';

/** The story list after a change event: removed files dropped, upserted records put in place. */
export function applyStoriesChanged(records: readonly StoryRecord[], change: StoriesChanged): StoryRecord[] {
  const byFile = new Map(records.map((record) => [record.file, record]));
  for (const file of change.removed) byFile.delete(file);
  for (const record of change.upserted) {
    // A story renamed to a new file arrives as an upsert under its new name: drop the old one.
    for (const [file, existing] of byFile)
      if (existing.story.id === record.story.id && file !== record.file) byFile.delete(file);
    byFile.set(record.file, record);
  }
  return [...byFile.values()].sort((a, b) => compareFiles(a.file, b.file));
}
