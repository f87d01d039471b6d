import { describe, expect, it } from 'vitest';
import { cardsToBuild } from './boardPaging';

const records = Array.from({ length: 10 }, (_, i) => ({ story: { id: `s${i}` } }));
const ids = (list: Array<{ story: { id: string } }>) => list.map((r) => r.story.id);

describe('cardsToBuild', () => {
  it('builds the first `limit` cards and counts the rest as hidden', () => {
    const { built, hidden } = cardsToBuild(records, 3, new Set());
    expect(ids(built)).toEqual(['s0', 's1', 's2']);
    expect(hidden).toBe(7);
  });

  it('also builds a pinned story further down, in its place in the column', () => {
    const { built, hidden } = cardsToBuild(records, 2, new Set(['s7', 's1', 'elsewhere']));
    expect(ids(built)).toEqual(['s0', 's1', 's7']);
    expect(hidden).toBe(7);
  });

  it('builds all when the limit covers the column', () => {
    expect(cardsToBuild(records, 25, new Set()).hidden).toBe(0);
  });
});
