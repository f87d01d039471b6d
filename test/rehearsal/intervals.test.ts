import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  normalizeIntervals,
  overlapMs,
  subtractIntervals,
  toActiveMs,
  totalLength,
  uncoveredMs,
  type Interval,
} from '../../src/core/rehearsal/intervals';

const iv = (startMs: number, endMs: number): Interval => ({ startMs, endMs });

describe('normalizeIntervals', () => {
  it('sorts, and merges overlapping and touching intervals', () => {
    expect(normalizeIntervals([iv(5, 8), iv(0, 2), iv(2, 3), iv(7, 10), iv(20, 25)], 'x')).toEqual([
      iv(0, 3),
      iv(5, 10),
      iv(20, 25),
    ]);
  });

  it('keeps an interval contained in another inside it', () => {
    expect(normalizeIntervals([iv(0, 100), iv(10, 20)], 'x')).toEqual([iv(0, 100)]);
  });

  it('drops empty intervals and clips to the given span', () => {
    expect(normalizeIntervals([iv(3, 3), iv(8, 15), iv(20, 30)], 'x', iv(0, 10))).toEqual([iv(8, 10)]);
  });

  it('does not change its input', () => {
    const input = [iv(0, 5), iv(4, 9)];
    normalizeIntervals(input, 'x');
    expect(input).toEqual([iv(0, 5), iv(4, 9)]);
  });

  it('names the bad interval', () => {
    expect(() => normalizeIntervals([iv(0, 1), iv(5, 2)], 'pause')).toThrow(/pause 2 ends \(2 ms\) before it starts/);
    expect(() => normalizeIntervals([iv(-1, 2)], 'pause')).toThrow(/pause 1 starts before the take/);
    expect(() => normalizeIntervals([iv(0, Number.NaN)], 'speech segment')).toThrow(/speech segment 1 .*not a number/);
    expect(() => normalizeIntervals([iv(0, Infinity)], 'x')).toThrow(RangeError);
  });

  it('gives sorted, disjoint, non-touching, non-empty intervals covering the same time (property)', () => {
    const arb = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 100 })).map(([s, l]) => iv(s, s + l)),
    );
    fc.assert(
      fc.property(arb, (list) => {
        const out = normalizeIntervals(list, 'x');
        const shaped = out.every((x, i) => x.endMs > x.startMs && (i === 0 || x.startMs > out[i - 1].endMs));
        const covers = (set: Interval[], t: number) => set.some((x) => x.startMs <= t && t < x.endMs);
        const probes = [...list, ...out].flatMap((x) => [x.startMs - 1, x.startMs, x.endMs - 1, x.endMs]);
        return shaped && probes.every((t) => covers(out, t) === covers(list, t));
      }),
    );
  });
});

describe('overlap and subtraction', () => {
  const pauses = [iv(10, 20), iv(30, 35)];

  it('measures the overlap of a span with a list', () => {
    expect(overlapMs(iv(0, 100), pauses)).toBe(15);
    expect(overlapMs(iv(15, 32), pauses)).toBe(7);
    expect(overlapMs(iv(20, 30), pauses)).toBe(0);
    expect(uncoveredMs(iv(0, 100), pauses)).toBe(85);
    expect(uncoveredMs(iv(50, 40), pauses)).toBe(0);
  });

  it('cuts intervals out of others', () => {
    expect(subtractIntervals([iv(0, 40)], pauses)).toEqual([iv(0, 10), iv(20, 30), iv(35, 40)]);
    expect(subtractIntervals([iv(12, 18)], pauses)).toEqual([]);
    expect(subtractIntervals([iv(0, 5), iv(18, 32)], pauses)).toEqual([iv(0, 5), iv(20, 30)]);
    expect(subtractIntervals([iv(0, 5)], [])).toEqual([iv(0, 5)]);
  });

  it('sums lengths', () => {
    expect(totalLength([iv(0, 10), iv(20, 25)])).toBe(15);
    expect(totalLength([])).toBe(0);
  });
});

describe('toActiveMs', () => {
  const pauses = [iv(10, 20), iv(30, 35)];
  it('takes out the paused time before a moment', () => {
    expect(toActiveMs(5, pauses)).toBe(5);
    expect(toActiveMs(25, pauses)).toBe(15);
    expect(toActiveMs(40, pauses)).toBe(25);
  });
  it('maps a moment inside a pause to the start of the pause', () => {
    expect(toActiveMs(15, pauses)).toBe(10);
    expect(toActiveMs(20, pauses)).toBe(10);
  });
  it('maps negative times to 0', () => {
    expect(toActiveMs(-5, pauses)).toBe(0);
  });
});
