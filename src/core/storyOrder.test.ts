import { describe, expect, it } from 'vitest';
import { boardColumns } from './board';
import { checkInputFromStories } from './checker/fromStories';
import { sampleStory } from '../../test/helpers/sampleStory';
import type { CompetencyId } from './competencies';
import type { StoryRecord } from './story';
import { moveInOrder, orderStories } from './storyOrder';
import { formatStoryOrder, parseStoryOrder } from './storyOrderFile';

const record = (file: string, id: string, competency: CompetencyId): StoryRecord => ({
  file: `stories/${file}`,
  hash: '',
  story: sampleStory({ id, competency, title: id }),
});

/** File names that sort Performance first and Security last, as a user's vault did. */
const vault = [
  record('a-caching.md', 'cache', 'performance'),
  record('b-raft.md', 'raft', 'distributed-systems'),
  record('c-review.md', 'review', 'collaboration'),
  record('d-slo.md', 'slo', 'reliability'),
  record('z-signatures.md', 'signatures', 'security'),
  record('e-second-raft.md', 'raft-2', 'distributed-systems'),
];
const ids = (records: StoryRecord[]) => records.map((r) => r.story.id);

describe('orderStories', () => {
  it('defaults to the board’s competency order, not the files’ names', () => {
    expect(ids(orderStories(vault))).toEqual(['raft', 'raft-2', 'signatures', 'slo', 'cache', 'review']);
  });

  it('breaks ties by file, so the same vault is numbered the same whatever order it was read in', () => {
    expect(ids(orderStories([...vault].reverse()))).toEqual(ids(orderStories(vault)));
  });

  it('puts a saved order first, skips unknown ids, and appends the others in the default order', () => {
    const saved = ['slo', 'gone-story', 'cache', 'slo'];
    expect(ids(orderStories(vault, saved))).toEqual(['slo', 'cache', 'raft', 'raft-2', 'signatures', 'review']);
  });

  it('leaves its input as it is', () => {
    const copy = [...vault];
    orderStories(vault, ['review']);
    expect(vault).toEqual(copy);
  });

  it('numbers the board’s cards, the checker’s stories and the columns alike', () => {
    const saved = ['review', 'raft-2'];
    const ordered = orderStories(vault, saved);
    const input = checkInputFromStories(ordered.map((r) => r.story));
    expect(input.stories.map((s) => `${s.number} ${s.title}`)).toEqual([
      '1 review',
      '2 raft-2',
      '3 raft',
      '4 signatures',
      '5 slo',
      '6 cache',
    ]);
    const column = boardColumns(vault, saved).find((c) => c.competency === 'distributed-systems');
    expect(ids(column?.records ?? [])).toEqual(['raft-2', 'raft']);
  });
});

describe('moveInOrder', () => {
  it('moves an id to a place, clamped to the list', () => {
    expect(moveInOrder(['a', 'b', 'c', 'd'], 'a', 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveInOrder(['a', 'b', 'c', 'd'], 'd', 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveInOrder(['a', 'b', 'c'], 'b', 99)).toEqual(['a', 'c', 'b']);
    expect(moveInOrder(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(moveInOrder(['a', 'b'], 'x', 0)).toEqual(['a', 'b']);
  });
});

describe('the order file', () => {
  it('reads back what it writes, one id a line', () => {
    const text = formatStoryOrder(['raft', 'slo']);
    expect(text).toBe('{\n  "order": [\n    "raft",\n    "slo"\n  ]\n}\n');
    expect(parseStoryOrder(text)).toEqual({ ok: true, ids: ['raft', 'slo'] });
  });

  it('skips entries that are not story ids, and repeats', () => {
    expect(parseStoryOrder('{"order": ["raft", 3, "../x", "Raft", null, "raft", "slo"]}')).toEqual({
      ok: true,
      ids: ['raft', 'slo'],
    });
  });

  it('says what is wrong with a file that is not an order', () => {
    for (const [text, says] of [
      ['{"order": ["raft",', 'not valid JSON'],
      ['["raft"]', 'expected an object'],
      ['null', 'expected an object'],
      ['{"order": "raft"}', 'expected an "order" list'],
      ['{}', 'expected an "order" list'],
    ] as const) {
      const parsed = parseStoryOrder(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain(says);
    }
  });
});
