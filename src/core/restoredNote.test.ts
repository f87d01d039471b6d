import { describe, expect, it } from 'vitest';
import { restoredNote } from './restoredNote';
import type { StoryRecord } from './story';

const record = (id: string, file: string) => ({ file, hash: '', story: { id } }) as unknown as StoryRecord;
const asked = { id: 'raft', file: 'stories/raft.md', title: 'Raft' };

describe('restoredNote', () => {
  it('says nothing when the story came back as it was deleted', () => {
    expect(restoredNote(asked, record('raft', 'stories/raft.md'))).toBeNull();
  });

  it('names the new file and id, and what took the old ones', () => {
    expect(restoredNote(asked, record('raft-2', 'stories/raft-2.md'))).toBe(
      '“Raft” came back as stories/raft-2.md with the id raft-2: stories/raft.md and the id raft are in use now, and nothing was overwritten.',
    );
    expect(restoredNote(asked, record('raft', 'stories/raft-2.md'))).toBe(
      '“Raft” came back as stories/raft-2.md: stories/raft.md is in use now, and nothing was overwritten.',
    );
  });
});
