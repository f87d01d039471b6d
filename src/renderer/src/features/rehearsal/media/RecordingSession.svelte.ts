/**
 * One rehearsal's recording: the camera and microphone (or the microphone alone), the
 * MediaRecorder, and the take on disk that its chunks go to, one a second.
 *
 * Why a class apart from the teleprompter: the teleprompter decides when a take starts, pauses and
 * ends; this decides what happens to the bytes. Every second of recording is sent to main and
 * flushed to disk before the next (`appendTakeChunk`), so a crash loses at most the last second.
 * A failure mid-take — the device unplugged, the recorder failing, the disk full — stops the
 * recording, keeps what was saved, and tells the teleprompter (`onStopped`) so the take ends with
 * a clear message instead of recording into nothing.
 *
 * A take is always stored, even with no recording: its timing goes to a sidecar (`mode`
 * 'no-recording'), so rehearsal history and the review schedule count it.
 */
import type { CallInput, FinishedTake, StartedTake, StoryBankApi } from '@core/api';
import type { TakeMode, TakeTiming } from '@core/rehearsal/take';
import { LevelMeter } from './LevelMeter.svelte';
import { stoppedText } from './mediaErrors';
import { fitsMode, isLive, openDevices, recordingType, stopStream } from './openDevices';

export { recordingType } from './openDevices';

/** What a take's start may carry besides the story and the recording type (a drill's record). */
export type TakeStartExtra = Pick<CallInput<'startTake'>, 'drill'>;

export type RecorderStatus = 'off' | 'opening' | 'ready' | 'recording' | 'paused' | 'stopping' | 'ended';

/** MediaRecorder hands over what it has every second: the most a crash can lose. */
export const CHUNK_INTERVAL_MS = 1000;
/** A blob as base64, by the browser's own encoder (fast, and off the main thread's JS). */
function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    // The data URL's type may itself hold a comma ("codecs=vp8,opus"): cut at the base64 marker.
    reader.onload = () => {
      const url = String(reader.result);
      const marker = url.indexOf(';base64,');
      resolve(marker < 0 ? '' : url.slice(marker + ';base64,'.length));
    };
    reader.onerror = () => reject(reader.error ?? new Error('the recording could not be read'));
    reader.readAsDataURL(blob);
  });
}

export class RecordingSession {
  readonly #api: () => StoryBankApi;
  readonly #onStopped: (message: string) => void;
  #recorder: MediaRecorder | null = null;
  #uploads: Promise<void> = Promise.resolve();
  /** A piece could not be saved: the rest of the take is not sent after it (its order is lost). */
  #uploadFailed = false;
  #seq = 0;
  readonly #meter = new LevelMeter();
  #stoppedEvent: Promise<void> = Promise.resolve();

  /** What the next take records. */
  mode = $state<TakeMode>('camera-and-mic');
  status = $state<RecorderStatus>('off');
  /** Why the devices could not be opened (the take cannot record in this mode). */
  openError = $state<string | null>(null);
  /** Why the recording stopped by itself during the take. */
  stoppedReason = $state<string | null>(null);
  stream = $state.raw<MediaStream | null>(null);
  /** The camera's (or the microphone's) name as the system gives it. */
  device = $state('');
  /** Bytes of the recording on disk. */
  savedBytes = $state(0);
  take = $state.raw<StartedTake | null>(null);

  constructor(api: () => StoryBankApi, onStopped: (message: string) => void) {
    this.#api = api;
    this.#onStopped = onStopped;
  }

  /** Input level, 0…1 (RMS, scaled), for the meter. */
  get level(): number {
    return this.#meter.level;
  }

  get recording(): boolean {
    return this.status === 'recording' || this.status === 'paused';
  }

  /**
   * Opens the devices for `mode` (nothing for 'no-recording'); true when the take can begin.
   * A stream already open for the same mode is kept (rehearsing again does not ask again), and a
   * live stream handed over (`given`, opened by the setup step) is used instead of asking again.
   */
  async open(mode: TakeMode, given?: MediaStream): Promise<boolean> {
    if (this.recording) return false;
    this.openError = null;
    const usable = given && mode !== 'no-recording' && isLive(given) && fitsMode(given, mode) ? given : undefined;
    if (given && !usable) stopStream(given);
    if (!usable && this.stream && this.mode === mode && isLive(this.stream)) {
      this.status = 'ready';
      return true;
    }
    if (usable !== this.stream) this.close();
    this.mode = mode;
    if (mode === 'no-recording') {
      this.status = 'ready';
      return true;
    }
    if (usable) {
      this.#adopt(usable);
      return true;
    }
    this.status = 'opening';
    const opened = await openDevices(mode);
    if (this.mode !== mode || this.status !== 'opening') {
      if ('stream' in opened) stopStream(opened.stream);
      return false;
    }
    if ('error' in opened) {
      this.openError = opened.error;
      this.status = 'off';
      return false;
    }
    this.#adopt(opened.stream);
    return true;
  }

