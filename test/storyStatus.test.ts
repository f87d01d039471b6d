import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Story } from '../src/core/story';
import { parseStoryFile } from '../src/core/frontmatter/parseStoryFile';
import { check } from '../src/core/checker/check';
import { checkInputFromStories } from '../src/core/checker/fromStories';
import { storyStatuses } from '../src/core/checker/storyStatus';

const dir = join(process.cwd(), 'resources', 'sample-vault', 'stories');
const sample = (): Story[] =>
  readdirSync(dir)
    .sort()
    .map((name) => {
      const parsed = parseStoryFile(readFileSync(join(dir, name), 'utf8'));
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.story;
    });

describe('storyStatuses', () => {
  it('marks every sample story as passing, numbered in vault order, with its spoken length', () => {
    const stories = sample();
    const statuses = storyStatuses(stories, check(checkInputFromStories(stories)));
    expect([...statuses.keys()]).toEqual(stories.map((s) => s.id));
    for (const [index, status] of [...statuses.values()].entries()) {
      expect(status).toMatchObject({ number: index + 1, star: true, metric: true, tradeoff: true, mapped: true });
      expect(status.seconds).toBeGreaterThan(60);
      expect(status.findings).toEqual([]);
    }
  });

  it('puts each failure on the story it belongs to, and only there', () => {
    const stories = sample();
    stories[1].sections.task = '';
    stories[2].metric = 'faster';
    stories[3].tradeoff = { chosen: '', alternatives: [], because: '', accepting: '' };
    stories[4].questionTypes = [];
    const statuses = [...storyStatuses(stories, check(checkInputFromStories(stories))).values()];
    expect(statuses.map((s) => [s.star, s.metric, s.tradeoff, s.mapped])).toEqual([
      [true, true, true, true],
      [false, true, true, true],
      [true, false, true, true],
      [true, true, false, true],
      [true, true, true, false],
      [true, true, true, true],
      [true, true, true, true],
      [true, true, true, true],
    ]);
    expect(statuses[1].findings.map((f) => [f.field, f.message])).toEqual([['task', 'Task is missing or empty']]);
    expect(statuses[2].findings[0].field).toBe('metric');
  });
});
