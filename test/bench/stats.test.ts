import { describe, expect, it } from 'vitest';
import { makeRow, median, p95, percentile, slope } from '../../bench/lib/stats.js';

describe('bench statistics', () => {
  it('median: the middle sample, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow('no samples');
  });

  it('p95 by nearest rank: always a sample that was measured', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(p95(samples)).toBe(95);
    expect(p95([7])).toBe(7);
    expect(percentile([3, 1, 2], 0)).toBe(1);
    expect(percentile([3, 1, 2], 1)).toBe(3);
    expect(() => percentile([1], 1.5)).toThrow('0–1');
  });

  it('a row: ratio to its floor, and a verdict only when it has a budget', () => {
    const row = makeRow({
      bench: 'x',
      name: 'x',
      samples: [10, 12, 11],
      floorSamples: [5, 6, 4],
      budget: { on: 'ratio', op: '<=', limit: 2 },
    });
    expect(row).toMatchObject({ median: 11, floor: 5, ratio: 2.2, ok: false, budget: { text: 'ratio ≤ 2' } });
    expect(makeRow({ bench: 'x', name: 'y', samples: [1] }).ok).toBeUndefined();
    expect(
      makeRow({ bench: 'x', name: 'z', samples: [1, 30], budget: { on: 'p95', op: '<', limit: 16 } }),
    ).toMatchObject({ ok: false, budget: { text: 'p95 < 16 ms' } });
    expect(() => makeRow({ bench: 'x', name: 'w', value: 3, budget: { on: 'p95', op: '<', limit: 1 } })).toThrow(
      'lacks',
    );
  });

  it('slope: least squares per step, so one outlier moves it less than first-to-last does', () => {
    expect(slope([1, 2, 3, 4])).toBeCloseTo(1);
    expect(slope([5, 5, 5])).toBe(0);
    // A high first reading: first-to-last says -9 over nine steps, the fitted line about -0.5 a step.
    const series = [20, 11, 11, 11, 11, 11, 11, 11, 11, 11];
    expect(series[9] - series[0]).toBe(-9);
    expect(slope(series)).toBeCloseTo(-0.491, 3);
    expect(() => slope([1])).toThrow('fewer than two');
  });

  it('a budget on what the row adds over its floor', () => {
    const row = makeRow({
      bench: 'x',
      name: 'x',
      samples: [30, 31, 29],
      floorSamples: [22, 20, 21],
      budget: { on: 'overFloor', op: '<', limit: 10 },
    });
    expect(row).toMatchObject({ median: 30, floor: 21, ok: true, budget: { text: 'median − floor < 10 ms' } });
    expect(
      makeRow({
        bench: 'x',
        name: 'y',
        samples: [40],
        floorSamples: [20],
        budget: { on: 'overFloor', op: '<', limit: 10 },
      }).ok,
    ).toBe(false);
  });
});
