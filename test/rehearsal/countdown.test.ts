import { describe, expect, it } from 'vitest';
import { COUNTDOWN_SECONDS, countdownState } from '../../src/core/rehearsal/countdown';

describe('countdownState', () => {
  it('shows 3, 2, 1 for a second each', () => {
    expect(COUNTDOWN_SECONDS).toBe(3);
    expect(countdownState(0)).toEqual({ phase: 'counting', number: 3, fraction: 0 });
    expect(countdownState(999)).toEqual({ phase: 'counting', number: 3, fraction: 0.999 });
    expect(countdownState(1000)).toEqual({ phase: 'counting', number: 2, fraction: 0 });
    expect(countdownState(2500)).toEqual({ phase: 'counting', number: 1, fraction: 0.5 });
  });

  it('then runs, with the take’s clock starting at 0', () => {
    expect(countdownState(3000)).toEqual({ phase: 'running', elapsedMs: 0 });
    expect(countdownState(4500)).toEqual({ phase: 'running', elapsedMs: 1500 });
  });

  it('counts a time just before Start as the start', () => {
    expect(countdownState(-40)).toEqual({ phase: 'counting', number: 3, fraction: 0 });
  });

  it('takes another length, or none', () => {
    expect(countdownState(0, 5)).toMatchObject({ number: 5 });
    expect(countdownState(0, 0)).toEqual({ phase: 'running', elapsedMs: 0 });
  });

  it('rejects what is not a time or a whole number of seconds', () => {
    expect(() => countdownState(Number.NaN)).toThrow(/must be a number/);
    expect(() => countdownState(0, 1.5)).toThrow(/whole number of seconds/);
    expect(() => countdownState(0, -1)).toThrow(RangeError);
  });
});
