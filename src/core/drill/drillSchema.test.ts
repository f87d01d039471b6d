import { describe, expect, it } from 'vitest';
import { drillRecordSchema } from './drillSchema';

const drill = {
  questionType: 'Tell me about a time you failed',
  question: 'Tell me about a time you failed.',
  rightStoryIds: ['answer'],
  picks: [{ storyId: 'answer', correct: true, atMs: 1200 }],
  correct: true,
  chooseMs: 1200,
  peeks: [{ section: 'action', atMs: 5000 }],
  rubric: [{ kind: 'under-two-minutes', text: '2:00', checked: true }],
};

describe('drillRecordSchema', () => {
  it('takes a drill whose figures agree with its picks', () => {
    expect(drillRecordSchema.safeParse(drill).success).toBe(true);
  });

  // Found by the API fuzz test (seed -1678857440): a refinement read picks[0] of an empty list
  // and threw, so abortTake answered with an internal error instead of saying what was wrong.
  it.each([
    ['no picks', []],
    ['picks that are not a list', 'answer'],
    ['a pick that is not an object', [null]],
    ['a pick without its fields', [{}]],
    ['a pick with a bad story id', [{ storyId: '../x', correct: true, atMs: 1200 }]],
  ])('refuses %s with a reason, never by throwing', (_name, picks) => {
    const result = drillRecordSchema.safeParse({ ...drill, picks });
    expect(result.success).toBe(false);
    expect(result.error?.issues.length).toBeGreaterThan(0);
  });

  it('says why an empty list of picks is refused', () => {
    const result = drillRecordSchema.safeParse({ ...drill, picks: [] });
    expect(result.error?.issues.map((issue) => issue.message)).toContain('a drill has at least one pick');
  });
});
