import { describe, expect, it } from 'vitest';
import { sampleStory } from '../../test/helpers/sampleStory';
import { check } from './checker/check';
import { checkInputFromStories } from './checker/fromStories';
import { storyStatuses } from './checker/storyStatus';
import { COMPETENCIES } from './competencies';
import { cardMarks, spokenLength } from './storyCard';

/** Eight passing stories, one per competency, each with its own metric. */
const bank = () =>
  COMPETENCIES.map((c, i) =>
    sampleStory({ id: `s${i}`, title: `Story ${i}`, competency: c.id, metric: `${i + 1}.8 s median election` }),
  );

describe('cardMarks', () => {
  it('passes all four marks for a complete story, each with what it checks', () => {
    const stories = bank();
    const status = storyStatuses(stories, check(checkInputFromStories(stories))).get('s0')!;
    const marks = cardMarks(status);
    expect(marks.map((m) => [m.label, m.criterion, m.pass])).toEqual([
      ['STAR', 2, true],
      ['Metric', 3, true],
      ['Tradeoff', 4, true],
      ['Mapped', 5, true],
    ]);
    expect(marks.every((m) => m.detail.endsWith('.'))).toBe(true);
  });

  it('gives each failing mark the checker’s own findings, not the timing warnings', () => {
    const stories = bank();
    stories[1].sections.task = '';
    stories[1].sections.result = '';
    // A section far over its time makes a warning that also names a section.
    stories[1].sections.action = 'word '.repeat(400);
    stories[1].metric = 'much faster';
    stories[1].tradeoff = { chosen: 'Raft', alternatives: [], because: 'it fit', accepting: '' };
    stories[1].questionTypes = [];
    const status = storyStatuses(stories, check(checkInputFromStories(stories))).get('s1')!;
    expect(status.findings.some((f) => f.field === 'action')).toBe(true);
    const [star, metric, tradeoff, mapped] = cardMarks(status);
    expect(star).toMatchObject({ pass: false, detail: 'Task is missing or empty. Result is missing or empty.' });
    expect(metric).toMatchObject({ pass: false, detail: 'The metric "much faster" has no specific number.' });
    expect(tradeoff.pass).toBe(false);
    expect(tradeoff.detail).toMatch(/^The tradeoff names no alternative/);
    expect(tradeoff.detail).not.toMatch(/Task|metric/);
    expect(mapped).toMatchObject({ pass: false, detail: 'No interview question type maps to this story yet.' });
  });

  it('names the other story when two share a metric', () => {
    const stories = bank();
    stories[2].metric = stories[0].metric;
    const status = storyStatuses(stories, check(checkInputFromStories(stories))).get('s2')!;
    expect(cardMarks(status)[1].detail).toBe(
      'Uses the same metric as story 1 ("Story 0"); each metric must be different.',
    );
  });
});

describe('spokenLength', () => {
  it('shows minutes and seconds against 2:00', () => {
    expect(spokenLength(0).text).toBe('0:00 / 2:00');
    expect(spokenLength(605).text).toBe('10:05 / 2:00');
    expect(spokenLength(112)).toEqual({
      text: '1:52 / 2:00',
      overTarget: false,
      tooLong: false,
      label: 'About 1:52 to say; the target is 2:00.',
    });
  });

  it('warns only past 2:30', () => {
    expect(spokenLength(120)).toMatchObject({ overTarget: false, tooLong: false });
    expect(spokenLength(121)).toMatchObject({ overTarget: true, tooLong: false });
    expect(spokenLength(150)).toMatchObject({ text: '2:30 / 2:00', tooLong: false });
    expect(spokenLength(151)).toMatchObject({
      tooLong: true,
      label: 'About 2:31 to say; the target is 2:00. Too long: cut it to 2:00.',
    });
  });
});
