import { describe, expect, it } from 'vitest';
import { formatWeeks, parseWeeks } from './weeks';

describe('parseWeeks', () => {
  it('reads numbers separated by commas, spaces or semicolons', () => {
    expect(parseWeeks('10, 11')).toEqual({ ok: true, weeks: [10, 11] });
    expect(parseWeeks(' 3 5;7 ')).toEqual({ ok: true, weeks: [3, 5, 7] });
    expect(parseWeeks('10,11,')).toEqual({ ok: true, weeks: [10, 11] });
  });

  it('reads an empty field as no weeks', () => {
    expect(parseWeeks('')).toEqual({ ok: true, weeks: [] });
    expect(parseWeeks(' , ')).toEqual({ ok: true, weeks: [] });
  });

  it('expands ranges and lists each week once, in the order given', () => {
    expect(parseWeeks('10-12')).toEqual({ ok: true, weeks: [10, 11, 12] });
    expect(parseWeeks('22, 10 – 11, 10')).toEqual({ ok: true, weeks: [22, 10, 11] });
  });

  it('says what is wrong with anything else', () => {
    expect(parseWeeks('0')).toEqual({ ok: false, message: expect.stringContaining('week 0 is outside') });
    expect(parseWeeks('25')).toEqual({ ok: false, message: expect.stringContaining('weeks run 1–24') });
    expect(parseWeeks('10, x')).toEqual({ ok: false, message: expect.stringContaining('“x” is not a week number') });
    expect(parseWeeks('10.5')).toMatchObject({ ok: false });
    expect(parseWeeks('-3')).toMatchObject({ ok: false });
    expect(parseWeeks('12-10')).toEqual({ ok: false, message: expect.stringContaining('runs backwards') });
    expect(parseWeeks('20-30')).toMatchObject({ ok: false });
  });

  it('round-trips what it formats', () => {
    expect(formatWeeks([10, 11])).toBe('10, 11');
    expect(parseWeeks(formatWeeks([1, 24, 7]))).toEqual({ ok: true, weeks: [1, 24, 7] });
  });
});
