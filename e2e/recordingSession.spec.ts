/**
 * RecordingSession (src/renderer/src/features/rehearsal/media) in real Chromium: its fake camera and microphone,
 * MediaRecorder and AudioContext, through the class harness page (e2e/classHarness.ts). The only
 * double is the session's injected take API, which records what it was sent.
 */
import type { Browser, Page } from '@playwright/test';
import type { TakeTiming } from '../src/core/rehearsal/take';
import { FAKE_MEDIA_ARGS } from '../scripts/chromium.js';
import {
  call,
  launchChromium,
  openHarness,
  removeHarnessBuild,
  serveHarness,
  type HarnessServer,
} from './classHarness';
import { expect, test } from './fixtures';

const STORY = 'verification-slo';
const timing = (overrides: Partial<TakeTiming> = {}): TakeTiming => ({
  durationMs: 4000,
  sections: [],
  voicedMs: 0,
  pauses: [],
  paceWpm: null,
  device: '',
  mode: 'camera-and-mic',
  notes: '',
  ...overrides,
});

let server: HarnessServer;
let browser: Browser;
let page: Page;

test.beforeAll(async ({ playwright }, testInfo) => {
  if (testInfo.project.name !== 'web') return;
  server = await serveHarness();
  browser = await launchChromium(playwright, FAKE_MEDIA_ARGS);
});
test.afterAll(async () => {
  await browser?.close();
  await server?.close();
  await removeHarnessBuild();
});
// eslint-disable-next-line no-empty-pattern -- Playwright hands testInfo second
test.beforeEach(async ({}, testInfo) => {
  testInfo.skip(testInfo.project.name !== 'web', 'the class harness runs in Chromium (web project)');
  page = await openHarness(browser, server);
  await call(page, 'sessionNew');
});
test.afterEach(async () => {
  await page?.close();
});

/** Waits until the double has been sent a real piece of the recording (the encoder may start slowly). */
async function recordingSent(minBytes = 1000): Promise<void> {
  await expect
    .poll(async () => (await call(page, 'sessionSnapshot')).savedBytes, { timeout: 20_000 })
    .toBeGreaterThan(minBytes);
}

