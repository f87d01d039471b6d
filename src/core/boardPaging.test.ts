import { describe, expect, it } from 'vitest';
import { BOARD_PAGE_SIZE, cardLimit, cardsToBuild, firstScreenCards } from './boardPaging';

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

describe('firstScreenCards and cardLimit', () => {
  it('build about what a window shows before the first paint, then the whole limit', () => {
    expect(firstScreenCards(700)).toBe(3);
    expect(firstScreenCards(800)).toBe(3);
    expect(firstScreenCards(1080)).toBe(5);
    expect(firstScreenCards(4000)).toBe(BOARD_PAGE_SIZE);
    expect(firstScreenCards(0)).toBe(1);
    expect(cardLimit(BOARD_PAGE_SIZE, 3)).toBe(3);
    expect(cardLimit(BOARD_PAGE_SIZE, null)).toBe(BOARD_PAGE_SIZE);
    // A column raised by "Show more" keeps its limit once painted.
    expect(cardLimit(3 * BOARD_PAGE_SIZE, null)).toBe(3 * BOARD_PAGE_SIZE);
    expect(cardLimit(1, 3)).toBe(1);
  });
});
