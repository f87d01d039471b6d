/**
 * Opens the microphone alone, for voice analysis without a recording.
 *
 * Why its own function: the stream is the one thing the voice detector needs, and it must be
 * replaceable by the recording's camera+mic stream; and the browser's errors (NotAllowedError,
 * NotFoundError…) need saying in words the user can act on.
 */

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
    return { error: microphoneErrorText(error) };
  }
}

/** Stops every track of a stream this code opened. */
export function closeStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

export function microphoneErrorText(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Microphone access was refused. Allow it in your system or browser settings to use voice.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No microphone was found. Connect one to use voice.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The microphone is in use by another program or could not be started.';
    default:
      return `The microphone could not be opened (${error instanceof Error ? error.message : String(error)}).`;
  }
}
