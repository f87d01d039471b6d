/**
 * The voice detector (startVoiceDetector) and VoiceListener (src/renderer/src/features/rehearsal/voice) in real
 * Chromium with the real Silero model, through the class harness page (e2e/classHarness.ts).
 * The sound is real too: espeak-ng's speech (e2e/speechWav.ts) as Chromium's fake microphone and
 * as a file the page plays, a steady tone, silence.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
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
import { makeSpeechWav } from './speechWav';

/** VOICE_SETTINGS in VoiceDetector.ts: speech shorter than this is a misfire, gaps shorter are bridged. */
const MIN_SPEECH_MS = 250;
const REDEMPTION_MS = 600;
const FRAME_MS = 32;

let dir: string;
let server: HarnessServer;
let browser: Browser;
let page: Page;

test.beforeAll(async ({ playwright }, testInfo) => {
  if (testInfo.project.name !== 'web') return;
  dir = await mkdtemp(join(tmpdir(), 'story-bank-voice-classes-'));
  const wav = makeSpeechWav(dir);
  server = await serveHarness({ '/speech.wav': wav.file });
  browser = await launchChromium(playwright, [...FAKE_MEDIA_ARGS, `--use-file-for-fake-audio-capture=${wav.file}`]);
});
test.afterAll(async () => {
  await browser?.close();
  await server?.close();
  await removeHarnessBuild();
  if (dir) await rm(dir, { recursive: true, force: true });
});
// eslint-disable-next-line no-empty-pattern -- Playwright hands testInfo second
test.beforeEach(async ({}, testInfo) => {
  testInfo.skip(testInfo.project.name !== 'web', 'the class harness runs in Chromium (web project)');
  // Loading the model and hearing a few seconds of speech take real time on a loaded machine.
  testInfo.setTimeout(90_000);
  page = await openHarness(browser, server);
});
test.afterEach(async () => {
  await page?.close();
});

const voice = (p = page) => call(p, 'voiceSnapshot');
const heard = (p = page) => call(p, 'listenerSnapshot');

