import { describe, expect, it } from 'vitest';
import { draftFromParts } from './draftStories';
import { readStarFile } from './readStarFile';
import { suggestFields } from './suggestFields';

const SECTIONS = {
  situation: 'Two teams were about to build their own queues.',
  task: 'Pick one broker for both.',
  action:
    'I read the docs. I compared three brokers on ordering and cost, and chose the managed one instead of running our own.',
  result: 'Both teams shipped on it. Operations work stayed under 2 hours a week.',
};

describe('suggestFields', () => {
  it('suggests a metric from the Result and a tradeoff from the Action, only where none is given', () => {
    expect(suggestFields(SECTIONS, { metric: false, tradeoff: false })).toEqual([
      'no Metric line; suggested from the Result, to confirm: "Operations work stayed under 2 hours a week."',
      'no Tradeoff line; suggested from the Action, to confirm: "I compared three brokers on ordering and cost, and chose the managed one instead of running our own."',
    ]);
    expect(suggestFields(SECTIONS, { metric: true, tradeoff: true })).toEqual([]);
    expect(
      suggestFields({ ...SECTIONS, result: 'It went well.', action: 'I did it.' }, { metric: false, tradeoff: false }),
    ).toEqual([]);
  });

  it('leaves the fields empty on import, so the checker does not count a suggestion as passing', () => {
    const [story] = readStarFile(
      Object.entries(SECTIONS)
        .map(([key, text]) => `**${key}:** ${text}`)
        .join('\n'),
    ).stories;
    const draft = draftFromParts(story, 'brokers.md');
    expect(draft.story.metric).toBe('');
    expect(draft.story.tradeoff).toEqual({ chosen: '', alternatives: [], because: '', accepting: '' });
    expect(draft.notes.filter((note) => note.includes('to confirm'))).toHaveLength(2);
  });
});
