/**
 * Opens the microphone alone, for voice analysis without a recording.
 *
 * Why its own function: the stream is the one thing the voice detector needs, and it must be
 * replaceable by the recording's camera+mic stream; and the browser's errors (NotAllowedError,
 * NotFoundError…) need saying in words the user can act on.
 */

import { openErrorText } from './mediaErrors';

/** A microphone stream, or why there is none. */
export type MicrophoneResult = { stream: MediaStream } | { error: string };

export async function openMicrophone(): Promise<MicrophoneResult> {
  if (!navigator.mediaDevices?.getUserMedia) return { error: 'This window has no access to a microphone.' };
  try {
    // Echo cancellation and noise suppression help the detector tell a voice from the room.
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
    return { stream };
  } catch (error) {
    return { error: openErrorText(error, 'mic-only') };
  }
}

/** Stops every track of a stream this code opened. */
export function closeStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
