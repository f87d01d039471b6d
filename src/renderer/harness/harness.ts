/**
 * A page that runs Story Bank's browser-bound classes — RecordingSession, the voice detector and
 * VoiceListener — against Chromium's real getUserMedia, MediaRecorder, AudioContext and the
 * Silero model, for the Playwright specs that test them (e2e/recordingSession.spec.ts,
 * e2e/voiceClasses.spec.ts). Each call is one step, answered with plain data (`calls.ts`).
 *
 * Only RecordingSession's injected API is a double (`takeApiDouble.ts`); the page also keeps the
 * streams getUserMedia hands out (passing them through unchanged) so a spec can see that a class
 * let go of the devices it opened.
 */
import type { TakeMode, TakeTiming } from '@core/rehearsal/take';
import { RecordingSession } from '@renderer/features/rehearsal/media/RecordingSession.svelte';
import { LEVEL_INTERVAL_MS } from '@renderer/features/rehearsal/media/LevelMeter.svelte';
import type { HeardSpeech } from '@renderer/features/rehearsal/teleprompter/TeleprompterState.svelte';
import { startVoiceDetector, type VoiceDetector } from '@renderer/features/rehearsal/voice/VoiceDetector';
import { VoiceListener } from '@renderer/features/rehearsal/voice/VoiceListener.svelte';
import type { CallName, HarnessCalls, HeardSnapshot, Playback, SessionSnapshot, VoiceSnapshot } from './calls';
import { TakeApiDouble } from './takeApiDouble';
import { testStream, type TestStream } from './testStreams';

type Harness = { [K in CallName]: (...args: HarnessCalls[K][0]) => Promise<HarnessCalls[K][1]> };

const opened: MediaStream[] = [];
const devices = navigator.mediaDevices;
const getUserMedia = devices.getUserMedia.bind(devices);
devices.getUserMedia = async (constraints) => {
  const stream = await getUserMedia(constraints);
  opened.push(stream);
  return stream;
};

const states = (tracks: readonly MediaStreamTrack[]): string[] => tracks.map((track) => track.readyState);
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

// RecordingSession ---------------------------------------------------------------------------

let session: RecordingSession;
let double: TakeApiDouble;
let stops: string[] = [];
let seen = new Set<MediaStreamTrack>();
let sessionOpenedFrom = 0;

function snapshot(): SessionSnapshot {
  for (const track of session.stream?.getTracks() ?? []) seen.add(track);
  const current = new Set(session.stream?.getTracks() ?? []);
  const describe = (track: MediaStreamTrack) => ({ kind: track.kind, readyState: track.readyState });
  return {
    status: session.status,
    mode: session.mode,
    recording: session.recording,
    openError: session.openError,
    stoppedReason: session.stoppedReason,
    device: session.device,
    level: session.level,
    savedBytes: session.savedBytes,
    takeId: session.take?.takeId ?? null,
    tracks: session.stream ? session.stream.getTracks().map(describe) : null,
    releasedTracks: [...seen].filter((track) => !current.has(track)).map(describe),
    deviceTracks: opened.slice(sessionOpenedFrom).flatMap((stream) => states(stream.getTracks())),
    stops: [...stops],
  };
}

/** The bytes sent, read back by a <video> element: a real recording has a header it can read. */
async function playback(): Promise<Playback> {
  const blob = new Blob(double.pieces as BlobPart[], { type: double.mimeType ?? '' });
  const head = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
  const video = document.createElement('video');
  video.muted = true;
  video.preload = 'metadata';
  const url = URL.createObjectURL(blob);
  const error = await new Promise<string | null>((resolve) => {
    video.addEventListener('loadedmetadata', () => resolve(null), { once: true });
    video.addEventListener('error', () => resolve(video.error?.message || `media error ${video.error?.code}`), {
      once: true,
    });
    video.src = url;
  });
  URL.revokeObjectURL(url);
  return {
    bytes: blob.size,
    ebml: head.length === 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3,
    width: video.videoWidth,
    height: video.videoHeight,
    error,
  };
}

