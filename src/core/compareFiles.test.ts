import { describe, expect, it } from 'vitest';
import { boardColumns } from './board';
import { compareFiles } from './compareFiles';
import type { StoryRecord } from './story';

describe('compareFiles', () => {
  it('orders by code unit, whatever the locale: capitals first, accents after ASCII', () => {
    const files = ['stories/b.md', 'stories/B.md', 'stories/a-b.md', 'stories/ab.md', 'stories/é.md', 'stories/10.md'];
    expect([...files].sort(compareFiles)).toEqual([
      'stories/10.md',
      'stories/B.md',
      'stories/a-b.md',
      'stories/ab.md',
      'stories/b.md',
      'stories/é.md',
    ]);
    expect(compareFiles('stories/a.md', 'stories/a.md')).toBe(0);
  });

  it('is the order of the board’s columns', () => {
    const record = (file: string) => ({ file, hash: '', story: { competency: 'security' } }) as unknown as StoryRecord;
    const column = boardColumns([record('stories/b.md'), record('stories/B.md'), record('stories/a.md')]).find(
      (c) => c.competency === 'security',
    );
    expect(column?.records.map((r) => r.file)).toEqual(['stories/B.md', 'stories/a.md', 'stories/b.md']);
  });
});
