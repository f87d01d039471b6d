/**
 * A WAV of synthetic speech with known silences, for Chromium's fake microphone
 * (`--use-file-for-fake-audio-capture`), and where its speech is, measured from its samples.
 *
 * espeak-ng speaks each phrase into a WAV of its own; this joins them with exact silences and
 * writes 16-bit mono PCM at 48 kHz (Chromium's capture rate; resampled linearly from espeak's
 * 22.05 kHz). The voiced intervals are not guessed from the plan: they are found in the written
 * samples by energy (10 ms windows above -40 dB of the loudest), with gaps shorter than the app's
 * 600 ms grace merged, as the app counts a breath between words as speech.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ESPEAK = process.env.ESPEAK_NG ?? '/usr/bin/espeak-ng';
const RATE = 48_000;
/** The app's grace between words (VOICE_SETTINGS.redemptionMs in src/renderer/src/features/rehearsal/voice/VoiceDetector.ts). */
const MERGE_GAP_MS = 600;

export interface Interval {
  startMs: number;
  endMs: number;
}

export interface SpeechWav {
  file: string;
  /** The file's length: Chromium plays it in a loop. */
  periodMs: number;
  /** Speech in one period, in order. */
  speech: Interval[];
}

/** Phrases and the silence after each (the last one's silence runs into the loop's next start). */
export const PLAN: Array<{ text: string; silenceMs: number }> = [
  { text: 'We measured every build.', silenceMs: 3000 },
  { text: 'Then we cut it in half.', silenceMs: 1000 },
  { text: 'It shipped two days early.', silenceMs: 3500 },
];

function readPcm16(file: string): { rate: number; samples: Float32Array } {
  const buffer = readFileSync(file);
  if (buffer.toString('ascii', 0, 4) !== 'RIFF' || buffer.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(`${file} is not a WAV file`);
  }
  let offset = 12;
  let rate = 0;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString('ascii', offset, offset + 4);
    const size = buffer.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      if (buffer.readUInt16LE(offset + 8) !== 1 || buffer.readUInt16LE(offset + 10) !== 1) {
        throw new Error(`${file}: expected mono PCM`);
      }
      rate = buffer.readUInt32LE(offset + 12);
    }
    if (id === 'data') {
      // espeak-ng writes a streaming header whose data size may be 0 or too big: read to the end.
      const end = size > 0 && offset + 8 + size <= buffer.length ? offset + 8 + size : buffer.length;
      const count = Math.floor((end - offset - 8) / 2);
      const samples = new Float32Array(count);
      for (let i = 0; i < count; i++) samples[i] = buffer.readInt16LE(offset + 8 + i * 2) / 32768;
      return { rate, samples };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error(`${file} has no data chunk`);
}

function resample(samples: Float32Array, from: number, to: number): Float32Array {
  const out = new Float32Array(Math.floor((samples.length * to) / from));
  for (let i = 0; i < out.length; i++) {
    const x = (i * from) / to;
    const k = Math.floor(x);
    const a = samples[k] ?? 0;
    const b = samples[k + 1] ?? a;
    out[i] = a + (b - a) * (x - k);
  }
  return out;
}

/** Where the speech is in `samples`: 10 ms windows above -40 dB of the loudest, short gaps merged. */
export function voicedIntervals(samples: Float32Array, rate = RATE): Interval[] {
  const window = Math.round(rate / 100);
  const rms: number[] = [];
  for (let start = 0; start + window <= samples.length; start += window) {
    let sum = 0;
    for (let i = start; i < start + window; i++) sum += samples[i] * samples[i];
    rms.push(Math.sqrt(sum / window));
  }
  const threshold = Math.max(...rms) * 10 ** (-40 / 20);
  const intervals: Interval[] = [];
  rms.forEach((value, index) => {
    if (value < threshold) return;
    const startMs = index * 10;
    const last = intervals.at(-1);
    if (last && startMs - last.endMs < MERGE_GAP_MS) last.endMs = startMs + 10;
    else intervals.push({ startMs, endMs: startMs + 10 });
  });
  return intervals;
}

/** Trims a phrase to its first and last loud window. */
function trim(samples: Float32Array, rate: number): Float32Array {
  const [first] = voicedIntervals(samples, rate);
  const last = voicedIntervals(samples, rate).at(-1);
  if (!first || !last) throw new Error('espeak-ng produced silence');
  return samples.slice(Math.floor((first.startMs * rate) / 1000), Math.ceil((last.endMs * rate) / 1000));
}

function writeWav(file: string, samples: Float32Array): void {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((value, i) => data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(value * 32767))), i * 2));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  writeFileSync(file, Buffer.concat([header, data]));
}

/** Speaks `PLAN` into `dir/speech.wav`. Throws, saying so, when espeak-ng is not installed. */
export function makeSpeechWav(dir: string): SpeechWav {
  if (!existsSync(ESPEAK)) {
    throw new Error(
      `espeak-ng is needed for the voice test and was not found at ${ESPEAK}: install the Debian package espeak-ng (.ci/run does), or set ESPEAK_NG`,
    );
  }
  const parts: Float32Array[] = [];
  PLAN.forEach(({ text, silenceMs }, index) => {
    const phraseFile = join(dir, `phrase-${index}.wav`);
    execFileSync(ESPEAK, ['-v', 'en-us', '-s', '150', '-w', phraseFile, text]);
    const { rate, samples } = readPcm16(phraseFile);
    parts.push(resample(trim(samples, rate), rate, RATE), new Float32Array((silenceMs * RATE) / 1000));
  });
  const all = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  const file = join(dir, 'speech.wav');
  writeWav(file, all);
  return { file, periodMs: (all.length / RATE) * 1000, speech: voicedIntervals(all) };
}
