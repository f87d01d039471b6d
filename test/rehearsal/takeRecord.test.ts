import { describe, expect, it } from 'vitest';
import { takeRecord, type TakeMeasurements } from '../../src/core/rehearsal/takeRecord';
import { takeTimingSchema } from '../../src/core/rehearsal/takeSchema';
import { analyzeVoice } from '../../src/core/rehearsal/voiceActivity';
import type { Sections } from '../../src/core/story';

const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
const script: Sections = { situation: words(30), task: words(30), action: words(150), result: words(75) };
const marks = [
  { section: 'situation' as const, atMs: 0 },
  { section: 'task' as const, atMs: 15_000.4 },
  { section: 'action' as const, atMs: 30_000 },
  { section: 'result' as const, atMs: 95_000 },
];
const base = (over: Partial<TakeMeasurements> = {}): TakeMeasurements => ({
  totalMs: 125_000.6,
  pauses: [{ startMs: 40_000, endMs: 45_000 }],
  marks,
  voice: null,
  device: 'Fake camera',
  mode: 'camera-and-mic',
  notes: '',
  ...over,
});

describe('takeRecord', () => {
  it('gives whole-ms section times without pauses and marks on the recording clock', () => {
    const record = takeRecord(base());
    expect(record.durationMs).toBe(120_001);
    expect(record.sections.map((s) => [s.section, s.targetMs, s.durationMs])).toEqual([
      ['situation', 15_000, 15_000],
      ['task', 15_000, 14_999],
      ['action', 60_000, 60_000],
      ['result', 30_000, 30_000],
    ]);
    // Rounded per section, they still fit in the take (an e2e run once found them 1 ms over).
    expect(record.sections.reduce((sum, s) => sum + s.durationMs, 0)).toBeLessThanOrEqual(record.durationMs);
    // The recorder pauses with the teleprompter: Result began 5 s earlier on the recording.
    expect(record.marks).toEqual([
      { section: 'situation', atMs: 0 },
      { section: 'task', atMs: 15_000 },
      { section: 'action', atMs: 30_000 },
      { section: 'result', atMs: 90_000 },
    ]);
    expect(record).toMatchObject({ voicedMs: 0, pauses: [], paceWpm: null });
    expect(takeTimingSchema.parse(record)).toEqual(record);
  });

  it('places marks relative to when the recorder started', () => {
    const record = takeRecord(base({ recordingStartMs: 120 }));
    expect(record.marks).toEqual([
      { section: 'situation', atMs: 0 },
      { section: 'task', atMs: 14_880 },
      { section: 'action', atMs: 29_880 },
      { section: 'result', atMs: 89_880 },
    ]);
  });

  it('leaves skipped sections and marks left at once out, and keeps a return to a section', () => {
    const record = takeRecord(
      base({
        pauses: [],
        totalMs: 50_000,
        marks: [
          { section: 'situation', atMs: 0 },
          { section: 'task', atMs: 10_000 },
          { section: 'action', atMs: 10_000 },
          { section: 'task', atMs: 20_000 },
          { section: 'action', atMs: 30_000 },
        ],
      }),
    );
    expect(record.sections.map((s) => s.section)).toEqual(['situation', 'task', 'action']);
    expect(record.marks).toEqual([
      { section: 'situation', atMs: 0 },
      { section: 'action', atMs: 10_000 },
      { section: 'task', atMs: 20_000 },
      { section: 'action', atMs: 30_000 },
    ]);
  });

  it('carries voiced time, long pauses and pace, rounded and capped so the sidecar always parses', () => {
    const voice = analyzeVoice({
      totalMs: 125_000.6,
      pauses: [{ startMs: 40_000, endMs: 45_000 }],
      marks,
      sections: { ...script, task: words(3000) },
      segments: [
        { startMs: 0, endMs: 12_000 },
        { startMs: 15_500, endMs: 17_000 },
        { startMs: 30_000, endMs: 38_000.7 },
        { startMs: 48_000, endMs: 90_000 },
      ],
    });
    const record = takeRecord(base({ voice, mode: 'mic-only' }));
    const task = record.sections.find((s) => s.section === 'task');
    expect(task).toMatchObject({ voicedMs: 1500, paceWpm: 1000 });
    expect(record.sections.find((s) => s.section === 'situation')?.paceWpm).toBe(150);
    expect(record.voicedMs).toBe(63_501);
    expect(record.pauses).toEqual([
      { startMs: 12_000, lengthMs: 3500, section: 'situation' },
      { startMs: 17_000, lengthMs: 13_000, section: 'task' },
      { startMs: 38_001, lengthMs: 4999, section: 'action' },
    ]);
    expect(Number.isInteger((record.paceWpm ?? 0) * 10)).toBe(true);
    expect(takeTimingSchema.parse(record)).toEqual(record);
  });

  it('records who timed each section, and leaves it out where the teleprompter did not say', () => {
    const record = takeRecord(
      base({ timedBy: { situation: 'scroll', task: 'speaker', action: null, result: 'scroll' } }),
    );
    expect(record.sections.map((s) => [s.section, s.timedBy])).toEqual([
      ['situation', 'scroll'],
      ['task', 'speaker'],
      ['action', undefined],
      ['result', 'scroll'],
    ]);
    expect('timedBy' in record.sections[2]).toBe(false);
    expect(takeTimingSchema.parse(record)).toEqual(record);
    expect(takeRecord(base()).sections.some((s) => 'timedBy' in s)).toBe(false);
  });
});