  #adopt(stream: MediaStream): void {
    this.stream = stream;
    this.device = (stream.getVideoTracks()[0] ?? stream.getAudioTracks()[0])?.label ?? '';
    this.#meter.attach(stream);
    this.status = 'ready';
  }

  /**
   * Starts a take of the story: the sidecar on disk (with `extra`, e.g. a drill's record), then the
   * recorder (when there is one).
   */
  async begin(storyId: string, extra: TakeStartExtra = {}): Promise<void> {
    if (this.status !== 'ready') throw new Error('the recording is not ready');
    const stream = this.mode === 'no-recording' ? null : this.stream;
    const type = this.mode === 'no-recording' ? null : recordingType(this.mode);
    this.stoppedReason = null;
    this.savedBytes = 0;
    this.#seq = 0;
    this.#uploads = Promise.resolve();
    this.#uploadFailed = false;
    this.take = await this.#api().startTake({ storyId, mimeType: stream ? type : null, ...extra });
    this.status = 'recording';
    if (!stream || !type) return;

    const recorder = new MediaRecorder(stream, { mimeType: type });
    this.#recorder = recorder;
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) this.#upload(event.data);
    };
    recorder.onerror = (event) => {
      const detail = (event as Event & { error?: DOMException }).error?.message ?? '';
      this.#fail(stoppedText('recorder-error', detail));
    };
    this.#stoppedEvent = new Promise((resolve) => recorder.addEventListener('stop', () => resolve(), { once: true }));
    for (const track of stream.getTracks()) {
      track.addEventListener('ended', this.#trackEnded, { once: true });
    }
    recorder.start(CHUNK_INTERVAL_MS);
  }

  readonly #trackEnded = (event: Event): void => {
    const track = event.target as MediaStreamTrack;
    this.#fail(stoppedText('device-ended', track.kind === 'video' ? 'camera' : 'microphone'));
  };

  pause(): void {
    if (this.status !== 'recording') return;
    if (this.#recorder?.state === 'recording') this.#recorder.pause();
    this.status = 'paused';
  }

  resume(): void {
    if (this.status !== 'paused') return;
    if (this.#recorder?.state === 'paused') this.#recorder.resume();
    this.status = 'recording';
  }

  /**
   * Ends the take with its timing: finished normally, or as interrupted (with the reason) when the
   * recording stopped by itself. Waits for the last second to reach the disk first.
   */
  async end(timing: TakeTiming): Promise<FinishedTake | null> {
    const take = this.take;
    if (!take || !this.recording) return null;
    this.status = 'stopping';
    await this.#stopRecorder();
    await this.#uploads;
    const sidecar = { ...timing, device: this.device.slice(0, 256) };
    try {
      return this.stoppedReason
        ? await this.#api().abortTake({ takeId: take.takeId, reason: this.stoppedReason.slice(0, 500), sidecar })
        : await this.#api().finishTake({ takeId: take.takeId, sidecar });
    } finally {
      this.take = null;
      this.status = this.stream && isLive(this.stream) ? 'ready' : 'ended';
    }
  }

  /** Samples the input level (call once a frame while the meter shows; LevelMeter spaces the reads). */
  sampleLevel(now = performance.now()): void {
    this.#meter.sample(now);
  }

  /** Lets go of the devices (the teleprompter closed). An open take should be ended first. */
  close(): void {
    if (this.#recorder && this.#recorder.state !== 'inactive') this.#recorder.stop();
    this.#recorder = null;
    for (const track of this.stream?.getTracks() ?? []) {
      track.removeEventListener('ended', this.#trackEnded);
      track.stop();
    }
    this.stream = null;
    this.#meter.detach();
    if (!this.recording) this.status = 'off';
  }

  /** Sends one piece of the recording; pieces go one after another, in order, each flushed. */
  #upload(blob: Blob): void {
    const take = this.take;
    if (!take) return;
    // Pieces still come after a device stopped or the recorder failed (stopping hands over what it
    // holds), and are kept; only after a piece failed to save is nothing more sent.
    this.#uploads = this.#uploads.then(async () => {
      if (this.#uploadFailed) return;
      try {
        for (let offset = 0; offset < blob.size; offset += take.maxChunkBytes) {
          const bytes = await base64Of(blob.slice(offset, offset + take.maxChunkBytes));
          const result = await this.#api().appendTakeChunk({ takeId: take.takeId, seq: this.#seq, bytes });
          this.#seq += 1;
          this.savedBytes = result.bytes;
        }
      } catch (error) {
        this.#uploadFailed = true;
        this.#fail(stoppedText('save-failed', error instanceof Error ? error.message : String(error)));
      }
    });
  }

  /** The recording stopped by itself: stop the recorder, keep what is saved, tell the teleprompter. */
  #fail(message: string): void {
    if (this.stoppedReason || !this.recording) return;
    this.stoppedReason = message;
    void this.#stopRecorder();
    this.#onStopped(message);
  }

  async #stopRecorder(): Promise<void> {
    const recorder = this.#recorder;
    if (!recorder) return;
    if (recorder.state !== 'inactive') recorder.stop();
    await this.#stoppedEvent;
    this.#recorder = null;
  }
}
