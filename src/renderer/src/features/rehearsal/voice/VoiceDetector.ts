/**
 * Listens to a MediaStream with the Silero voice-activity model (@ricky0123/vad-web on
 * onnxruntime-web, all on the device) and reports speech segments on the caller's clock.
 *
 * Why a wrapper: the library opens its own microphone, dates nothing, and stops the stream's tracks
 * when it is done. Here the stream belongs to the caller (the teleprompter's microphone now, the
 * recording's camera+mic stream later), is never stopped, and every frame event goes through
 * `SpeechFrames` (core), which dates speech by the audio it came from rather than by when the
 * detector made up its mind.
 *
 * Nothing is fetched from the network: the model, the audio worklet and onnxruntime's wasm are
 * copied into the renderer build under `vad/` (electron.vite.config.ts) and loaded from the page's
 * own origin.
 */
import { SpeechFrames, type SpeechSegment } from '@core/rehearsal/speechFrames';
import type { Interval } from '@core/rehearsal/intervals';

/** Where the build puts the detector's files, next to index.html. */
export const VOICE_ASSET_FOLDER = 'vad/';

/**
 * Silero v5 decides on 512 samples at 16 kHz. The thresholds are Silero's own recommendation
 * (0.5 / 0.35). A 600 ms grace period bridges breaths between words but not a 1 s stop, so voiced
 * time is speech, and any pause of 2 s is seen as one; 250 ms of speech at least, so a click or a
 * cough is a misfire, not a word.
 */
export const VOICE_SETTINGS = {
  model: 'v5',
  msPerFrame: 32,
  positiveSpeechThreshold: 0.5,
  negativeSpeechThreshold: 0.35,
  redemptionMs: 600,
  minSpeechMs: 250,
  preSpeechPadMs: 0,
} as const;

export interface VoiceCallbacks {
  /** Something changed: a segment opened, grew, closed or misfired. */
  onchange?: (detector: VoiceDetector) => void;
  /** The detector stopped working after it started (the audio pipeline failed). */
  onerror?: (message: string) => void;
}

export interface VoiceDetector {
  /** Closed segments so far, misfires included, on the caller's clock. */
  readonly segments: readonly SpeechSegment[];
  /** The segment being spoken, ending at its last speech frame so far. */
  readonly open: Interval | null;
  readonly speaking: boolean;
  /** Stops listening and frees the model; the stream's tracks are left running. */
  stop(): Promise<void>;
}

/** A failure to start, in words for the user. */
export class VoiceDetectorError extends Error {
  override name = 'VoiceDetectorError';
}

/** The detector's files, as absolute URLs on the page's origin (module-relative paths would differ). */
export function voiceAssetBase(baseUri: string = document.baseURI): string {
  return new URL(VOICE_ASSET_FOLDER, baseUri).href;
}

/**
 * Starts the detector on `stream` (its first audio track). Resolves once the model is loaded and
 * audio flows; rejects with a `VoiceDetectorError` saying what went wrong.
 */
export async function startVoiceDetector(
  stream: MediaStream,
  clock: () => number,
  callbacks: VoiceCallbacks = {},
): Promise<VoiceDetector> {
  if (stream.getAudioTracks().length === 0) throw new VoiceDetectorError('The stream has no microphone track.');
  const frames = new SpeechFrames({
    msPerFrame: VOICE_SETTINGS.msPerFrame,
    positiveThreshold: VOICE_SETTINGS.positiveSpeechThreshold,
    minSpeechMs: VOICE_SETTINGS.minSpeechMs,
  });

  let library: typeof import('@ricky0123/vad-web/dist/real-time-vad');
  try {
    // Loaded on first use: onnxruntime is large and only the teleprompter's voice option needs it.
    library = await import('@ricky0123/vad-web/dist/real-time-vad');
  } catch (error) {
    throw new VoiceDetectorError(`The voice detector could not be loaded (${describe(error)}).`);
  }

  let stopped = false;
  const detector: VoiceDetector = {
    get segments() {
      return frames.segments;
    },
    get open() {
      return frames.open;
    },
    get speaking() {
      return frames.speaking;
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      frames.stop();
      callbacks.onchange?.(detector);
      await vad?.destroy().catch(() => undefined);
      await audioContext.close().catch(() => undefined);
    },
  };
  const emit = (): void => {
    if (!stopped) callbacks.onchange?.(detector);
  };

  // Our own context, resumed explicitly: one made after an await may start suspended.
  const audioContext = new AudioContext();
  let vad: Awaited<ReturnType<typeof library.MicVAD.new>> | undefined;
  const base = voiceAssetBase();
  try {
    vad = await library.MicVAD.new({
      model: VOICE_SETTINGS.model,
      baseAssetPath: base,
      onnxWASMBasePath: base,
      positiveSpeechThreshold: VOICE_SETTINGS.positiveSpeechThreshold,
      negativeSpeechThreshold: VOICE_SETTINGS.negativeSpeechThreshold,
      redemptionMs: VOICE_SETTINGS.redemptionMs,
      minSpeechMs: VOICE_SETTINGS.minSpeechMs,
      preSpeechPadMs: VOICE_SETTINGS.preSpeechPadMs,
      audioContext,
      // Started below, once frames are queued one at a time.
      startOnLoad: false,
      // The caller's stream, never stopped here: the recording may be using it.
      getStream: async () => stream,
      pauseStream: async () => undefined,
      resumeStream: async () => stream,
      ortConfig: (ort) => {
        ort.env.logLevel = 'error';
        // Threads need SharedArrayBuffer, which needs cross-origin isolation; without it, one thread.
        ort.env.wasm.numThreads = globalThis.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
      },
      onFrameProcessed: (probabilities) => {
        if (stopped) return;
        const wasOpen = frames.open?.endMs;
        frames.handle({ kind: 'frame', atMs: clock(), probability: probabilities.isSpeech });
        if (frames.open?.endMs !== wasOpen) emit();
      },
      onSpeechStart: () => {
        frames.handle({ kind: 'start' });
        emit();
      },
      onSpeechEnd: () => {
        frames.handle({ kind: 'end' });
        emit();
      },
      onVADMisfire: () => {
        frames.handle({ kind: 'misfire' });
        emit();
      },
    });
    // The library runs the model on each audio message as it comes; on a busy main thread messages
    // arrive in bursts and runs would overlap, feeding Silero's recurrent state out of order. One
    // frame at a time, in order.
    const processFrame = vad.processFrame;
    let queue = Promise.resolve();
    vad.processFrame = (frame) => (queue = queue.then(() => processFrame(frame)).catch(() => undefined));
    await vad.start();
    await audioContext.resume();
  } catch (error) {
    stopped = true;
    await vad?.destroy().catch(() => undefined);
    await audioContext.close().catch(() => undefined);
    throw new VoiceDetectorError(`The voice model could not be started (${describe(error)}).`);
  }
  audioContext.addEventListener('statechange', () => {
    if (!stopped && audioContext.state === 'closed') callbacks.onerror?.('The microphone audio stopped.');
  });
  for (const track of stream.getAudioTracks()) {
    track.addEventListener('ended', () => {
      if (stopped) return;
      frames.stop();
      emit();
      callbacks.onerror?.('The microphone was disconnected.');
    });
  }
  return detector;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
