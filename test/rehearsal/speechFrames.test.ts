import { describe, expect, it } from 'vitest';
import { SpeechFrames, type SpeechFrameOptions } from '../../src/core/rehearsal/speechFrames';

const options: SpeechFrameOptions = { msPerFrame: 32, positiveThreshold: 0.5, minSpeechMs: 250 };

/**
 * Plays frames into a tracker the way vad-web's frame processor reports them: each frame, then
 * `start` on the first speech frame, `end` after `redemption` quiet frames (`misfire` when there
 * were fewer than `minFrames` speech frames). `arrival(k)` is when frame k reaches the main thread.
 */
function play(
  probabilities: number[],
  arrival: (k: number) => number,
  { redemption = 19, minFrames = 8 } = {},
): SpeechFrames {
  const frames = new SpeechFrames(options);
  let speaking = false;
  let quiet = 0;
  let speech = 0;
  probabilities.forEach((probability, k) => {
    frames.handle({ kind: 'frame', atMs: arrival(k), probability });
    const isSpeech = probability >= 0.5;
    if (isSpeech) {
      speech++;
      quiet = 0;
      if (!speaking) {
        speaking = true;
        frames.handle({ kind: 'start' });
      }
    } else if (speaking && probability < 0.35 && ++quiet >= redemption) {
      frames.handle({ kind: speech >= minFrames ? 'end' : 'misfire' });
      speaking = false;
      quiet = 0;
      speech = 0;
    }
  });
  return frames;
}

/** `n` frames of silence, then `m` of speech, and so on. */
const pattern = (...runs: Array<[number, number]>): number[] =>
  runs.flatMap(([probability, count]) => Array<number>(count).fill(probability));

describe('SpeechFrames', () => {
  it('dates a segment by its speech frames, not by when the detector decided', () => {
    // Frame k's audio ends at 1000 + 32(k+1) and arrives 40 ms later: the constant delivery delay
    // shifts both ends alike, the end is not pushed back by the 19 quiet frames of grace.
    const frames = play(pattern([0, 10], [0.9, 50], [0, 30]), (k) => 1000 + 32 * (k + 1) + 40);
    expect(frames.segments).toEqual([{ startMs: 1000 + 320 + 40, endMs: 1000 + 32 * 60 + 40, misfire: false }]);
    expect(frames.speaking).toBe(false);
  });

  it('holds the open segment at the last speech frame during the grace period', () => {
    const frames = play(pattern([0, 10], [0.9, 50], [0, 10]), (k) => 32 * (k + 1));
    expect(frames.speaking).toBe(true);
    expect(frames.open).toEqual({ startMs: 320, endMs: 32 * 60 });
    expect(frames.segments).toEqual([]);
  });

  it('bridges a short gap inside one segment and splits at a long one', () => {
    const frames = play(pattern([0.9, 20], [0.1, 10], [0.9, 20], [0, 40], [0.9, 20], [0, 25]), (k) => 32 * (k + 1));
    expect(frames.segments).toEqual([
      { startMs: 0, endMs: 32 * 50, misfire: false },
      { startMs: 32 * 90, endMs: 32 * 110, misfire: false },
    ]);
  });

  it('keeps the first arrival as the anchor, so a burst of late frames keeps its audio times', () => {
    // Frames 10–39 wait on a busy main thread (up to 960 ms) and then arrive together.
    const arrival = (k: number): number => (k >= 10 && k < 40 ? 32 * 40 + 5 : 32 * (k + 1) + 5);
    const frames = play(pattern([0, 12], [0.9, 10], [0, 30]), arrival);
    expect(frames.segments).toEqual([{ startMs: 12 * 32 + 5, endMs: 22 * 32 + 5, misfire: false }]);
  });

  it('re-anchors when the audio stopped (frames much later than their place)', () => {
    // 20 frames, then the audio context is suspended for 5 s, then speech.
    const arrival = (k: number): number => (k < 20 ? 32 * (k + 1) : 5000 + 32 * (k + 1));
    const frames = play(pattern([0, 20], [0.9, 20], [0, 25]), arrival);
    expect(frames.segments).toEqual([{ startMs: 5000 + 20 * 32, endMs: 5000 + 40 * 32, misfire: false }]);
  });

  it('keeps a misfire apart from speech', () => {
    const frames = play(pattern([0, 5], [0.9, 3], [0, 25]), (k) => 32 * (k + 1));
    expect(frames.segments).toEqual([{ startMs: 160, endMs: 256, misfire: true }]);
  });

  it('closes the open segment at stop: speech when long enough, a misfire otherwise', () => {
    const long = play(pattern([0.9, 20], [0, 3]), (k) => 32 * (k + 1));
    long.stop();
    expect(long.segments).toEqual([{ startMs: 0, endMs: 640, misfire: false }]);
    expect(long.speaking).toBe(false);
    const short = play(pattern([0.9, 3]), (k) => 32 * (k + 1));
    short.stop();
    expect(short.segments).toEqual([{ startMs: 0, endMs: 96, misfire: true }]);
  });

  it('refuses options and times that cannot be right, saying which', () => {
    expect(() => new SpeechFrames({ ...options, msPerFrame: 0 })).toThrow(/frame must last/);
    expect(() => new SpeechFrames({ ...options, positiveThreshold: 2 })).toThrow(/probability/);
    expect(() => new SpeechFrames({ ...options, minSpeechMs: -1 })).toThrow(/minimum speech/);
    const frames = new SpeechFrames(options);
    expect(() => frames.handle({ kind: 'frame', atMs: NaN, probability: 0.9 })).toThrow(/not a number/);
  });

  it('ignores an end or a start it cannot place', () => {
    const frames = new SpeechFrames(options);
    frames.handle({ kind: 'start' });
    frames.handle({ kind: 'end' });
    expect(frames.segments).toEqual([]);
    expect(frames.speaking).toBe(false);
  });
});
