/**
 * A microphone's input level, 0…1, for a meter: read from the stream's audio through an analyser.
 *
 * Why a class of its own: the setup step's meter (before a take) and the teleprompter's (during
 * it) read the same level the same way. The meter only has to look alive: reading the analyser and
 * redrawing on every frame cost the teleprompter frames on a busy machine, so it reads at most
 * every LEVEL_INTERVAL_MS and moves in steps of 1/50 (a steady level writes nothing).
 */

/** The level meter reads the microphone about 15 times a second. */
export const LEVEL_INTERVAL_MS = 66;

export class LevelMeter {
  #audio: AudioContext | null = null;
  #analyser: AnalyserNode | null = null;
  #samples: Float32Array<ArrayBuffer> | null = null;
  #levelAt = -Infinity;

  /** Input level, 0…1 (RMS, scaled). */
  level = $state(0);

  /** Listens to the stream's audio (nothing happens for a stream without audio). */
  attach(stream: MediaStream): void {
    this.detach();
    if (stream.getAudioTracks().length === 0 || typeof AudioContext === 'undefined') return;
    const audio = new AudioContext();
    const analyser = audio.createAnalyser();
    analyser.fftSize = 1024;
    audio.createMediaStreamSource(stream).connect(analyser);
    void audio.resume().catch(() => {});
    this.#audio = audio;
    this.#analyser = analyser;
    this.#samples = new Float32Array(analyser.fftSize);
  }

  /** Samples the level (call once a frame while the meter shows). */
  sample(now = performance.now()): void {
    const analyser = this.#analyser;
    const samples = this.#samples;
    if (!analyser || !samples || now - this.#levelAt < LEVEL_INTERVAL_MS) return;
    this.#levelAt = now;
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const value of samples) sum += value * value;
    const rms = Math.sqrt(sum / samples.length);
    // Speech sits around 0.02–0.2 RMS; a square root spreads it over the meter.
    this.level = Math.round(Math.min(1, Math.sqrt(rms * 5)) * 50) / 50;
  }

  detach(): void {
    void this.#audio?.close().catch(() => {});
    this.#audio = null;
    this.#analyser = null;
    this.#samples = null;
    this.#levelAt = -Infinity;
    this.level = 0;
  }
}
