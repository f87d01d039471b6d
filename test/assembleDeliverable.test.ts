import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/core/checker/check';
import { assembleDeliverable } from '../src/core/deliverable/assembleDeliverable';
import { parseDeliverable } from '../src/core/deliverable/parseDeliverable';
import type { Story } from '../src/core/story';
import { parseStoryFile } from '../src/core/frontmatter/parseStoryFile';

const dir = join(process.cwd(), 'resources', 'sample-vault', 'stories');
const stories: Story[] = readdirSync(dir)
  .sort()
  .map((name) => {
    const parsed = parseStoryFile(readFileSync(join(dir, name), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.story;
  });

describe('assembleDeliverable', () => {
  it('is deterministic and its output passes all five criteria, strict, as a file', () => {
    const text = assembleDeliverable(stories);
    expect(assembleDeliverable(structuredClone(stories))).toBe(text);
    const report = check(parseDeliverable(text), { strict: true });
    expect(report.criteria.filter((c) => !c.pass)).toEqual([]);
    expect(report.stories.map((s) => s.title)).toEqual(stories.map((s) => s.title));
    expect(report.warnings).toEqual([]);
  });

  it('carries every story part, the map and the practice guide with its targets and schedule', () => {
    const text = assembleDeliverable(stories);
    const parsed = parseDeliverable(text);
    parsed.stories.forEach((story, i) => {
      expect(story.sections).toEqual(stories[i].sections);
      expect(story.metric).toBe(stories[i].metric);
    });
    expect(parsed.competencyMap.length).toBe(stories.flatMap((s) => s.questionTypes).length);
    expect(text).toContain('| Situation | 15 s |');
    expect(text).toContain('| Action | 60 s |');
    expect(text).toContain('after 3, 7, 21 and 60 days');
  });

  it('reads as written by hand: at most a short id marker per story, no copy of its content', () => {
    const awkward: Story = {
      ...stories[0],
      id: 'untitled-story-5',
      title: 'Making the build reproducible',
      // A tradeoff whose sentence does not split back into these fields, and lists a table changes.
      tradeoff: { chosen: 'A and B', alternatives: ['C, and D'], because: 'and', accepting: 'E' },
      questionTypes: ['Why | this?', 'Why | this?'],
      keyPhrases: ['` odd'],
    };
    const text = assembleDeliverable([...stories, awkward]);
    const comments = text.match(/<!--[\s\S]*?-->/g) ?? [];
    expect(comments).toEqual(stories.map((story) => `<!-- story id: ${story.id} -->`));
    expect(text).not.toContain('untitled');
    expect(text).not.toContain('story-bank:');
  });

  it('still reads the JSON hints of earlier exports', () => {
    const old = assembleDeliverable([stories[0]]).replace(
      `<!-- story id: ${stories[0].id} -->`,
      `<!-- story-bank: {"id":"${stories[0].id}","weeks":[3]} -->`,
    );
    expect(parseDeliverable(old).stories[0]).toMatchObject({ hint: { id: stories[0].id, weeks: [3] } });
  });
});
