import { describe, expect, it } from 'vitest';
import {
  analyzeVoice,
  LONG_PAUSE_MS,
  MIN_PACE_VOICED_MS,
  pace,
  type VoiceInput,
} from '../../src/core/rehearsal/voiceActivity';
import type { Sections } from '../../src/core/story';

const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
// 30 / 30 / 150 / 75 words: 150 wpm over the 15/15/60/30 s targets.
const script: Sections = { situation: words(30), task: words(30), action: words(150), result: words(75) };
const marks = [
  { section: 'situation' as const, atMs: 0 },
  { section: 'task' as const, atMs: 15_000 },
  { section: 'action' as const, atMs: 30_000 },
  { section: 'result' as const, atMs: 90_000 },
];
const seg = (startS: number, endS: number) => ({ startMs: startS * 1000, endMs: endS * 1000 });
const input = (over: Partial<VoiceInput>): VoiceInput => ({
  segments: [],
  marks,
  totalMs: 120_000,
  sections: script,
  ...over,
});

describe('analyzeVoice', () => {
  it('measures voiced time and pace per section and in total', () => {
    const analysis = analyzeVoice(input({ segments: [seg(0, 12), seg(15, 27), seg(30, 78), seg(90, 114)] }));
    expect(analysis.sections.situation).toMatchObject({ voicedMs: 12_000, words: 30, pace: 150 });
    expect(analysis.sections.task).toMatchObject({ voicedMs: 12_000, pace: 150 });
    expect(analysis.sections.action).toMatchObject({ voicedMs: 48_000, words: 150, pace: 187.5 });
    expect(analysis.sections.result).toMatchObject({ voicedMs: 24_000, pace: 187.5 });
    expect(analysis.total).toMatchObject({
      voicedMs: 96_000,
      words: 285,
      pace: (285 / 96) * 60,
      speechDetected: true,
      leadingSilenceMs: 0,
      trailingSilenceMs: 6000,
    });
    expect(analysis.total.longPauses).toEqual([
      { startMs: 12_000, lengthMs: 3000, section: 'situation' },
      { startMs: 27_000, lengthMs: 3000, section: 'task' },
      { startMs: 78_000, lengthMs: 12_000, section: 'action' },
    ]);
    expect(analysis.sections.result.longPauses).toEqual([]);
  });

  it('merges overlapping and touching segments before measuring', () => {
    const analysis = analyzeVoice(input({ segments: [seg(2, 5), seg(4, 8), seg(8, 10), seg(1, 3)] }));
    expect(analysis.speech).toEqual([seg(1, 10)]);
    expect(analysis.sections.situation.voicedMs).toBe(9000);
    expect(analysis.total.longPauses).toEqual([]);
  });

  it('splits speech across a section change', () => {
    const analysis = analyzeVoice(input({ segments: [seg(10, 20)] }));
    expect(analysis.sections.situation.voicedMs).toBe(5000);
    expect(analysis.sections.task.voicedMs).toBe(5000);
    expect(analysis.total.voicedMs).toBe(10_000);
  });

  it('lists silences longer than 2 s between speech, per section, with start and length', () => {
    const analysis = analyzeVoice(
      input({ segments: [seg(0, 5), seg(7, 10), seg(12.5, 14), seg(31, 40), seg(50, 60), seg(91, 100)] }),
    );
    // 5→7 is exactly 2 s: not longer than 2 s. 10→12.5 is. 14→31 spans Task: it belongs to Situation.
    expect(analysis.sections.situation.longPauses).toEqual([
      { startMs: 10_000, lengthMs: 2500, section: 'situation' },
      { startMs: 14_000, lengthMs: 17_000, section: 'situation' },
    ]);
    expect(analysis.sections.task.longPauses).toEqual([]);
    expect(analysis.sections.action.longPauses).toEqual([
      { startMs: 40_000, lengthMs: 10_000, section: 'action' },
      { startMs: 60_000, lengthMs: 31_000, section: 'action' },
    ]);
    expect(analysis.total.longPauses.map((p) => p.startMs)).toEqual([10_000, 14_000, 40_000, 60_000]);
    expect(LONG_PAUSE_MS).toBe(2000);
  });

  it('does not count silence before the first word or after the last as a pause', () => {
    const analysis = analyzeVoice(input({ segments: [seg(4, 100)] }));
    expect(analysis.total.longPauses).toEqual([]);
    expect(analysis.total.leadingSilenceMs).toBe(4000);
    expect(analysis.total.trailingSilenceMs).toBe(20_000);
  });

  it('cuts teleprompter pauses out of speech and silences', () => {
    const pauses = [{ startMs: 20_000, endMs: 50_000 }];
    const analysis = analyzeVoice(
      input({ totalMs: 150_000, pauses, segments: [seg(0, 19), seg(21, 30), seg(51, 60), seg(60, 70)] }),
    );
    // 21–30 was spoken during the pause: not rehearsal. 19→51 is 1 s + 1 s of active silence.
    expect(analysis.total.voicedMs).toBe(19_000 + 19_000);
    expect(analysis.total.longPauses).toEqual([]);
    expect(analysis.speech).toEqual([seg(0, 19), seg(51, 70)]);
  });

  it('counts a silence across a pause only for its unpaused part', () => {
    const pauses = [{ startMs: 20_000, endMs: 50_000 }];
    const analysis = analyzeVoice(input({ totalMs: 150_000, pauses, segments: [seg(0, 18), seg(52, 60)] }));
    expect(analysis.total.longPauses).toEqual([{ startMs: 18_000, lengthMs: 4000, section: 'task' }]);
  });

  it('handles a take with no speech', () => {
    const analysis = analyzeVoice(input({ segments: [] }));
    for (const key of ['situation', 'task', 'action', 'result'] as const) {
      expect(analysis.sections[key]).toMatchObject({ voicedMs: 0, pace: null, longPauses: [] });
    }
    expect(analysis.total).toMatchObject({
      voicedMs: 0,
      words: 0,
      pace: null,
      speechDetected: false,
      leadingSilenceMs: 120_000,
      trailingSilenceMs: 0,
      longPauses: [],
    });
  });

  it('handles a zero-length take', () => {
    const analysis = analyzeVoice(input({ totalMs: 0, marks: [{ section: 'situation', atMs: 0 }], segments: [] }));
    expect(analysis.total).toMatchObject({ voicedMs: 0, pace: null, leadingSilenceMs: 0, trailingSilenceMs: 0 });
  });

  it('gives no pace for too little speech, and leaves those words out of the total pace', () => {
    const analysis = analyzeVoice(input({ segments: [seg(0, 12), seg(20, 20.5)] }));
    expect(analysis.sections.task).toMatchObject({ voicedMs: 500, pace: null });
    expect(analysis.total).toMatchObject({ voicedMs: 12_500, words: 30, pace: 150 });
  });

  it('gives no pace to a section with no words (ad-libbed), but says how long it was spoken', () => {
    const analysis = analyzeVoice(input({ sections: { ...script, task: '  ' }, segments: [seg(0, 12), seg(15, 25)] }));
    expect(analysis.sections.task).toMatchObject({ words: 0, voicedMs: 10_000, pace: null });
    expect(analysis.total).toMatchObject({ voicedMs: 22_000, words: 30, pace: 150 });
  });

  it('counts speech before the first mark only in the total', () => {
    const late = [{ section: 'situation' as const, atMs: 5000 }];
    const analysis = analyzeVoice(input({ marks: late, segments: [seg(0, 3), seg(6, 18)] }));
    expect(analysis.sections.situation.voicedMs).toBe(12_000);
    expect(analysis.total.voicedMs).toBe(15_000);
    expect(analysis.total.longPauses).toEqual([{ startMs: 3000, lengthMs: 3000, section: null }]);
    expect(analysis.total.pace).toBe(150);
  });

  it('clips speech reported past the end of the take', () => {
    const analysis = analyzeVoice(input({ segments: [seg(110, 130)] }));
    expect(analysis.sections.result.voicedMs).toBe(10_000);
    expect(analysis.total.trailingSilenceMs).toBe(0);
  });

  it('rejects malformed segments and marks with a clear error', () => {
    expect(() => analyzeVoice(input({ segments: [seg(5, 3)] }))).toThrow(/speech segment 1 ends/);
    expect(() => analyzeVoice(input({ segments: [{ startMs: Number.NaN, endMs: 1 }] }))).toThrow(RangeError);
    expect(() => analyzeVoice(input({ marks: [...marks].reverse() }))).toThrow(/order they were recorded/);
  });
});

describe('pace', () => {
  it('is words per voiced minute', () => {
    expect(pace(150, 60_000)).toBe(150);
    expect(pace(10, 2000)).toBe(300);
  });
  it('is null with less than the minimum of speech, never a division by zero', () => {
    expect(pace(10, 0)).toBeNull();
    expect(pace(10, MIN_PACE_VOICED_MS - 1)).toBeNull();
    expect(pace(10, MIN_PACE_VOICED_MS)).toBe(600);
    expect(pace(0, 0)).toBeNull();
  });
  it('is null for a section with no words to measure against', () => {
    expect(pace(0, 60_000)).toBeNull();
  });
});
