import { describe, expect, it } from 'vitest';
import { secondInstanceSteps, startAction } from './singleInstance';

describe('one Story Bank app at a time', () => {
  it('the first start runs; a second quits and hands over to the first', () => {
    expect(startAction(true)).toBe('start');
    expect(startAction(false)).toBe('quit');
  });

  it('the first instance brings its window to the front: restored if minimised, shown if hidden', () => {
    expect(secondInstanceSteps({ minimized: false, visible: true })).toEqual(['focus']);
    expect(secondInstanceSteps({ minimized: true, visible: true })).toEqual(['restore', 'focus']);
    expect(secondInstanceSteps({ minimized: false, visible: false })).toEqual(['show', 'focus']);
    expect(secondInstanceSteps(null)).toEqual([]);
  });
});
