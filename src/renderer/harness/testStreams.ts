/**
 * Real audio for the voice classes, made by the browser: the spoken WAV played in a loop by an
 * <audio> element (its captured tracks end when it does, as an unplugged microphone's do), the same WAV
 * after a steady tone and a silence from an AudioContext, and a video-only stream from a canvas.
 */
import { SILENCE_MS, TONE_MS, type VoiceSource } from './calls';

export interface TestStream {
  stream: MediaStream;
  /** Starts the sound; the time on performance.now() its speech begins at. */
  play(): Promise<number | null>;
  /** Ends the source the way a device going away does: its tracks end and say so. */
  end(): Promise<void>;
}

/** Where the spec's server puts the speech file (e2e/speechWav.ts). */
export const SPEECH_URL = '/speech.wav';

export async function testStream(kind: VoiceSource): Promise<TestStream> {
  switch (kind) {
    case 'speech':
      return speech();
    case 'tone-then-speech':
      return toneThenSpeech();
    case 'no-audio': {
      const stream = document.createElement('canvas').captureStream();
      return {
        stream,
        play: async () => null,
        end: async () => stream.getTracks().forEach((track) => track.stop()),
      };
    }
  }
}

async function speech(): Promise<TestStream> {
  const audio = new Audio(SPEECH_URL);
  // In a loop until ended on purpose: the model may take longer to load than the file lasts.
  audio.loop = true;
  await audio.play();
  // Chromium's HTMLMediaElement.captureStream (not in TypeScript's DOM library).
  const stream = (audio as HTMLAudioElement & { captureStream(): MediaStream }).captureStream();
  if (stream.getAudioTracks().length === 0) {
    await new Promise((resolve) => stream.addEventListener('addtrack', resolve, { once: true }));
  }
  return {
    stream,
    play: async () => null,
    end: async () => {
      const tracks = stream.getAudioTracks();
      const ended = tracks.map(
        (track) => new Promise((resolve) => track.addEventListener('ended', resolve, { once: true })),
      );
      audio.loop = false;
      audio.currentTime = Math.max(0, audio.duration - 0.05);
      await Promise.all(ended);
    },
  };
}

async function toneThenSpeech(): Promise<TestStream> {
  const context = new AudioContext();
  const spoken = await context.decodeAudioData(await (await fetch(SPEECH_URL)).arrayBuffer());
  const rate = context.sampleRate;
  const lead = Math.round(((TONE_MS + SILENCE_MS) / 1000) * rate);
  const buffer = context.createBuffer(1, lead + spoken.length, rate);
  const samples = buffer.getChannelData(0);
  const toneEnd = Math.round((TONE_MS / 1000) * rate);
  // A steady 440 Hz hum at a third of full scale: loud, but not a voice. Faded in and out over
  // 50 ms, so its edges are not clicks (a click is a sound the model may take for a syllable).
  const fade = Math.round(0.05 * rate);
  for (let i = 0; i < toneEnd; i++) {
    const edge = Math.min(1, i / fade, (toneEnd - i) / fade);
    samples[i] = 0.3 * edge * Math.sin((2 * Math.PI * 440 * i) / rate);
  }
  samples.set(spoken.getChannelData(0), lead);
  const destination = context.createMediaStreamDestination();
  const player = context.createBufferSource();
  player.buffer = buffer;
  player.connect(destination);
  await context.resume();
  return {
    stream: destination.stream,
    play: async () => {
      player.start();
      return performance.now() + TONE_MS + SILENCE_MS;
    },
    end: () => context.close(),
  };
}