// The voice detector -------------------------------------------------------------------------

let detector: VoiceDetector | null = null;
let source: TestStream | null = null;
let voiceLog = {
  changes: 0,
  transitions: [] as boolean[],
  errors: [] as string[],
  atFirstError: null as VoiceSnapshot['atFirstError'],
};
/** Called from the detector's change report, before anything else can happen. */
let onVoiceChange: ((detector: VoiceDetector) => void) | null = null;

/**
 * Runs `act` from within the detector's change report once a segment `minMs` long is open, so
 * the snapshot before it is the state it acted on, with no audio processed in between.
 */
function whileSpeaking(
  minMs: number,
  act: (d: VoiceDetector) => Promise<void>,
): Promise<{ before: VoiceSnapshot; done: Promise<void> }> {
  return new Promise((resolve) => {
    onVoiceChange = (d) => {
      if (!d.open || d.open.endMs - d.open.startMs < minMs) return;
      onVoiceChange = null;
      const before = voiceSnapshot();
      resolve({ before, done: act(d) });
    };
  });
}

function voiceSnapshot(): VoiceSnapshot {
  return {
    speaking: detector?.speaking ?? false,
    open: detector?.open ? { ...detector.open } : null,
    segments: (detector?.segments ?? []).map((segment) => ({ ...segment })),
    changes: voiceLog.changes,
    transitions: [...voiceLog.transitions],
    errors: [...voiceLog.errors],
    atFirstError: voiceLog.atFirstError,
    sourceTracks: states(source?.stream.getAudioTracks() ?? []),
  };
}

// VoiceListener ------------------------------------------------------------------------------

let listener: VoiceListener;
let heard: HeardSpeech[] = [];
let given: TestStream | null = null;
let openedBefore = 0;

function heardSnapshot(): HeardSnapshot {
  return {
    status: listener.status,
    error: listener.error,
    heard: heard.map((h) => ({
      listening: h.listening,
      speaking: h.speaking,
      segments: h.segments.length,
      open: h.open !== null,
    })),
    ownTracks: opened.slice(openedBefore).flatMap((stream) => states(stream.getTracks())),
    givenTracks: states(given?.stream.getTracks() ?? []),
  };
}

async function givenStream(kind: Parameters<Harness['listenerStart']>[0]): Promise<MediaStream | undefined> {
  if (!kind) return undefined;
  given = await testStream(kind);
  return given.stream;
}