test.describe('RecordingSession', () => {
  test('records camera and microphone in pieces sent in order, and ends the take with a playable webm', async () => {
    const opened = await call(page, 'sessionOpen', 'camera-and-mic');
    expect(opened.opened).toBe(true);
    expect(opened.snapshot).toMatchObject({ status: 'ready', mode: 'camera-and-mic', openError: null });
    expect(opened.snapshot.device).toBe('fake_device_0');
    expect(opened.snapshot.tracks?.map((t) => t.kind).sort()).toEqual(['audio', 'video']);

    const begun = await call(page, 'sessionBegin', STORY);
    expect(begun).toMatchObject({ error: null, snapshot: { status: 'recording', recording: true, takeId: 'take-1' } });
    await recordingSent(40_000);
    const ended = await call(page, 'sessionEnd', timing({ device: 'ignored' }));
    expect(ended.error).toBeNull();
    expect(ended.results).toEqual([{ gitMessage: 'finished take-1' }]);
    expect(ended.snapshot).toMatchObject({ status: 'ready', takeId: null, recording: false, stops: [] });

    const calls = await call(page, 'sessionCalls');
    expect(calls[0]).toEqual({ call: 'startTake', storyId: STORY, mimeType: expect.stringMatching(/^video\/webm/) });
    const pieces = calls.filter((c) => c.call === 'appendTakeChunk');
    expect(pieces.map((c) => c.seq)).toEqual(pieces.map((_, i) => i));
    expect(pieces.some((c) => 'refused' in c)).toBe(false);
    const last = calls.at(-1)!;
    expect(last).toMatchObject({ call: 'finishTake', takeId: 'take-1' });
    // The device's name goes into the sidecar, whatever the timing said.
    expect(last.call === 'finishTake' && last.sidecar.device).toBe('fake_device_0');
    const playback = await call(page, 'sessionPlayback');
    expect(playback).toMatchObject({ ebml: true, error: null, bytes: ended.snapshot.savedBytes });
    expect(playback.width).toBeGreaterThan(0);
  });

  test('records the microphone alone as audio webm; the meter follows the input; close lets the device go', async () => {
    const opened = await call(page, 'sessionOpen', 'mic-only');
    expect(opened).toMatchObject({ opened: true, snapshot: { status: 'ready', mode: 'mic-only', level: 0 } });
    expect(opened.snapshot.device).toBe('Fake Default Audio Input');
    expect(opened.snapshot.tracks).toEqual([{ kind: 'audio', readyState: 'live' }]);
    // Chromium's fake microphone beeps: some readings of the meter are above zero.
    await expect
      .poll(async () => Math.max(...(await call(page, 'sessionSampleLevel', 10))), { timeout: 10_000 })
      .toBeGreaterThan(0);

    await call(page, 'sessionBegin', STORY);
    await recordingSent();
    const ended = await call(page, 'sessionEnd', timing({ mode: 'mic-only' }));
    expect(ended.results).toEqual([{ gitMessage: 'finished take-1' }]);
    const calls = await call(page, 'sessionCalls');
    expect(calls[0]).toMatchObject({ call: 'startTake', mimeType: expect.stringMatching(/^audio\/webm/) });
    const playback = await call(page, 'sessionPlayback');
    expect(playback).toMatchObject({ ebml: true, error: null, width: 0 });

    const closed = await call(page, 'sessionClose');
    expect(closed).toMatchObject({ status: 'off', tracks: null, level: 0 });
    expect(closed.releasedTracks).toEqual([{ kind: 'audio', readyState: 'ended' }]);
    expect(await call(page, 'sessionSampleLevel', 3)).toEqual([0, 0, 0]);
  });

  test('a take without recording opens no device and still stores its timing', async () => {
    const opened = await call(page, 'sessionOpen', 'no-recording');
    expect(opened).toMatchObject({ opened: true, snapshot: { status: 'ready', tracks: null, deviceTracks: [] } });
    await call(page, 'sessionBegin', STORY);
    const paused = await call(page, 'sessionPause');
    expect(paused).toMatchObject({ status: 'paused', recording: true });
    const ended = await call(page, 'sessionEnd', timing({ mode: 'no-recording' }));
    // No stream to keep: the next take opens again.
    expect(ended).toMatchObject({ results: [{ gitMessage: 'finished take-1' }], snapshot: { status: 'ended' } });
    expect((await call(page, 'sessionCalls')).map((c) => c.call)).toEqual(['startTake', 'finishTake']);
    expect((await call(page, 'sessionCalls'))[0]).toMatchObject({ mimeType: null });
  });

  test('keeps an open stream for the same mode, and swaps it for another mode', async () => {
    const first = await call(page, 'sessionOpen', 'camera-and-mic');
    const again = await call(page, 'sessionOpen', 'camera-and-mic');
    expect(again.opened).toBe(true);
    expect(again.snapshot.deviceTracks).toEqual(['live', 'live']);
    expect(again.snapshot.tracks).toEqual(first.snapshot.tracks);

    const mic = await call(page, 'sessionOpen', 'mic-only');
    expect(mic).toMatchObject({ opened: true, snapshot: { mode: 'mic-only', status: 'ready' } });
    expect(mic.snapshot.tracks).toEqual([{ kind: 'audio', readyState: 'live' }]);
    expect(mic.snapshot.releasedTracks.map((t) => t.readyState)).toEqual(['ended', 'ended']);
  });

  test('pauses and resumes only from the matching state, and refuses to open or begin at the wrong time', async () => {
    expect((await call(page, 'sessionBegin', STORY)).error).toBe('the recording is not ready');
    expect(await call(page, 'sessionPause')).toMatchObject({ status: 'off' });
    await call(page, 'sessionOpen', 'mic-only');
    expect(await call(page, 'sessionResume')).toMatchObject({ status: 'ready' });
    await call(page, 'sessionBegin', STORY);
    expect((await call(page, 'sessionBegin', STORY)).error).toBe('the recording is not ready');
    expect(await call(page, 'sessionResume')).toMatchObject({ status: 'recording' });
    expect(await call(page, 'sessionPause')).toMatchObject({ status: 'paused', recording: true });
    expect(await call(page, 'sessionPause')).toMatchObject({ status: 'paused' });
    // Opening during a take changes nothing.
    expect(await call(page, 'sessionOpen', 'camera-and-mic')).toMatchObject({
      opened: false,
      snapshot: { status: 'paused', mode: 'mic-only' },
    });
    expect(await call(page, 'sessionResume')).toMatchObject({ status: 'recording' });
    await recordingSent();
    expect(await call(page, 'sessionPause')).toMatchObject({ status: 'paused' });
    const ended = await call(page, 'sessionEnd', timing({ mode: 'mic-only' }));
    expect(ended).toMatchObject({ results: [{ gitMessage: 'finished take-1' }], snapshot: { status: 'ready' } });
    expect(await call(page, 'sessionPlayback')).toMatchObject({ ebml: true, error: null });
    // Nothing to end any more.
    expect((await call(page, 'sessionEnd', timing())).results).toEqual([null]);
  });

  test('closed mid-take (the window going away): lets the devices go, and the take still ends with what was recorded', async () => {
    await call(page, 'sessionOpen', 'camera-and-mic');
    await call(page, 'sessionBegin', STORY);
    await recordingSent();
    const closed = await call(page, 'sessionClose');
    // The take itself is still open: only end() ends it.
    expect(closed).toMatchObject({ status: 'recording', tracks: null, level: 0, stops: [] });
    expect(closed.releasedTracks.map((t) => t.readyState)).toEqual(['ended', 'ended']);

    const ended = await call(page, 'sessionEnd', timing());
    expect(ended).toMatchObject({ results: [{ gitMessage: 'finished take-1' }], snapshot: { status: 'ended' } });
    const pieces = (await call(page, 'sessionCalls')).filter((c) => c.call === 'appendTakeChunk');
    expect(pieces.map((c) => c.seq)).toEqual(pieces.map((_, i) => i));
    expect(await call(page, 'sessionPlayback')).toMatchObject({
      ebml: true,
      error: null,
      bytes: ended.snapshot.savedBytes,
    });
  });

  test('a second stop while the first is stopping ends nothing more', async () => {
    await call(page, 'sessionOpen', 'mic-only');
    await call(page, 'sessionBegin', STORY);
    await recordingSent();
    const ended = await call(page, 'sessionEnd', timing({ mode: 'mic-only' }), true);
    expect(ended.results).toEqual([{ gitMessage: 'finished take-1' }, null]);
    const calls = await call(page, 'sessionCalls');
    expect(calls.filter((c) => c.call === 'finishTake' || c.call === 'abortTake')).toHaveLength(1);
  });

  test('an open overtaken by a close or by another mode lets go of the devices it was opening', async () => {
    const closed = await call(page, 'sessionOpenOvertaken', 'camera-and-mic', 'close');
    expect(closed).toMatchObject({ first: false, second: null, snapshot: { status: 'off', tracks: null } });
    expect(closed.snapshot.deviceTracks).toEqual(['ended', 'ended']);

    await call(page, 'sessionNew');
    const swapped = await call(page, 'sessionOpenOvertaken', 'camera-and-mic', 'mic-only');
    expect(swapped).toMatchObject({ first: false, second: true, snapshot: { status: 'ready', mode: 'mic-only' } });
    expect(swapped.snapshot.tracks).toEqual([{ kind: 'audio', readyState: 'live' }]);
    // The camera and microphone opened for the first call were stopped; the second's microphone is live.
    expect([...swapped.snapshot.deviceTracks].sort()).toEqual(['ended', 'ended', 'live']);
  });

  test('a refused write stops the recording, sends nothing after it, and ends the take as interrupted', async () => {
    await call(page, 'sessionNew', { refuseChunksFrom: 2 });
    await call(page, 'sessionOpen', 'camera-and-mic');
    await call(page, 'sessionBegin', STORY);
    const saving = 'The recording could not be saved: no space left on the disk. What was saved up to then is kept.';
    await expect.poll(async () => (await call(page, 'sessionSnapshot')).stops, { timeout: 20_000 }).toEqual([saving]);
    const stopped = await call(page, 'sessionSnapshot');
    expect(stopped).toMatchObject({ status: 'recording', stoppedReason: saving });

    const ended = await call(page, 'sessionEnd', timing());
    expect(ended.results).toEqual([{ gitMessage: 'aborted take-1' }]);
    const calls = await call(page, 'sessionCalls');
    const refusedAt = calls.findIndex((c) => c.call === 'appendTakeChunk' && 'refused' in c);
    expect(calls[refusedAt]).toMatchObject({ seq: 2, refused: 'no space left on the disk' });
    expect(calls.slice(refusedAt + 1).map((c) => c.call)).toEqual(['abortTake']);
    expect(calls.at(-1)).toMatchObject({ call: 'abortTake', takeId: 'take-1', reason: saving });
    // What was saved is the two pieces before the refusal, and still a webm.
    const playback = await call(page, 'sessionPlayback');
    expect(playback).toMatchObject({ ebml: true, bytes: ended.snapshot.savedBytes });
    expect(ended.snapshot.stops).toEqual([saving]);
  });

  test('a take that cannot start on disk leaves the session ready and records nothing', async () => {
    await call(page, 'sessionNew', { startTakeFails: 'could not start a take in rehearsals/verification-slo' });
    await call(page, 'sessionOpen', 'mic-only');
    const begun = await call(page, 'sessionBegin', STORY);
    expect(begun).toMatchObject({
      error: 'could not start a take in rehearsals/verification-slo',
      snapshot: { status: 'ready', takeId: null, recording: false },
    });
    expect((await call(page, 'sessionCalls')).map((c) => c.call)).toEqual(['startTake']);
  });

  for (const [kind, device] of [
    ['video', 'camera'],
    ['audio', 'microphone'],
  ] as const) {
    test(`the ${device} going away mid-take stops the recording, keeps what was recorded, and ends the take as interrupted`, async () => {
      await call(page, 'sessionOpen', 'camera-and-mic');
      await call(page, 'sessionBegin', STORY);
      await recordingSent();
      const gone = await call(page, 'sessionTrackEnded', kind);
      const reason = `The ${device} stopped (unplugged or taken by another program). What was recorded up to then is kept.`;
      expect(gone).toMatchObject({ stops: [reason], stoppedReason: reason, status: 'recording' });

      const ended = await call(page, 'sessionEnd', timing());
      // A device is gone: the next take has to open them again.
      expect(ended).toMatchObject({ results: [{ gitMessage: 'aborted take-1' }], snapshot: { status: 'ended' } });
      expect((await call(page, 'sessionCalls')).at(-1)).toMatchObject({ call: 'abortTake', reason });
      const playback = await call(page, 'sessionPlayback');
      expect(playback).toMatchObject({ ebml: true, error: null, bytes: ended.snapshot.savedBytes });
      // One message only, even when more goes wrong after it.
      expect((await call(page, 'sessionTrackEnded', kind === 'video' ? 'audio' : 'video')).stops).toEqual([reason]);
    });
  }

  test('the recorder failing mid-take (its stream changed under it) ends the take as interrupted', async () => {
    await call(page, 'sessionOpen', 'mic-only');
    await call(page, 'sessionBegin', STORY);
    await recordingSent();
    await call(page, 'sessionAddTrack');
    await expect
      .poll(async () => (await call(page, 'sessionSnapshot')).stops, { timeout: 10_000 })
      .toEqual([expect.stringMatching(/^The recorder failed( \(.+\))?\. What was recorded up to then is kept\.$/)]);
    const ended = await call(page, 'sessionEnd', timing({ mode: 'mic-only' }));
    expect(ended.results).toEqual([{ gitMessage: 'aborted take-1' }]);
    expect((await call(page, 'sessionCalls')).at(-1)).toMatchObject({
      call: 'abortTake',
      reason: expect.stringMatching(/^The recorder failed/),
    });
    expect(await call(page, 'sessionPlayback')).toMatchObject({ ebml: true });
  });
});

