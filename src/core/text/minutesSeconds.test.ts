import { describe, expect, it } from 'vitest';
import { minutesSeconds } from './minutesSeconds';

describe('minutesSeconds', () => {
  it('writes minutes and two-digit seconds', () => {
    expect(minutesSeconds(0)).toBe('0:00');
    expect(minutesSeconds(5_000)).toBe('0:05');
    expect(minutesSeconds(112_000)).toBe('1:52');
    expect(minutesSeconds(120_000)).toBe('2:00');
    expect(minutesSeconds(605_000)).toBe('10:05');
    expect(minutesSeconds(3_600_000)).toBe('60:00');
  });

  it('counts only the seconds that have fully passed', () => {
    expect(minutesSeconds(999)).toBe('0:00');
    expect(minutesSeconds(1_000)).toBe('0:01');
    expect(minutesSeconds(119_999)).toBe('1:59');
    expect(minutesSeconds(59_999)).toBe('0:59');
    expect(minutesSeconds(60_000)).toBe('1:00');
  });

  it('reads a negative or non-finite time as 0:00', () => {
    expect(minutesSeconds(-1)).toBe('0:00');
    expect(minutesSeconds(-61_000)).toBe('0:00');
    expect(minutesSeconds(Number.NaN)).toBe('0:00');
    expect(minutesSeconds(Number.POSITIVE_INFINITY)).toBe('0:00');
  });
});
