import { describe, expect, it } from 'vitest';
import { apiCalls } from '../src/core/api';
import { MAX_TAKE_MS, emptyTiming, mediaUrlPath, takeStem, type TakeSidecar } from '../src/core/rehearsal/take';
import { takeFileSchema, takeSidecarSchema, takeTimingSchema } from '../src/core/rehearsal/takeSchema';
import { RAFT_ID, timing } from './helpers/rehearsalVault';

const sidecar = (overrides: Record<string, unknown> = {}): TakeSidecar =>
  ({
    version: 1,
    storyId: RAFT_ID,
    date: '2025-03-14T09:26:53.120Z',
    revision: 'a'.repeat(40),
    status: 'complete',
    statusReason: '',
    media: '2025-03-14T09-26-53Z.webm',
    mediaSeekable: true,
    ...timing(),
    ...overrides,
  }) as TakeSidecar;

describe('take files', () => {
  it('are named by the start second in UTC, safe in any file system', () => {
    expect(takeStem(new Date('2025-03-14T09:26:53.920Z'))).toBe('2025-03-14T09-26-53Z');
    for (const name of ['2025-03-14T09-26-53Z.json', '2025-03-14T09-26-53Z.webm', '2025-03-14T09-26-53Z-2.json'])
      expect(takeFileSchema.safeParse(name).success, name).toBe(true);
    for (const name of [
      '2025-03-14T09:26:53Z.json',
      '2025-03-14T09-26-53Z.md',
      '2025-03-14T09-26-53Z-0.json',
      '2025-03-14T09-26-53Z-100.json',
      'x/2025-03-14T09-26-53Z.json',
      '.2025-03-14T09-26-53Z.json',
      '2025-03-14T09-26-53Z.json.tmp',
    ])
      expect(takeFileSchema.safeParse(name).success, name).toBe(false);
    expect(mediaUrlPath(RAFT_ID, '2025-03-14T09-26-53Z.webm')).toBe(`/media/${RAFT_ID}/2025-03-14T09-26-53Z.webm`);
  });
});

describe('the timing the page sends', () => {
  it('accepts a measured take and an empty one', () => {
    expect(takeTimingSchema.parse(timing())).toEqual(timing());
    // Who timed each section is optional: sidecars written before it was kept still read.
    const scrolled = timing({ sections: timing().sections.map((row) => ({ ...row, timedBy: 'scroll' as const })) });
    expect(takeTimingSchema.parse(scrolled)).toEqual(scrolled);
    expect(takeTimingSchema.parse(emptyTiming('mic-only'))).toEqual(emptyTiming('mic-only'));
  });

  it('is bounded in every string, list and number, and has no room for more', () => {
    const section = timing().sections[0];
    for (const [what, value] of [
      ['an unknown key', { ...timing(), storyId: RAFT_ID }],
      ['negative ms', timing({ durationMs: -1 })],
      ['fractional ms', timing({ voicedMs: 0.5 })],
      ['too long a take', timing({ durationMs: MAX_TAKE_MS + 1 })],
      ['NaN', timing({ durationMs: Number.NaN })],
      ['a wild pace', timing({ paceWpm: 5000 })],
      ['long notes', timing({ notes: 'x'.repeat(10_001) })],
      ['a long device label', timing({ device: 'x'.repeat(257) })],
      ['an unknown mode', { ...timing(), mode: 'screen' }],
      ['a section twice', timing({ sections: [section, section] })],
      ['five sections', timing({ sections: [...timing().sections, { ...section, section: 'situation' }] })],
      ['an unknown section', timing({ sections: [{ ...section, section: 'epilogue' as 'task' }] })],
      ['a section with more keys', timing({ sections: [{ ...section, words: 12 } as typeof section] })],
      ['an unknown timer', timing({ sections: [{ ...section, timedBy: 'metronome' as 'scroll' }] })],
      ['too many pauses', timing({ pauses: Array.from({ length: 2001 }, () => timing().pauses[0]) })],
      ['a pause with more keys', timing({ pauses: [{ ...timing().pauses[0], note: 'x' } as never] })],
    ] as const)
      expect(takeTimingSchema.safeParse(value).success, what).toBe(false);
  });

  it('is what finishTake and abortTake take, next to a take id', () => {
    expect(apiCalls.finishTake.safeParse({ takeId: 'a'.repeat(32), sidecar: timing() }).success).toBe(true);
    expect(apiCalls.abortTake.safeParse({ takeId: 'a'.repeat(32), reason: 'camera gone' }).success).toBe(true);
    expect(apiCalls.abortTake.safeParse({ takeId: 'a'.repeat(32), reason: '' }).success).toBe(false);
    expect(apiCalls.startTake.safeParse({ storyId: RAFT_ID, mimeType: 'video/webm;codecs="vp8, opus"' }).success).toBe(
      true,
    );
    expect(apiCalls.startTake.safeParse({ storyId: RAFT_ID, mimeType: 'audio/webm' }).success).toBe(true);
    expect(apiCalls.startTake.safeParse({ storyId: RAFT_ID }).success).toBe(false);
  });
});

describe('the committed sidecar', () => {
  it('parses with its keys in the order they are written: what main records, then the timing', () => {
    const parsed = takeSidecarSchema.parse(sidecar({ notes: 'n' }));
    expect(Object.keys(parsed)).toEqual([
      'version',
      'storyId',
      'date',
      'revision',
      'status',
      'statusReason',
      'media',
      'mediaSeekable',
      'durationMs',
      'sections',
      'voicedMs',
      'pauses',
      'paceWpm',
      'device',
      'mode',
      'notes',
    ]);
  });

  it('refuses another version, a bad date, revision, story id, media name or reason', () => {
    expect(takeSidecarSchema.safeParse(sidecar()).success).toBe(true);
    expect(takeSidecarSchema.safeParse(sidecar({ revision: null, media: null })).success).toBe(true);
    for (const [what, overrides] of [
      ['version 2', { version: 2 }],
      ['no version', { version: undefined }],
      ['a date in words', { date: 'yesterday' }],
      ['a short revision', { revision: 'abc123' }],
      ['a story id with a path', { storyId: '../x' }],
      ['media elsewhere', { media: '../../x.webm' }],
      ['media of another kind', { media: '2025-03-14T09-26-53Z.mp4' }],
      ['an unknown status', { status: 'great' }],
      ['a long reason', { statusReason: 'x'.repeat(501) }],
      ['more keys', { extra: true }],
    ] as const)
      expect(takeSidecarSchema.safeParse(sidecar(overrides)).success, what).toBe(false);
  });
});
