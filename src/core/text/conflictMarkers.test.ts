import { describe, expect, it } from 'vitest';
import { conflictHunks, conflictMarkerLine } from './conflictMarkers';

describe('conflict markers', () => {
  const merged = [
    'Name: Ada',
    '<<<<<<< your edits',
    '**Metric:** 40% fewer pages',
    'a second line of mine',
    '=======',
    '**Metric:** 45% fewer pages',
    '>>>>>>> the new export',
    'end',
    '<<<<<<< your edits',
    '||||||| the last export',
    'old',
    '=======',
    'new',
    '>>>>>>> the new export',
    '',
  ].join('\n');

  it('finds each hunk with both sides and its line, skipping a base section', () => {
    expect(conflictHunks(merged)).toEqual([
      { line: 2, mine: '**Metric:** 40% fewer pages\na second line of mine', theirs: '**Metric:** 45% fewer pages' },
      { line: 9, mine: '', theirs: 'new' },
    ]);
  });

  it('names the first marker line, and none in text without markers (a ==== rule is not one)', () => {
    expect(conflictMarkerLine(merged)).toBe(2);
    expect(conflictMarkerLine('a\n=======\n')).toBe(2);
    expect(conflictMarkerLine('Title\n========\n<<<<<<<<\n')).toBeNull();
    expect(conflictHunks('no conflict\n')).toEqual([]);
  });
});
