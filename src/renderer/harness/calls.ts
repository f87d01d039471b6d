/**
 * What the class harness page offers its Playwright specs (e2e/recordingSession.spec.ts,
 * e2e/voice*.spec.ts), as plain data: the specs run under Node's types and reach the page only
 * through `page.evaluate`, so every argument and answer here is JSON.
 */
import type { TakeMode, TakeTiming } from '../../core/rehearsal/take';

/** One call the recording session made to the take API (the injected test double). */
export type TakeCall =
  | { call: 'startTake'; storyId: string; mimeType: string | null }
  | { call: 'appendTakeChunk'; takeId: string; seq: number; bytes: number; refused?: string }
  | { call: 'finishTake'; takeId: string; sidecar: TakeTiming }
  | { call: 'abortTake'; takeId: string; reason: string; sidecar?: TakeTiming };

export interface SessionSnapshot {
  status: string;
  mode: TakeMode;
  recording: boolean;
  openError: string | null;
  stoppedReason: string | null;
  device: string;
  level: number;
  savedBytes: number;
  takeId: string | null;
  /** The session's stream's tracks, or null when it holds none. */
  tracks: Array<{ kind: string; readyState: string }> | null;
  /** Tracks the session held earlier and let go of. */
  releasedTracks: Array<{ kind: string; readyState: string }>;
  /** Every track getUserMedia handed out since the session was made, by state (opened or stopped). */
  deviceTracks: string[];
  /** What `onStopped` was told, in order. */
  stops: string[];
}

export interface SessionOptions {
  /** The double refuses every chunk from this one on (0-based), as a full disk would. */
  refuseChunksFrom?: number;
  /** The double's startTake fails with this message. */
  startTakeFails?: string;
}

/** What the recorded bytes turned out to be when the browser played them back. */
export interface Playback {
  bytes: number;
  /** The file starts with EBML's magic, as a webm does. */
  ebml: boolean;
  /** The browser read its header: it has a video track (width > 0) or is audio only. */
  width: number;
  height: number;
  /** The media element's error, if it could not read the file. */
  error: string | null;
}

/**
 * `speech`: the spoken WAV played by an <audio> element (its tracks end when it does);
 * `tone-then-speech`: 2 s of a loud steady tone, 2 s of silence, then the WAV, from an AudioContext,
 * started once the detector listens; `no-audio`: a canvas's video track alone.
 */
export type VoiceSource = 'speech' | 'tone-then-speech' | 'no-audio';

/** The tone and the silence before the speech in `tone-then-speech`. */
export const TONE_MS = 2000;
export const SILENCE_MS = 2000;

export interface VoiceSnapshot {
  speaking: boolean;
  open: { startMs: number; endMs: number } | null;
  segments: Array<{ startMs: number; endMs: number; misfire: boolean }>;
  /** `onchange` calls so far. */
  changes: number;
  /** Every value `speaking` had at an `onchange`, repeats dropped: the speech/silence transitions. */
  transitions: boolean[];
  errors: string[];
  /** What the detector held when it reported its first error. */
  atFirstError: { speaking: boolean; open: VoiceSnapshot['open']; segments: VoiceSnapshot['segments'] } | null;
  /** The source stream's audio tracks, which the detector must never stop. */
  sourceTracks: string[];
}

export interface HeardSnapshot {
  status: string;
  error: string | null;
  /** Every report the listener made, in order. */
  heard: Array<{ listening: boolean; speaking: boolean; segments: number; open: boolean }>;
  /** Tracks the listener's own microphone stream had (read through getUserMedia), by state. */
  ownTracks: string[];
  /** Tracks of a stream handed in, by state. */
  givenTracks: string[];
}

/** The calls, by name: `[arguments, answer]`. */
export interface HarnessCalls {
  sessionNew: [[SessionOptions?], SessionSnapshot];
  sessionOpen: [[TakeMode], { opened: boolean; snapshot: SessionSnapshot }];
  /** Two opens back to back without waiting (the second overtakes the first), or an open and a close. */
  sessionOpenOvertaken: [
    [TakeMode, TakeMode | 'close'],
    { first: boolean; second: boolean | null; snapshot: SessionSnapshot },
  ];
  sessionBegin: [[string], { error: string | null; snapshot: SessionSnapshot }];
  sessionPause: [[], SessionSnapshot];
  sessionResume: [[], SessionSnapshot];
  /** Ends the take; `twice` calls end twice without waiting (a double stop). */
  sessionEnd: [
    [TakeTiming, boolean?],
    { results: Array<{ gitMessage: string } | null>; error: string | null; snapshot: SessionSnapshot },
  ];
  sessionClose: [[], SessionSnapshot];
  sessionSnapshot: [[], SessionSnapshot];
  /** Reads the meter `times` times, each a frame apart on the session's own throttle clock. */
  sessionSampleLevel: [[number], number[]];
  /** The browser says a track of the stream went away (unplugged): its `ended` event. */
  sessionTrackEnded: [[string], SessionSnapshot];
  /** Adds a second audio track to the stream being recorded: MediaRecorder fails on it. */
  sessionAddTrack: [[], SessionSnapshot];
  sessionCalls: [[], TakeCall[]];
  /** The bytes the double was sent, played back by the browser. */
  sessionPlayback: [[], Playback];

  /** `speechAtMs`: when the speech of `tone-then-speech` begins, on the detector's clock. */
  voiceStart: [[VoiceSource], { error: string | null; name: string | null; speechAtMs: number | null }];
  voiceSnapshot: [[], VoiceSnapshot];
  /** Stops the detector (`twice`: two stops at once). */
  voiceStop: [[boolean?], VoiceSnapshot];
  /**
   * Stops the detector from within its own change report, once a segment at least `minMs` long is
   * open: the snapshot before is the state the stop found, with no audio processed in between.
   */
  voiceStopWhileSpeaking: [[number], { before: VoiceSnapshot; after: VoiceSnapshot }];
  /** The source's audio ends, as an unplugged microphone does, once a segment `minMs` long is open. */
  voiceEndSourceWhileSpeaking: [[number], { before: VoiceSnapshot; after: VoiceSnapshot }];
  /** The detector's files are looked for under `folder` (a missing or broken copy). */
  voiceAssetsFrom: [[string], string];

  listenerNew: [[], HeardSnapshot];
  /** Starts the listener on its own microphone, or on a stream of `source` handed in. */
  listenerStart: [[VoiceSource?], HeardSnapshot];
  /** Starts, and stops before the start has finished (the user switched Voice off again). */
  listenerStartThenStop: [[VoiceSource?], HeardSnapshot];
  /** Two starts at once: the second is ignored while the first runs. */
  listenerStartTwice: [[], HeardSnapshot];
  listenerStop: [[], HeardSnapshot];
  listenerSnapshot: [[], HeardSnapshot];
  /** The listened-to audio ends, as an unplugged microphone does. */
  listenerEndSource: [[], HeardSnapshot];
}

export type CallName = keyof HarnessCalls;
