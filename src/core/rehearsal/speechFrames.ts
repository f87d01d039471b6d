/**
 * Speech segments on the caller's clock from a voice-activity detector's frame events.
 *
 * Why: the detector (@ricky0123/vad-web, Silero on the device) decides frame by frame, and it tells
 * late: "speech started" comes with the first speech frame, after that frame's audio was recorded,
 * and "speech ended" only after `redemptionMs` of quiet, so that a breath between words is not a
 * stop. Timestamping those callbacks with the clock would shift every start a frame late and every
 * end by the whole redemption time (1 s of invented speech after each phrase). This module dates
 * each frame by the audio it carries and puts starts and ends where the speech frames were.
 *
 * Rules:
 * - Events come in the detector's order: each frame (`frame`, with its speech probability and the
 *   clock time it arrived), then what that frame decided (`start`, `end`, `misfire`).
 * - Frames are `msPerFrame` of audio each, one after the other. Frame k's audio ends at
 *   `anchor + (k + 1) · msPerFrame`; the anchor is the earliest arrival seen (arrivals are late by
 *   processing, never early), so a busy main thread delivering frames in a burst does not stretch
 *   or squeeze speech. A frame arriving more than `maxLagMs` later than its place means the audio
 *   stopped (a suspended audio context): the clock is re-anchored from that frame.
 * - A segment starts where its first speech frame began and ends where its last speech frame
 *   (probability ≥ `positiveThreshold`) ended. While it is open, its end is the last speech frame
 *   heard so far, so a voice-gated script holds in a pause at once instead of running on through
 *   the detector's grace period and jumping back.
 * - A misfire (less than the detector's minimum speech, e.g. a cough) is kept apart: it is not
 *   speech for the analysis, but the script did move while it was heard, so the gate keeps it.
 * - `stop()` closes an open segment at its last speech frame; it counts as speech when at least
 *   `minSpeechMs` long.
 */
import type { Interval } from './intervals';

export interface SpeechFrameOptions {
  /** Audio per frame: 32 ms for Silero v5 (512 samples at 16 kHz). */
  msPerFrame: number;
  /** The probability from which a frame is speech (the detector's own threshold). */
  positiveThreshold: number;
  /** An open segment shorter than this at `stop()` is a misfire. */
  minSpeechMs: number;
  /** Lateness beyond which the audio is taken to have stopped and the clock re-anchored. */
  maxLagMs?: number;
}

export type SpeechFrameEvent =
  { kind: 'frame'; atMs: number; probability: number } | { kind: 'start' } | { kind: 'end' } | { kind: 'misfire' };

export interface SpeechSegment extends Interval {
  /** Too short to be speech (the detector's misfire): moves a gated script, not counted as voice. */
  misfire: boolean;
}

/** Longer than a busy main thread holds frames back; shorter than an audio context suspended for a while. */
const DEFAULT_MAX_LAG_MS = 1500;

export class SpeechFrames {
  readonly #options: Required<SpeechFrameOptions>;
  #anchor: number | null = null;
  #frames = 0;
  /** The audio of the latest frame, on the caller's clock. */
  #frame: Interval | null = null;
  #open: Interval | null = null;
  #segments: SpeechSegment[] = [];

  constructor(options: SpeechFrameOptions) {
    const { msPerFrame, positiveThreshold, minSpeechMs } = options;
    if (!(msPerFrame > 0)) throw new RangeError(`a frame must last some time, got ${msPerFrame} ms`);
    if (!(positiveThreshold >= 0 && positiveThreshold <= 1)) {
      throw new RangeError(`the speech threshold is a probability (0–1), got ${positiveThreshold}`);
    }
    if (!(minSpeechMs >= 0)) throw new RangeError(`the minimum speech must be 0 ms or more, got ${minSpeechMs}`);
    this.#options = { maxLagMs: DEFAULT_MAX_LAG_MS, ...options };
  }

  /** Segments closed so far, misfires included, in order. */
  get segments(): readonly SpeechSegment[] {
    return this.#segments;
  }

  /** The segment being spoken now (ending at its last speech frame so far), or null. */
  get open(): Interval | null {
    return this.#open && { ...this.#open };
  }

  get speaking(): boolean {
    return this.#open !== null;
  }

  handle(event: SpeechFrameEvent): void {
    switch (event.kind) {
      case 'frame':
        this.#onFrame(event.atMs, event.probability);
        return;
      case 'start':
        if (this.#open || !this.#frame) return;
        this.#open = { ...this.#frame };
        return;
      case 'end':
      case 'misfire':
        this.#close(event.kind === 'misfire');
        return;
    }
  }

  /** Closes an open segment (the take ended, or the microphone went away). */
  stop(): void {
    const open = this.#open;
    if (open) this.#close(open.endMs - open.startMs < this.#options.minSpeechMs);
  }

  #onFrame(atMs: number, probability: number): void {
    if (!Number.isFinite(atMs)) throw new RangeError(`a frame arrived at a time that is not a number (${atMs})`);
    const { msPerFrame, maxLagMs, positiveThreshold } = this.#options;
    const index = this.#frames++;
    const candidate = atMs - (index + 1) * msPerFrame;
    if (this.#anchor === null || candidate < this.#anchor || candidate - this.#anchor > maxLagMs) {
      this.#anchor = candidate;
    }
    const endMs = this.#anchor + (index + 1) * msPerFrame;
    this.#frame = { startMs: endMs - msPerFrame, endMs };
    if (this.#open && probability >= positiveThreshold) this.#open.endMs = endMs;
  }

  #close(misfire: boolean): void {
    const open = this.#open;
    if (!open) return;
    this.#open = null;
    this.#segments = [...this.#segments, { ...open, misfire }];
  }
}
