/**
 * The browser's camera and microphone errors in words a user can act on.
 *
 * Why: getUserMedia and MediaRecorder fail with DOMException names (NotAllowedError,
 * NotFoundError…) that say nothing to a student about to rehearse. Each gets a sentence naming the
 * device and what to do; the rehearsal then offers the modes that can still work.
 */
import type { TakeMode } from '@core/rehearsal/take';

export type RecordingMode = Exclude<TakeMode, 'no-recording'>;

/** "camera and microphone" or "microphone". */
export function devicesOf(mode: RecordingMode): string {
  return mode === 'camera-and-mic' ? 'camera and microphone' : 'microphone';
}

/** Why the devices for `mode` could not be opened, from the error getUserMedia threw. */
export function openErrorText(error: unknown, mode: RecordingMode): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const devices = devicesOf(mode);
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return `Access to the ${devices} was refused. Allow it in your system or browser settings, or rehearse without recording.`;
    case 'NotFoundError':
    case 'OverconstrainedError':
      return mode === 'camera-and-mic'
        ? 'No camera or no microphone was found. Connect one, or record with the microphone only.'
        : 'No microphone was found. Connect one, or rehearse without recording.';
    case 'NotReadableError':
    case 'AbortError':
      return `The ${devices} could not be started: another program may be using it. Close it and try again.`;
    case 'TypeError':
      return `This window cannot use a ${devices} (recording needs the app's own page).`;
    default:
      return `The ${devices} could not be opened (${errorMessage(error)}).`;
  }
}

/** Why a recording stopped on its own: a device gone, the recorder failing, the disk full. */
export function stoppedText(cause: 'device-ended' | 'recorder-error' | 'save-failed', detail = ''): string {
  switch (cause) {
    case 'device-ended':
      return `The ${detail || 'camera or microphone'} stopped (unplugged or taken by another program). What was recorded up to then is kept.`;
    case 'recorder-error':
      return `The recorder failed${detail ? ` (${detail})` : ''}. What was recorded up to then is kept.`;
    case 'save-failed':
      return `The recording could not be saved: ${detail || 'the disk refused the write'}. What was saved up to then is kept.`;
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof Error || error instanceof DOMException) return error.message || error.name;
  return String(error);
}
