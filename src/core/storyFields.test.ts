import { describe, expect, it } from 'vitest';
import { sampleStory } from '../../test/helpers/sampleStory';
import {
  changedFields,
  fieldElementId,
  fieldOfFinding,
  getField,
  patchText,
  rebaseEdits,
  setField,
  STORY_FIELDS,
} from './storyFields';

describe('the story field table', () => {
  it('reads and writes every field, and names its element', () => {
    const story = sampleStory();
    for (const field of STORY_FIELDS) {
      const value = getField(story, field);
      const next = typeof value === 'string' ? `${value}!` : field === 'weeks' ? [3] : ['x'];
      if (field === 'competency') continue;
      setField(story, field, next);
      expect(getField(story, field), field).toEqual(next);
    }
    setField(story, 'competency', 'security');
    expect(story.competency).toBe('security');
    expect(fieldElementId('chosen')).toBe('field-tradeoff');
    expect(fieldElementId('questionTypes')).toBe('field-questionTypes');
    expect(fieldOfFinding('tradeoff')).toBe('chosen');
    expect(fieldOfFinding('metric')).toBe('metric');
    expect(fieldOfFinding('nonsense')).toBeNull();
  });

  it('lists the fields that differ', () => {
    const a = sampleStory();
    const b = sampleStory({ metric: 'other', keyPhrases: ['a', 'b'] });
    b.sections.task = 'changed';
    expect(changedFields(a, b)).toEqual(['task', 'metric', 'keyPhrases']);
    expect(changedFields(a, sampleStory())).toEqual([]);
  });
});

describe('patchText', () => {
  it('replays an insertion where the surrounding text is, even after text moved around it', () => {
    const from = 'Alpha beta gamma.';
    const to = 'Alpha beta, and more, gamma.';
    const target = 'Intro sentence. Alpha beta gamma. Outro.';
    expect(patchText(target, from, to)).toBe('Intro sentence. Alpha beta, and more, gamma. Outro.');
  });

  it('replays a deletion and a replacement', () => {
    expect(patchText('X. one two three. Y.', 'one two three.', 'one three.')).toBe('X. one three. Y.');
    expect(patchText('Start. one two three.', 'one two three.', 'one 2 three.')).toBe('Start. one 2 three.');
  });

  it('takes the edit whole when the target is the original, and changes nothing for no edit', () => {
    expect(patchText('abc', 'abc', 'abcd')).toBe('abcd');
    expect(patchText('zzz', 'abc', 'abc')).toBe('zzz');
  });

  it('picks the occurrence nearest the original place when the context repeats', () => {
    const from = 'ab ab ab';
    const to = 'ab ab abX';
    expect(patchText('ab ab ab!', from, to)).toBe('ab ab abX!');
  });

  it('gives up when the edited stretch is gone', () => {
    expect(patchText('Something else entirely.', 'one two three', 'one two three four')).toBeNull();
  });
});

describe('rebaseEdits', () => {
  it('applies edits to fields nobody else touched and keeps the other side elsewhere', () => {
    const from = sampleStory();
    const to = sampleStory({ metric: 'mine' });
    const target = sampleStory({ title: 'theirs' });
    const result = rebaseEdits(target, from, to, 'edits');
    expect(result.story.metric).toBe('mine');
    expect(result.story.title).toBe('theirs');
    expect(result.changed).toEqual(['metric']);
    expect(result.clashed).toEqual([]);
  });

  it('patches text both sides changed', () => {
    const from = sampleStory();
    const to = structuredClone(from);
    to.sections.action = `${from.sections.action} Then I measured it.`;
    const target = structuredClone(from);
    target.sections.action = `First, ${from.sections.action}`;
    const result = rebaseEdits(target, from, to, 'edits');
    expect(result.story.sections.action).toBe(`First, ${from.sections.action} Then I measured it.`);
  });

  it('patches lists item by item', () => {
    const from = sampleStory({ keyPhrases: ['a', 'b', 'c'] });
    const to = sampleStory({ keyPhrases: ['a', 'b', 'c', 'd'] });
    const target = sampleStory({ keyPhrases: ['A', 'b', 'c'] });
    expect(rebaseEdits(target, from, to, 'target').story.keyPhrases).toEqual(['A', 'b', 'c', 'd']);
    const removed = rebaseEdits(sampleStory({ keyPhrases: ['a', 'b', 'c', 'd', 'e'] }), to, from, 'target');
    expect(removed.story.keyPhrases).toEqual(['a', 'b', 'c', 'e']);
    // An empty list and a list of one empty item are different lists.
    const empty = rebaseEdits(sampleStory({ keyPhrases: [] }), sampleStory({ keyPhrases: [] }), to, 'target');
    expect(empty.story.keyPhrases).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps weeks valid', () => {
    const from = sampleStory({ weeks: [10] });
    const to = sampleStory({ weeks: [10, 11] });
    expect(rebaseEdits(sampleStory({ weeks: [9, 10] }), from, to, 'target').story.weeks).toEqual([9, 10, 11]);
  });

  it('resolves a clash by the side asked for', () => {
    const from = sampleStory({ competency: 'security' });
    const to = sampleStory({ competency: 'debugging' });
    const target = sampleStory({ competency: 'performance' });
    expect(rebaseEdits(target, from, to, 'edits')).toMatchObject({
      story: { competency: 'debugging' },
      clashed: ['competency'],
    });
    expect(rebaseEdits(target, from, to, 'target')).toMatchObject({
      story: { competency: 'performance' },
      clashed: ['competency'],
      changed: [],
    });
  });

  it('leaves its inputs alone', () => {
    const target = sampleStory();
    const before = structuredClone(target);
    rebaseEdits(target, sampleStory(), sampleStory({ metric: 'x' }), 'edits');
    expect(target).toEqual(before);
  });
});
