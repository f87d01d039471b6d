import { afterEach, describe, expect, it } from 'vitest';
import { DeviceCheck } from './DeviceCheck.svelte';

// Node has no camera, microphone or MediaRecorder: what a window that cannot record sees. The
// preview and the meter on real (fake) devices are checked in e2e/rehearsalSetup.spec.ts.
const checks: DeviceCheck[] = [];
afterEach(() => checks.splice(0).forEach((check) => check.close()));
const newCheck = (): DeviceCheck => {
  const check = new DeviceCheck();
  checks.push(check);
  return check;
};

describe('DeviceCheck', () => {
  it('explains in words why the devices for a mode cannot be used', async () => {
    const check = newCheck();
    await check.open('camera-and-mic');
    expect(check.status).toBe('failed');
    expect(check.error).toBe('This window cannot record from a camera and microphone.');
    await check.open('mic-only');
    expect(check.error).toBe('This window cannot record from a microphone.');
    expect(check.stream).toBeNull();
  });

  it('is ready at once without recording, and hands over no stream then', async () => {
    const check = newCheck();
    await check.open('camera-and-mic');
    await check.open('no-recording');
    expect(check.status).toBe('ready');
    expect(check.error).toBeNull();
    expect(check.handOver()).toBeUndefined();
    expect(check.status).toBe('off');
  });

  it('drops an open that a later choice or a close overtook', async () => {
    const check = newCheck();
    const first = check.open('camera-and-mic');
    const second = check.open('no-recording');
    await Promise.all([first, second]);
    expect(check.mode).toBe('no-recording');
    expect(check.status).toBe('ready');
    expect(check.error).toBeNull();

    const third = check.open('mic-only');
    check.close();
    await third;
    expect(check.status).toBe('off');
    expect(check.error).toBeNull();
  });
});
