/**
 * Opening the camera and microphone (or the microphone alone) for a recording mode, and which webm
 * type this browser records them into.
 *
 * Why its own module: the rehearsal's setup step opens the devices to show a preview and a level
 * before anything is recorded, then hands the same stream to the recording; both must ask for the
 * same constraints and explain a failure in the same words (mediaErrors.ts).
 */
import { devicesOf, openErrorText, type RecordingMode } from './mediaErrors';

const VIDEO_TYPES = ['video/webm;codecs=vp9,opus', 'video/webm;codecs=vp8,opus', 'video/webm'];
const AUDIO_TYPES = ['audio/webm;codecs=opus', 'audio/webm'];

/** The first webm type this browser records for the mode (null: it records none). */
export function recordingType(mode: RecordingMode): string | null {
  if (typeof MediaRecorder === 'undefined') return null;
  return (mode === 'camera-and-mic' ? VIDEO_TYPES : AUDIO_TYPES).find((t) => MediaRecorder.isTypeSupported(t)) ?? null;
}

/** A stream for the mode, or why there is none, in words. */
export type OpenedDevices = { stream: MediaStream } | { error: string };

export async function openDevices(mode: RecordingMode): Promise<OpenedDevices> {
  if (!globalThis.navigator?.mediaDevices?.getUserMedia || !recordingType(mode)) {
    return { error: `This window cannot record from a ${devicesOf(mode)}.` };
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      video: mode === 'camera-and-mic' ? { width: { ideal: 1280 }, height: { ideal: 720 } } : false,
    });
    return { stream };
  } catch (error) {
    return { error: openErrorText(error, mode) };
  }
}

/** Every track is still live (a device unplugged or taken ends its track). */
export function isLive(stream: MediaStream): boolean {
  return stream.getTracks().length > 0 && stream.getTracks().every((track) => track.readyState === 'live');
}

/** The stream carries what the mode records: audio, with video exactly when the camera records too. */
export function fitsMode(stream: MediaStream, mode: RecordingMode): boolean {
  return stream.getAudioTracks().length > 0 && stream.getVideoTracks().length > 0 === (mode === 'camera-and-mic');
}

/** Stops every track of a stream (the camera light goes off). */
export function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
