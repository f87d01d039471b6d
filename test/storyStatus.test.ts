import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Story } from '../src/core/story';
import { parseStoryFile } from '../src/core/frontmatter/parseStoryFile';
import { check } from '../src/core/checker/check';
import { checkInputFromStories } from '../src/core/checker/fromStories';
import { storyStatuses } from '../src/core/checker/storyStatus';
import type { Finding } from '../src/core/checker/types';
import { generatedStoryFiles } from './helpers/manyStories';

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

  it('gives each of 300 stories the findings about it, in the report’s order, criteria before warnings', () => {
    const stories = generatedStoryFiles(300).map(({ text }) => {
      const parsed = parseStoryFile(text);
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.story;
    });
    // Several findings on some stories, of every kind (index 35: its task, and its metric
    // "faster", which has no number and is also other stories').
    stories.forEach((story, i) => {
      if (i % 7 === 0) story.sections.task = '';
      if (i % 11 === 0) story.sections.result = '';
      if (i % 5 === 0) story.metric = 'faster';
      if (i % 13 === 0) story.tradeoff = { chosen: '', alternatives: [], because: '', accepting: '' };
    });
    const report = check(checkInputFromStories(stories));
    const about = (findings: Finding[], number: number) => findings.filter((f) => f.story?.number === number);
    const statuses = storyStatuses(stories, report);
    stories.forEach((story, index) => {
      const expected = [2, 3, 4].flatMap((id) => about(report.criteria[id - 1].findings, index + 1));
      expected.push(...about(report.warnings, index + 1));
      expect(statuses.get(story.id)?.findings).toEqual(expected);
    });
    expect(statuses.get(stories[35].id)?.findings.map((f) => f.field)).toEqual(['task', 'metric', 'metric']);
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
