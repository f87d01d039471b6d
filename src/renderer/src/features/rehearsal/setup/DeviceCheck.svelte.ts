/**
 * The setup step's devices: opens the camera and microphone (or the microphone alone) for the
 * chosen mode so the user sees the picture and the level before anything is recorded, explains a
 * failure in words, and hands the open stream over on Start (so the take does not ask again).
 *
 * Why a class apart from the view: a mode changed while the devices are still opening must not
 * leave the earlier stream running (each open is numbered, and a late one is stopped), and the
 * stream is either handed over or stopped, never both and never neither.
 */
import type { TakeMode } from '@core/rehearsal/take';
import { LevelMeter } from '../media/LevelMeter.svelte';
import { openDevices, stopStream } from '../media/openDevices';

export type DeviceCheckStatus = 'off' | 'opening' | 'ready' | 'failed';

export class DeviceCheck {
  readonly meter = new LevelMeter();
  #attempt = 0;

  status = $state<DeviceCheckStatus>('off');
  /** Why the devices for the mode could not be opened. */
  error = $state<string | null>(null);
  stream = $state.raw<MediaStream | null>(null);
  /** The mode the devices were opened for. */
  mode = $state<TakeMode | null>(null);

  /** Opens the devices for `mode` (nothing for 'no-recording'); settles when it is known whether they work. */
  async open(mode: TakeMode): Promise<void> {
    this.close();
    const attempt = this.#attempt;
    this.mode = mode;
    if (mode === 'no-recording') {
      this.status = 'ready';
      return;
    }
    this.status = 'opening';
    const opened = await openDevices(mode);
    if (attempt !== this.#attempt) {
      if ('stream' in opened) stopStream(opened.stream);
      return;
    }
    if ('error' in opened) {
      this.error = opened.error;
      this.status = 'failed';
      return;
    }
    this.stream = opened.stream;
    this.meter.attach(opened.stream);
    this.status = 'ready';
  }

  /** The open stream, now the caller's to stop; this check lets go of it. */
  handOver(): MediaStream | undefined {
    const stream = this.stream ?? undefined;
    this.stream = null;
    this.close();
    return stream;
  }

  /** Stops the devices (Cancel, another mode, the view going away); an open in progress is dropped. */
  close(): void {
    this.#attempt++;
    if (this.stream) stopStream(this.stream);
    this.stream = null;
    this.meter.detach();
    this.error = null;
    this.status = 'off';
  }
}
