import { describe, expect, it } from 'vitest';
import { bandAt, playbackTimeline } from '../../src/core/rehearsal/playbackTimeline';

describe('playbackTimeline', () => {
  it('gives one band per mark up to the next, as fractions of the recording', () => {
    const bands = playbackTimeline(
      [
        { section: 'situation', atMs: 0 },
        { section: 'task', atMs: 15_000 },
        { section: 'action', atMs: 30_000 },
        { section: 'result', atMs: 90_000 },
      ],
      120_000,
    );
    expect(bands.map((b) => [b.section, b.startMs, b.endMs, b.start, b.width])).toEqual([
      ['situation', 0, 15_000, 0, 0.125],
      ['task', 15_000, 30_000, 0.125, 0.125],
      ['action', 30_000, 90_000, 0.25, 0.5],
      ['result', 90_000, 120_000, 0.75, 0.25],
    ]);
    expect(bands.reduce((sum, b) => sum + b.width, 0)).toBe(1);
    expect(bandAt(bands, 29_999)?.section).toBe('task');
    expect(bandAt(bands, 30_000)?.section).toBe('action');
  });

  it('ignores marks past the end, out of order or not numbers, and keeps the later of two at one time', () => {
    const bands = playbackTimeline(
      [
        { section: 'situation', atMs: 500 },
        { section: 'task', atMs: 500 },
        { section: 'action', atMs: 400 },
        { section: 'result', atMs: Number.NaN },
        { section: 'result', atMs: 2500 },
        { section: 'situation', atMs: 3000 },
      ],
      3000,
    );
    expect(bands.map((b) => [b.section, b.startMs, b.endMs])).toEqual([
      ['task', 500, 2500],
      ['result', 2500, 3000],
    ]);
    expect(bandAt(bands, 100)).toBeNull();
  });

  it('has no bands without marks or without a length', () => {
    expect(playbackTimeline([], 1000)).toEqual([]);
    expect(playbackTimeline([{ section: 'task', atMs: 0 }], 0)).toEqual([]);
    expect(playbackTimeline([{ section: 'task', atMs: 0 }], Number.POSITIVE_INFINITY)).toEqual([]);
  });
});
