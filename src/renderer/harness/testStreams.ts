/**
 * Real audio for the voice classes, made by the browser: silence and a steady tone from an
 * AudioContext, speech from a WAV played by an <audio> element (its captured tracks end when it
 * does, as an unplugged microphone's do), and a video-only stream from a canvas.
 */
import type { VoiceSource } from './calls';

export interface TestStream {
  stream: MediaStream;
  /** Ends the source the way a device going away does: its tracks end and say so. */
  end(): Promise<void>;
}

/** Where the spec's server puts the speech file (e2e/speechWav.ts). */
export const SPEECH_URL = '/speech.wav';

export async function testStream(kind: VoiceSource): Promise<TestStream> {
  switch (kind) {
    case 'silence':
    case 'tone':
      return generated(kind === 'tone');
    case 'speech':
      return speech();
    case 'no-audio': {
      const canvas = document.createElement('canvas');
      const stream = canvas.captureStream();
      return { stream, end: async () => stream.getTracks().forEach((track) => track.stop()) };
    }
  }
}

function generated(tone: boolean): TestStream {
  const context = new AudioContext();
  const destination = context.createMediaStreamDestination();
  if (tone) {
    // A steady 440 Hz hum, loud: energy, but not a voice.
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    gain.gain.value = 0.3;
    oscillator.connect(gain).connect(destination);
    oscillator.start();
  }
  void context.resume();
  return { stream: destination.stream, end: () => context.close() };
}

async function speech(): Promise<TestStream> {
  const audio = new Audio(SPEECH_URL);
  audio.preload = 'auto';
  await audio.play();
  // Chromium's HTMLMediaElement.captureStream (not in TypeScript's DOM library).
  const stream = (audio as HTMLAudioElement & { captureStream(): MediaStream }).captureStream();
  if (stream.getAudioTracks().length === 0) {
    await new Promise((resolve) => stream.addEventListener('addtrack', resolve, { once: true }));
  }
  return {
    stream,
    end: async () => {
      const ended = new Promise((resolve) => audio.addEventListener('ended', resolve, { once: true }));
      audio.currentTime = Math.max(0, audio.duration - 0.05);
      await ended;
      await Promise.all(
        stream
          .getAudioTracks()
          .filter((track) => track.readyState !== 'ended')
          .map((track) => new Promise((resolve) => track.addEventListener('ended', resolve, { once: true }))),
      );
    },
  };
}
