import { describe, expect, it } from 'vitest';
import { sampleStory } from '../../test/helpers/sampleStory';
import { applyStoriesChanged } from './applyStoriesChanged';
import { boardColumns } from './board';

const record = (file: string, id: string, competency = 'security' as const) => ({
  file,
  hash: file,
  story: sampleStory({ id, competency }),
});

describe('applyStoriesChanged', () => {
  it('adds, replaces and removes by file, and drops the old file of a renamed story', () => {
    const start = [record('stories/a.md', 'a'), record('stories/b.md', 'b')];
    const next = applyStoriesChanged(start, {
      upserted: [record('stories/c.md', 'a'), record('stories/d.md', 'd')],
      removed: ['stories/b.md'],
      problems: [],
    });
    expect(next.map((r) => `${r.file}:${r.story.id}`)).toEqual(['stories/c.md:a', 'stories/d.md:d']);
  });

  it('puts each story in its competency column, eight columns in the assignment order', () => {
    const columns = boardColumns([record('stories/a.md', 'a'), record('stories/b.md', 'b', 'debugging' as never)]);
    expect(columns.map((c) => c.competency)).toEqual([
      'distributed-systems',
      'security',
      'reliability',
      'debugging',
      'performance',
      'architecture',
      'collaboration',
      'learning-from-failure',
    ]);
    expect(columns[1].records.map((r) => r.story.id)).toEqual(['a']);
    expect(columns[3].records.map((r) => r.story.id)).toEqual(['b']);
  });
});