test.describe('voice detector', () => {
  test('hears speech after a tone and a silence: one transition per phrase, segments on the caller’s clock', async () => {
    const started = await call(page, 'voiceStart', 'tone-then-speech');
    expect(started).toMatchObject({ error: null, name: null });
    const speechAt = started.speechAtMs!;
    // Two phrases heard and ended: speech, silence, speech, silence.
    await expect
      .poll(async () => (await voice()).segments.filter((s) => !s.misfire).length, { timeout: 60_000 })
      .toBeGreaterThanOrEqual(2);
    const heardSoFar = await voice();
    const detail = JSON.stringify({ speechAt, ...heardSoFar });
    expect(heardSoFar.errors).toEqual([]);
    // Nothing changed during the tone: the first change is speech starting, then it ends, twice.
    expect(heardSoFar.transitions[0], detail).toBe(true);
    expect(heardSoFar.transitions.length, detail).toBeGreaterThanOrEqual(4);
    // The tone (which ended 2 s before the speech) is not speech, not even a misfire; speech is
    // dated by its audio, not by when the model got to it.
    const [first, second] = heardSoFar.segments;
    expect(first.startMs, detail).toBeGreaterThan(speechAt - 250);
    expect(heardSoFar.segments.every((s) => s.endMs > s.startMs)).toBe(true);
    for (const segment of heardSoFar.segments.filter((s) => !s.misfire)) {
      expect(segment.endMs - segment.startMs, detail).toBeGreaterThanOrEqual(MIN_SPEECH_MS - 2 * FRAME_MS);
    }
    // Pauses shorter than the grace period are bridged, so two segments are well apart.
    expect(second.startMs - first.endMs, detail).toBeGreaterThanOrEqual(REDEMPTION_MS / 2);
    expect(heardSoFar.sourceTracks).toEqual(['live']);

    const stopped = await call(page, 'voiceStop', true);
    expect(stopped).toMatchObject({ speaking: false, open: null, errors: [] });
    expect(stopped.segments.length).toBeGreaterThanOrEqual(heardSoFar.segments.length);
    // The stream belongs to the caller: stopping the detector leaves it running.
    expect(stopped.sourceTracks).toEqual(['live']);
  });

  test('stopping while speech goes on closes the open segment and reports it', async () => {
    expect((await call(page, 'voiceStart', 'speech')).error).toBeNull();
    const { before, after } = await call(page, 'voiceStopWhileSpeaking', MIN_SPEECH_MS);
    expect(before).toMatchObject({ speaking: true, open: { startMs: expect.any(Number) } });
    expect(after).toMatchObject({ speaking: false, open: null });
    // The open segment, long enough to be speech, closed at its last speech frame and reported.
    expect(after.segments).toEqual([...before.segments, { ...before.open!, misfire: false }]);
    expect(after.changes).toBeGreaterThan(before.changes);
    expect(after.transitions.at(-1)).toBe(false);
    expect(after.sourceTracks).toEqual(['live']);
  });

  test('the microphone going away ends the open segment and says so', async () => {
    expect((await call(page, 'voiceStart', 'speech')).error).toBeNull();
    const { before } = await call(page, 'voiceEndSourceWhileSpeaking', MIN_SPEECH_MS);
    await expect.poll(async () => (await voice()).errors).toEqual(['The microphone was disconnected.']);
    const gone = await voice();
    // When it said so, the segment open as the sound ended was closed as speech (grown by the
    // audio still on its way to the model); audio the model had yet to process may add more.
    const atError = gone.atFirstError!;
    expect(atError).toMatchObject({ speaking: false, open: null });
    expect(atError.segments.slice(0, before.segments.length)).toEqual(before.segments);
    const closed = atError.segments.find((s) => s.startMs === before.open!.startMs);
    expect(closed).toMatchObject({ misfire: false });
    expect(closed!.endMs).toBeGreaterThanOrEqual(before.open!.endMs);
    expect(gone.sourceTracks).not.toContain('live');
    // Stopping afterwards is quiet.
    expect((await call(page, 'voiceStop')).errors).toEqual(['The microphone was disconnected.']);
  });

  test('a stream without a microphone track is refused before anything loads', async () => {
    expect(await call(page, 'voiceStart', 'no-audio')).toEqual({
      error: 'The stream has no microphone track.',
      name: 'VoiceDetectorError',
      speechAtMs: null,
    });
  });

  for (const [folder, what] of [
    ['/missing/', 'missing'],
    ['/broken/', 'not a model'],
  ] as const) {
    test(`a model that cannot be loaded (${what}) fails to start, in words, and leaves the stream alone`, async () => {
      await call(page, 'voiceAssetsFrom', folder);
      const started = await call(page, 'voiceStart', 'speech');
      expect(started.name).toBe('VoiceDetectorError');
      expect(started.error).toMatch(/^The voice model could not be started \(.+\)\.$/);
      expect((await voice()).sourceTracks).toEqual(['live']);
    });
  }

  test('a detector library that cannot be fetched fails to start, in words', async () => {
    await page.route('**/assets/real-time-vad-*.js', (route) => route.abort('connectionrefused'));
    const started = await call(page, 'voiceStart', 'speech');
    expect(started.name).toBe('VoiceDetectorError');
    expect(started.error).toMatch(/^The voice detector could not be loaded \(.+\)\.$/);
  });
});