test.describe('RecordingSession without devices', () => {
  for (const [name, args, camera, mic] of [
    [
      'access refused',
      ['--use-fake-ui-for-media-stream=deny', '--use-fake-device-for-media-stream'],
      'Access to the camera and microphone was refused. Allow it in your system or browser settings, or rehearse without recording.',
      'Access to the microphone was refused. Allow it in your system or browser settings, or rehearse without recording.',
    ],
    [
      'no device',
      ['--use-fake-ui-for-media-stream'],
      'No camera or no microphone was found. Connect one, or record with the microphone only.',
      'No microphone was found. Connect one, or rehearse without recording.',
    ],
  ] as const) {
    test(`${name}: the open fails with what to do, and a take without recording still works`, async ({
      playwright,
    }) => {
      const denied = await launchChromium(playwright, [...args]);
      try {
        const other = await openHarness(denied, server);
        await call(other, 'sessionNew');
        expect(await call(other, 'sessionOpen', 'camera-and-mic')).toMatchObject({
          opened: false,
          snapshot: { status: 'off', openError: camera, tracks: null },
        });
        expect(await call(other, 'sessionOpen', 'mic-only')).toMatchObject({
          opened: false,
          snapshot: { status: 'off', openError: mic },
        });
        expect(await call(other, 'sessionOpen', 'no-recording')).toMatchObject({
          opened: true,
          snapshot: { status: 'ready', openError: null },
        });
      } finally {
        await denied.close();
      }
    });
  }
});
