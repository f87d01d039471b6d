import { describe, expect, it } from 'vitest';
import { openErrorText, stoppedText } from './mediaErrors';

const domError = (name: string, message = '') => new DOMException(message, name);

describe('camera and microphone errors in words', () => {
  it('names the devices and the way out for each getUserMedia failure', () => {
    expect(openErrorText(domError('NotAllowedError'), 'camera-and-mic')).toBe(
      'Access to the camera and microphone was refused. Allow it in your system or browser settings, or rehearse without recording.',
    );
    expect(openErrorText(domError('NotFoundError'), 'camera-and-mic')).toContain('record with the microphone only');
    expect(openErrorText(domError('NotFoundError'), 'mic-only')).toBe(
      'No microphone was found. Connect one, or rehearse without recording.',
    );
    expect(openErrorText(domError('NotReadableError'), 'mic-only')).toContain('another program may be using it');
    expect(openErrorText(domError('OverconstrainedError'), 'mic-only')).toContain('No microphone was found');
    expect(openErrorText(new Error('odd'), 'mic-only')).toBe('The microphone could not be opened (odd).');
    expect(openErrorText('plain string', 'camera-and-mic')).toBe(
      'The camera and microphone could not be opened (plain string).',
    );
  });

  it('says why a recording stopped by itself and that what was saved is kept', () => {
    expect(stoppedText('device-ended', 'camera')).toBe(
      'The camera stopped (unplugged or taken by another program). What was recorded up to then is kept.',
    );
    expect(stoppedText('save-failed', 'no space left on the disk')).toBe(
      'The recording could not be saved: no space left on the disk. What was saved up to then is kept.',
    );
    expect(stoppedText('recorder-error')).toBe('The recorder failed. What was recorded up to then is kept.');
  });
});