test.describe('VoiceListener', () => {
  test('opens its own microphone, reports what it hears, and closes the microphone when stopped', async () => {
    expect(await call(page, 'listenerNew')).toMatchObject({ status: 'off', error: null, heard: [] });
    const listening = await call(page, 'listenerStart');
    expect(listening).toMatchObject({ status: 'listening', error: null, ownTracks: ['live'] });
    expect(listening.heard.at(-1)).toMatchObject({ listening: true });
    await expect.poll(async () => (await heard()).heard.some((h) => h.speaking), { timeout: 60_000 }).toBe(true);

    const stopped = await call(page, 'listenerStop');
    expect(stopped).toMatchObject({ status: 'off', error: null, ownTracks: ['ended'] });
    // The segment still open is reported closed, then that nothing is heard any more.
    expect(stopped.heard.slice(-2)).toEqual([
      { listening: true, speaking: false, segments: expect.any(Number), open: false },
      { listening: false, speaking: false, segments: 0, open: false },
    ]);
    expect(stopped.heard.at(-2)!.segments).toBeGreaterThan(0);

    // And starts again.
    expect(await call(page, 'listenerStart')).toMatchObject({ status: 'listening', ownTracks: ['ended', 'live'] });
    expect((await call(page, 'listenerStop')).ownTracks).toEqual(['ended', 'ended']);
  });

  test('listens to a stream handed in and leaves it running when stopped', async () => {
    await call(page, 'listenerNew');
    expect(await call(page, 'listenerStart', 'speech')).toMatchObject({
      status: 'listening',
      ownTracks: [],
      givenTracks: ['live'],
    });
    expect(await call(page, 'listenerStop')).toMatchObject({ status: 'off', givenTracks: ['live'] });
  });

  test('a second start while the first is starting opens nothing more', async () => {
    await call(page, 'listenerNew');
    const started = await call(page, 'listenerStartTwice');
    expect(started).toMatchObject({ status: 'listening', ownTracks: ['live'] });
    await call(page, 'listenerStop');
  });

  test('stopped while starting: closes the microphone it was opening and reports nothing after', async () => {
    await call(page, 'listenerNew');
    const own = await call(page, 'listenerStartThenStop');
    expect(own).toMatchObject({ status: 'off', error: null });
    expect(own.ownTracks.every((state) => state === 'ended')).toBe(true);
    expect(own.heard.some((h) => h.listening)).toBe(false);
    expect(own.heard.at(-1)).toEqual({ listening: false, speaking: false, segments: 0, open: false });

    // Overtaken while the model loads, on a stream handed in: the detector is stopped, the stream kept.
    await call(page, 'listenerNew');
    const given = await call(page, 'listenerStartThenStop', 'speech');
    expect(given).toMatchObject({ status: 'off', error: null, givenTracks: ['live'] });
    expect(given.heard.some((h) => h.listening)).toBe(false);
  });

  test('the microphone going away turns voice off with the reason, and it can start again', async () => {
    await call(page, 'listenerNew');
    await call(page, 'listenerStart', 'speech');
    await call(page, 'listenerEndSource');
    await expect.poll(async () => (await heard()).status).toBe('failed');
    const failed = await heard();
    expect(failed.error).toBe('The microphone was disconnected.');
    expect(failed.heard.at(-1)).toEqual({ listening: false, speaking: false, segments: 0, open: false });

    expect(await call(page, 'listenerStart')).toMatchObject({ status: 'listening', error: null });
    await call(page, 'listenerStop');
  });

  test('a stream without a microphone, or a model that cannot load, is a message, never an exception', async () => {
    await call(page, 'listenerNew');
    expect(await call(page, 'listenerStart', 'no-audio')).toMatchObject({
      status: 'failed',
      error: 'The stream has no microphone track.',
    });

    await call(page, 'voiceAssetsFrom', '/missing/');
    await call(page, 'listenerNew');
    const failed = await call(page, 'listenerStart');
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^The voice model could not be started \(.+\)\.$/);
    // The microphone it opened for the detector is closed again.
    expect(failed.ownTracks).toEqual(['ended']);
    expect(failed.heard.at(-1)).toEqual({ listening: false, speaking: false, segments: 0, open: false });
  });

  for (const [name, args, error] of [
    [
      'access refused',
      ['--use-fake-ui-for-media-stream=deny', '--use-fake-device-for-media-stream'],
      'Access to the microphone was refused. Allow it in your system or browser settings, or rehearse without recording.',
    ],
    [
      'no microphone',
      ['--use-fake-ui-for-media-stream'],
      'No microphone was found. Connect one, or rehearse without recording.',
    ],
  ] as const) {
    test(`${name}: voice fails with what to do`, async ({ playwright }) => {
      const other = await launchChromium(playwright, [...args]);
      try {
        const otherPage = await openHarness(other, server);
        await call(otherPage, 'listenerNew');
        expect(await call(otherPage, 'listenerStart')).toMatchObject({ status: 'failed', error, ownTracks: [] });
      } finally {
        await other.close();
      }
    });
  }
});
