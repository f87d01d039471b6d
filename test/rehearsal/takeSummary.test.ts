import { describe, expect, it } from 'vitest';
import { slopePerStep, takeHistory, type TakeSummary } from '../../src/core/rehearsal/takeSummary';

const s = (seconds: number) => seconds * 1000;
/** A complete take: 15 s, 15 s, `action` s, 30 s. */
const take = (date: string, action: number, extra: Partial<TakeSummary> = {}): TakeSummary => ({
  date,
  durationMs: s(60 + action),
  sections: { situation: s(15), task: s(15), action: s(action), result: s(30) },
  ...extra,
});

describe('takeHistory', () => {
  it('has nothing to say about a story never rehearsed', () => {
    expect(takeHistory([])).toEqual({ count: 0, last: null, best: null, actionTrend: null });
  });

  it('gives one take as both last and best, with no trend', () => {
    const history = takeHistory([take('2025-03-04T10:00:00Z', 70)]);
    expect(history).toEqual({
      count: 1,
      last: { index: 0, date: '2025-03-04T10:00:00Z', durationMs: s(130) },
      best: { index: 0, date: '2025-03-04T10:00:00Z', durationMs: s(130) },
      actionTrend: null,
    });
  });

  it('orders by date, not by the order given', () => {
    const takes = [
      take('2025-03-10T10:00:00Z', 62),
      take('2025-03-04T10:00:00Z', 90),
      take('2025-03-07T10:00:00Z', 75),
    ];
    const history = takeHistory(takes);
    expect(history.last?.index).toBe(0);
    expect(history.actionTrend).toMatchObject({ takes: 3, firstMs: s(90), lastMs: s(62), changeMs: s(-28) });
  });

  it('picks as best the complete take closest to 2:00, over or under alike, the later on a tie', () => {
    const takes = [
      take('2025-03-01T10:00:00Z', 85), // 2:25
      take('2025-03-02T10:00:00Z', 50), // 1:50
      take('2025-03-03T10:00:00Z', 70), // 2:10, as close as 1:50: the later wins
      take('2025-03-04T10:00:00Z', 40), // 1:40
    ];
    expect(takeHistory(takes).best).toMatchObject({ index: 2, durationMs: s(130) });
  });

  it('never picks a take with a skipped section, or a zero-length take, as best', () => {
    const skipped = take('2025-03-05T10:00:00Z', 0, {
      durationMs: s(120),
      sections: { situation: s(30), task: s(30), action: 0, result: s(60) },
    });
    const empty: TakeSummary = { date: '2025-03-06T10:00:00Z', durationMs: 0, sections: {} };
    const history = takeHistory([take('2025-03-04T10:00:00Z', 100), skipped, empty]);
    expect(history.best).toMatchObject({ index: 0 });
    expect(history.last).toEqual({ index: 2, date: '2025-03-06T10:00:00Z', durationMs: 0 });
    expect(history.count).toBe(3);
    expect(takeHistory([skipped, empty]).best).toBeNull();
  });

  it('keeps the given order for takes with the same date', () => {
    const same = '2025-03-04T10:00:00Z';
    expect(takeHistory([take(same, 80), take(same, 60)]).last?.index).toBe(1);
  });

  it('draws the Action trend as a least-squares slope per take', () => {
    const takes = [90, 80, 75, 62].map((a, i) => take(`2025-03-0${i + 1}T10:00:00Z`, a));
    const trend = takeHistory(takes).actionTrend;
    // x = 0..3, mean 1.5; y mean 76.75 s; slope = Σ(x-x̄)(y-ȳ)/Σ(x-x̄)² = -44.5/5 = -8.9 s per take.
    expect(trend).toMatchObject({ takes: 4, firstMs: s(90), lastMs: s(62), changeMs: s(-28) });
    expect(trend?.slopeMsPerTake).toBeCloseTo(-8900, 6);
  });

  it('draws the trend only from takes with Action time, and needs two', () => {
    const noAction: TakeSummary = { date: '2025-03-02T10:00:00Z', durationMs: s(30), sections: { situation: s(30) } };
    const takes = [take('2025-03-01T10:00:00Z', 70), noAction, take('2025-03-03T10:00:00Z', 60)];
    expect(takeHistory(takes).actionTrend).toMatchObject({ takes: 2, slopeMsPerTake: s(-10) });
    expect(takeHistory([take('2025-03-01T10:00:00Z', 70), noAction]).actionTrend).toBeNull();
  });

  it('accepts dates as epoch milliseconds and mixes them with ISO strings', () => {
    const takes = [take('2025-03-02T10:00:00Z', 70), { ...take('', 60), date: Date.UTC(2025, 2, 1) }];
    expect(takeHistory(takes).last?.index).toBe(0);
  });

  it('rejects a take with a malformed date or duration, naming it', () => {
    expect(() => takeHistory([take('2025-03-01T10:00:00Z', 60), take('soon', 60)])).toThrow(/“soon”/);
    expect(() => takeHistory([take('2025-03-01T10:00:00Z', 60, { durationMs: -1 })])).toThrow(
      'take 1 has no valid duration (-1 ms)',
    );
    const badSection = take('2025-03-01T10:00:00Z', 60, { sections: { action: Number.NaN } });
    expect(() => takeHistory([badSection])).toThrow('take 1 has no valid action time (NaN ms)');
  });
});

describe('slopePerStep', () => {
  it('fits a straight line', () => {
    expect(slopePerStep([1, 2, 3])).toBe(1);
    expect(slopePerStep([5, 5, 5, 5])).toBe(0);
    expect(slopePerStep([10, 0])).toBe(-10);
  });
});