const harness: Harness = {
  async sessionNew(options = {}) {
    double = new TakeApiDouble(options);
    stops = [];
    seen = new Set();
    sessionOpenedFrom = opened.length;
    session = new RecordingSession(
      () => double.api(),
      (stopped) => stops.push(stopped),
    );
    return snapshot();
  },
  async sessionOpen(mode: TakeMode) {
    const result = await session.open(mode);
    return { opened: result, snapshot: snapshot() };
  },
  async sessionOpenOvertaken(mode, then) {
    const first = session.open(mode);
    const second = then === 'close' ? (session.close(), null) : session.open(then);
    const results = await Promise.all([first, second]);
    return { first: results[0], second: results[1], snapshot: snapshot() };
  },
  async sessionBegin(storyId) {
    try {
      await session.begin(storyId);
      return { error: null, snapshot: snapshot() };
    } catch (error) {
      return { error: message(error), snapshot: snapshot() };
    }
  },
  async sessionPause() {
    session.pause();
    return snapshot();
  },
  async sessionResume() {
    session.resume();
    return snapshot();
  },
  async sessionEnd(timing: TakeTiming, twice = false) {
    try {
      const ends = twice ? [session.end(timing), session.end(timing)] : [session.end(timing)];
      const results = (await Promise.all(ends)).map((result) => (result ? { gitMessage: result.gitMessage } : null));
      return { results, error: null, snapshot: snapshot() };
    } catch (error) {
      return { results: [], error: message(error), snapshot: snapshot() };
    }
  },
  async sessionClose() {
    session.close();
    return snapshot();
  },
  async sessionSnapshot() {
    return snapshot();
  },
  async sessionSampleLevel(times) {
    const levels: number[] = [];
    const start = performance.now();
    for (let i = 0; i < times; i++) {
      // Let the analyser take in new audio between readings.
      await new Promise((resolve) => requestAnimationFrame(resolve));
      session.sampleLevel(start + (i + 1) * LEVEL_INTERVAL_MS);
      levels.push(session.level);
    }
    return levels;
  },
  async sessionTrackEnded(kind) {
    // Chromium has no way to unplug its fake device: the track stops and the browser's `ended`
    // event is sent to it, in the order a device going away gives.
    const track = session.stream?.getTracks().find((t) => t.kind === kind);
    if (!track) throw new Error(`the stream has no ${kind} track`);
    track.stop();
    track.dispatchEvent(new Event('ended'));
    return snapshot();
  },
  async sessionAddTrack() {
    const extra = new AudioContext().createMediaStreamDestination().stream.getAudioTracks()[0];
    session.stream?.addTrack(extra);
    return snapshot();
  },
  async sessionCalls() {
    return structuredClone(double.calls);
  },
  sessionPlayback: playback,

  async voiceStart(kind) {
    voiceLog = { changes: 0, transitions: [], errors: [], atFirstError: null };
    source = await testStream(kind);
    try {
      detector = await startVoiceDetector(source.stream, () => performance.now(), {
        onchange: (d) => {
          voiceLog.changes += 1;
          if (voiceLog.transitions.at(-1) !== d.speaking) voiceLog.transitions.push(d.speaking);
          onVoiceChange?.(d);
        },
        onerror: (error) => {
          if (voiceLog.errors.length === 0 && detector) {
            const { speaking, open, segments } = voiceSnapshot();
            voiceLog.atFirstError = { speaking, open, segments };
          }
          voiceLog.errors.push(error);
        },
      });
      return { error: null, name: null, speechAtMs: await source.play() };
    } catch (error) {
      return { error: message(error), name: error instanceof Error ? error.name : null, speechAtMs: null };
    }
  },
  async voiceSnapshot() {
    return voiceSnapshot();
  },
  async voiceStop(twice = false) {
    await Promise.all(twice ? [detector?.stop(), detector?.stop()] : [detector?.stop()]);
    return voiceSnapshot();
  },
  async voiceStopWhileSpeaking(minMs) {
    const { before, done } = await whileSpeaking(minMs, (d) => d.stop());
    await done;
    return { before, after: voiceSnapshot() };
  },
  async voiceEndSourceWhileSpeaking(minMs) {
    const { before, done } = await whileSpeaking(minMs, () => source!.end());
    await done;
    return { before, after: voiceSnapshot() };
  },
  async voiceAssetsFrom(folder) {
    let base = document.querySelector('base');
    if (!base) base = document.head.appendChild(document.createElement('base'));
    base.href = folder;
    return document.baseURI;
  },

  async listenerNew() {
    heard = [];
    given = null;
    openedBefore = opened.length;
    listener = new VoiceListener(
      () => performance.now(),
      (h) => heard.push(h),
    );
    return heardSnapshot();
  },
  async listenerStart(kind) {
    await listener.start(await givenStream(kind));
    return heardSnapshot();
  },
  async listenerStartThenStop(kind) {
    const starting = listener.start(await givenStream(kind));
    await listener.stop();
    await starting;
    return heardSnapshot();
  },
  async listenerStartTwice() {
    await Promise.all([listener.start(), listener.start()]);
    return heardSnapshot();
  },
  async listenerStop() {
    await listener.stop();
    return heardSnapshot();
  },
  async listenerSnapshot() {
    return heardSnapshot();
  },
  async listenerEndSource() {
    await given?.end();
    return heardSnapshot();
  },
};

(window as unknown as { harness: Harness }).harness = harness;
document.body.dataset.ready = 'true';
