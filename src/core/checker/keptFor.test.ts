import { describe, expect, it } from 'vitest';
import { sampleStory } from '../../../test/helpers/sampleStory';
import { deepFreeze } from '../deepFreeze';
import type { Story } from '../story';
import { check } from './check';
import { checkInputFromStories, type StoryPlace } from './fromStories';
import { keptFor } from './keptFor';

/** A bank with every kind of finding: an empty section, a number-less metric, a bare tradeoff, a long action. */
function bank(): Story[] {
  return [
    sampleStory({ id: 'a', title: 'A', questionTypes: ['Conflict', 'Failure'] }),
    sampleStory({ id: 'b', title: 'B', metric: 'much faster', sections: { ...sampleStory().sections, task: '' } }),
    sampleStory({
      id: 'c',
      title: 'C',
      tradeoff: { chosen: 'X', alternatives: [], because: '', accepting: '' },
      sections: { ...sampleStory().sections, action: 'word '.repeat(400) },
    }),
  ];
}

const places: StoryPlace[] = [
  { file: 'stories/a.md', line: 2, lines: { metric: 6, action: 20 } },
  { file: 'stories/b.md', line: 2, lines: { task: 14 } },
  { file: 'stories/c.md', line: 2 },
];

describe('what the checker keeps for frozen stories', () => {
  it('reports on a frozen bank, checked again and again, what it reports on the same bank unfrozen', () => {
    const frozen = bank().map(deepFreeze);
    const expected = check(checkInputFromStories(bank(), places), { strict: true, wpm: 130 });
    for (let round = 0; round < 3; round += 1) {
      expect(check(checkInputFromStories(frozen, places), { strict: true, wpm: 130 })).toEqual(expected);
    }
    // What is kept is shared with the next check, so no one can change it.
    const again = check(checkInputFromStories(frozen, places), { strict: true, wpm: 130 });
    expect(() => (again.stories[0].sections.action = 0)).toThrow(TypeError);
    const unplaced = check(checkInputFromStories(frozen));
    expect(() => (unplaced.criteria[1].findings[0].message = 'changed')).toThrow(TypeError);
    expect(places[0].lines && Object.isFrozen(places[0].lines)).toBe(false);
    // Other options are not answered from what was kept for these.
    expect(check(checkInputFromStories(frozen, places))).toEqual(check(checkInputFromStories(bank(), places)));
  });

  it('numbers and places a kept story where it is now, not where it was first checked', () => {
    const frozen = bank().map(deepFreeze);
    check(checkInputFromStories(frozen, places));
    const moved = [frozen[2], frozen[0], frozen[1]];
    const movedPlaces = [places[2], { ...places[0], lines: { metric: 7, action: 20 } }, places[1]];
    const unfrozen = bank();
    expect(check(checkInputFromStories(moved, movedPlaces))).toEqual(
      check(checkInputFromStories([unfrozen[2], unfrozen[0], unfrozen[1]], movedPlaces)),
    );
  });

  it('checks a changed story afresh: a changed story is another object', () => {
    const frozen = bank().map(deepFreeze);
    check(checkInputFromStories(frozen));
    const fixed = deepFreeze({ ...bank()[1], metric: '3× faster', sections: sampleStory().sections });
    const aboutStory2 = (stories: Story[]) =>
      check(checkInputFromStories(stories)).criteria.flatMap((c) => c.findings.filter((f) => f.story?.number === 2));
    expect(aboutStory2(frozen).map((f) => f.field)).toEqual(['task', 'metric']);
    expect(aboutStory2([frozen[0], fixed, frozen[2]])).toEqual([]);
  });

  it('computes again for anything not frozen, however often it is asked', () => {
    const owner = { text: 'one' };
    const seen: string[] = [];
    const read = () => keptFor(owner, 'text', () => (seen.push(owner.text), owner.text));
    expect(read()).toBe('one');
    owner.text = 'two';
    expect(read()).toBe('two');
    Object.freeze(owner);
    read();
    read();
    expect(seen).toEqual(['one', 'two', 'two']);
  });
});
