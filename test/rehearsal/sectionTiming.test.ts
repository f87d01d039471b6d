import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OVERSHOOT_TOLERANCE, SECTION_TARGET_SECONDS } from '../../src/core/checker/timing';
import { judgeDuration, sectionAt, sectionTiming, type SectionMark } from '../../src/core/rehearsal/sectionTiming';
import { SECTION_KEYS, type SectionKey } from '../../src/core/story';

const mark = (section: SectionKey, seconds: number): SectionMark => ({ section, atMs: seconds * 1000 });
const onTarget = [mark('situation', 0), mark('task', 15), mark('action', 30), mark('result', 90)];

describe('sectionTiming', () => {
  it('times a take that hits every target', () => {
    const timing = sectionTiming(onTarget, { totalMs: 120_000 });
    for (const key of SECTION_KEYS) {
      expect(timing.sections[key]).toMatchObject({
        section: key,
        durationMs: SECTION_TARGET_SECONDS[key] * 1000,
        targetSeconds: SECTION_TARGET_SECONDS[key],
        overrunSeconds: 0,
        overTolerance: false,
        skipped: false,
      });
    }
    expect(timing.total).toEqual({
      durationMs: 120_000,
      targetSeconds: 120,
      overrunSeconds: 0,
      overTolerance: false,
      pausedMs: 0,
      leadInMs: 0,
    });
    expect(timing.sections.action.spans).toEqual([{ startMs: 30_000, endMs: 90_000 }]);
  });

  it('reports seconds over the target, and past the 25 % tolerance only beyond it', () => {
    const marks = [mark('situation', 0), mark('task', 18.75), mark('action', 37.5), mark('result', 100)];
    const timing = sectionTiming(marks, { totalMs: 160_000 });
    // 18.75 s is exactly 25 % over 15 s: over the target, not past the tolerance (the checker's `>`).
    expect(timing.sections.situation).toMatchObject({ overrunSeconds: 3.75, overTolerance: false });
    expect(timing.sections.task).toMatchObject({ durationMs: 18_750, overrunSeconds: 3.75, overTolerance: false });
    expect(timing.sections.action).toMatchObject({ durationMs: 62_500, overrunSeconds: 2.5, overTolerance: false });
    expect(timing.sections.result).toMatchObject({ durationMs: 60_000, overrunSeconds: 30, overTolerance: true });
    expect(timing.total).toMatchObject({ durationMs: 160_000, overrunSeconds: 40, overTolerance: true });
  });

  it('uses the checker’s tolerance', () => {
    const limitMs = 60_000 * (1 + OVERSHOOT_TOLERANCE);
    expect(judgeDuration(limitMs, 60).overTolerance).toBe(false);
    expect(judgeDuration(limitMs + 1, 60).overTolerance).toBe(true);
    expect(judgeDuration(10_000, 15)).toEqual({ targetSeconds: 15, overrunSeconds: 0, overTolerance: false });
  });

  it('marks sections never reached, or left at once, as skipped', () => {
    const marks = [mark('situation', 0), mark('task', 10), mark('action', 10), mark('result', 50)];
    const timing = sectionTiming(marks, { totalMs: 70_000 });
    expect(timing.sections.task).toMatchObject({ durationMs: 0, skipped: true, overrunSeconds: 0, spans: [] });
    expect(timing.sections.action).toMatchObject({ durationMs: 40_000, skipped: false });
    const stopped = sectionTiming([mark('situation', 0), mark('task', 12)], { totalMs: 20_000 });
    expect(stopped.sections.action).toMatchObject({ durationMs: 0, skipped: true });
    expect(stopped.sections.result).toMatchObject({ durationMs: 0, skipped: true });
    expect(stopped.total.durationMs).toBe(20_000);
  });

  it('adds up the visits of a section the user went back to', () => {
    const marks = [
      mark('situation', 0),
      mark('task', 15),
      mark('action', 30),
      mark('task', 40),
      mark('action', 45),
      mark('result', 100),
    ];
    const timing = sectionTiming(marks, { totalMs: 130_000 });
    expect(timing.sections.task.durationMs).toBe(20_000);
    expect(timing.sections.task.spans).toEqual([
      { startMs: 15_000, endMs: 30_000 },
      { startMs: 40_000, endMs: 45_000 },
    ]);
    expect(timing.sections.action.durationMs).toBe(65_000);
  });

  it('takes paused time out of sections and the total', () => {
    const pauses = [
      { startMs: 5_000, endMs: 10_000 },
      { startMs: 40_000, endMs: 50_000 },
    ];
    const marks = [mark('situation', 0), mark('task', 20), mark('action', 35), mark('result', 105)];
    const timing = sectionTiming(marks, { totalMs: 135_000, pauses });
    expect(timing.sections.situation.durationMs).toBe(15_000);
    expect(timing.sections.action.durationMs).toBe(60_000);
    expect(timing.total).toMatchObject({ durationMs: 120_000, pausedMs: 15_000, overrunSeconds: 0 });
    // The spans stay on the take's clock, pauses included.
    expect(timing.sections.situation.spans).toEqual([{ startMs: 0, endMs: 20_000 }]);
  });

  it('merges overlapping pauses and clips a pause running past the end (stopped while paused)', () => {
    const pauses = [
      { startMs: 10_000, endMs: 20_000 },
      { startMs: 15_000, endMs: 25_000 },
      { startMs: 50_000, endMs: 90_000 },
    ];
    const timing = sectionTiming([mark('situation', 0)], { totalMs: 60_000, pauses });
    expect(timing.pauses).toEqual([
      { startMs: 10_000, endMs: 25_000 },
      { startMs: 50_000, endMs: 60_000 },
    ]);
    expect(timing.total).toMatchObject({ durationMs: 35_000, pausedMs: 25_000 });
  });

  it('handles a mark placed during a pause', () => {
    const pauses = [{ startMs: 10_000, endMs: 20_000 }];
    const timing = sectionTiming([mark('situation', 0), mark('task', 15)], { totalMs: 30_000, pauses });
    expect(timing.sections.situation.durationMs).toBe(10_000);
    expect(timing.sections.task.durationMs).toBe(10_000);
  });

  it('reports time before the first mark as lead-in, in the total only', () => {
    const timing = sectionTiming([mark('situation', 2)], { totalMs: 10_000, pauses: [{ startMs: 0, endMs: 500 }] });
    expect(timing.total).toMatchObject({ leadInMs: 1500, durationMs: 9500 });
    expect(timing.sections.situation.durationMs).toBe(8000);
  });

  it('handles a zero-length take', () => {
    const timing = sectionTiming([mark('situation', 0)], { totalMs: 0 });
    for (const key of SECTION_KEYS) expect(timing.sections[key]).toMatchObject({ durationMs: 0, skipped: true });
    expect(timing.total).toMatchObject({ durationMs: 0, overrunSeconds: 0, overTolerance: false, leadInMs: 0 });
  });

  it('handles a take with no marks: everything is lead-in', () => {
    const timing = sectionTiming([], { totalMs: 5000 });
    expect(timing.total).toMatchObject({ durationMs: 5000, leadInMs: 5000 });
    for (const key of SECTION_KEYS) expect(timing.sections[key].skipped).toBe(true);
  });

  it('gives the live numbers when called with the time so far', () => {
    const live = sectionTiming([mark('situation', 0), mark('task', 16)], { totalMs: 21_000 });
    expect(live.sections.situation).toMatchObject({ durationMs: 16_000, overrunSeconds: 1 });
    expect(live.sections.task.durationMs).toBe(5000);
  });

  it('rejects marks out of order, with which mark and why', () => {
    const marks = [mark('situation', 0), mark('task', 20), mark('action', 15)];
    expect(() => sectionTiming(marks, { totalMs: 60_000 })).toThrow(RangeError);
    expect(() => sectionTiming(marks, { totalMs: 60_000 })).toThrow(
      'mark 3 (action at 15000 ms) comes before mark 2 (task at 20000 ms): marks must be listed in the order they were recorded',
    );
  });

  it('rejects marks outside the take, unknown sections and bad lengths', () => {
    expect(() => sectionTiming([mark('situation', 0), mark('task', 70)], { totalMs: 60_000 })).toThrow(
      /mark 2 \(task at 70000 ms\) is after the end of the take \(60000 ms\)/,
    );
    expect(() => sectionTiming([{ section: 'situation', atMs: -1 }], { totalMs: 10 })).toThrow(
      /not a time in the take/,
    );
    expect(() => sectionTiming([{ section: 'situation', atMs: Number.NaN }], { totalMs: 10 })).toThrow(RangeError);
    const unknown = [{ section: 'conclusion', atMs: 0 }] as unknown as SectionMark[];
    expect(() => sectionTiming(unknown, { totalMs: 10 })).toThrow(/names no STAR section/);
    expect(() => sectionTiming([], { totalMs: -1 })).toThrow(/non-negative/);
    expect(() => sectionTiming([], { totalMs: Number.NaN })).toThrow(/non-negative/);
    expect(() => sectionTiming([], { totalMs: 10, pauses: [{ startMs: 5, endMs: 2 }] })).toThrow(/pause 1/);
  });

  it('always adds up: sections + lead-in = total, total + paused = take (property)', () => {
    const arb = fc
      .record({
        totalMs: fc.integer({ min: 0, max: 300_000 }),
        marks: fc.array(fc.tuple(fc.constantFrom(...SECTION_KEYS), fc.double({ min: 0, max: 1, noNaN: true }))),
        pauses: fc.array(
          fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
        ),
      })
      .map(({ totalMs, marks, pauses }) => ({
        totalMs,
        marks: marks
          .map(([section, f]) => ({ section, atMs: Math.round(f * totalMs) }))
          .sort((a, b) => a.atMs - b.atMs),
        pauses: pauses.map(([a, b]) => ({
          startMs: Math.round(Math.min(a, b) * totalMs),
          endMs: Math.round(Math.max(a, b) * totalMs),
        })),
      }));
    fc.assert(
      fc.property(arb, ({ totalMs, marks, pauses }) => {
        const timing = sectionTiming(marks, { totalMs, pauses });
        const sum = SECTION_KEYS.reduce((s, key) => s + timing.sections[key].durationMs, 0);
        return (
          Math.abs(sum + timing.total.leadInMs - timing.total.durationMs) < 1e-6 &&
          timing.total.durationMs + timing.total.pausedMs === totalMs &&
          SECTION_KEYS.every((key) => timing.sections[key].durationMs >= 0)
        );
      }),
    );
  });
});

describe('sectionAt', () => {
  const marks = [mark('situation', 0), mark('task', 15), mark('action', 30)];
  it('names the section on screen at a moment', () => {
    expect(sectionAt(marks, 0)).toBe('situation');
    expect(sectionAt(marks, 14_999)).toBe('situation');
    expect(sectionAt(marks, 15_000)).toBe('task');
    expect(sectionAt(marks, 100_000)).toBe('action');
  });
  it('is null before the first mark', () => {
    expect(sectionAt([mark('situation', 2)], 1000)).toBeNull();
    expect(sectionAt([], 0)).toBeNull();
  });
});
