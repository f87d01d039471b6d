/**
 * The teleprompter's microphone and voice detector, turned on and off as the Voice option asks.
 *
 * Why apart from the view: starting takes two awaits (microphone permission, model load) that the
 * user can overtake by switching Voice off again or leaving; each start has a number, and a start
 * that was overtaken closes what it opened instead of reporting it. Failure is a message, never an
 * exception: the teleprompter goes on without voice.
 */
import type { HeardSpeech } from '../teleprompter/TeleprompterState.svelte';
import { closeStream, openMicrophone } from '../media/microphone';
import { startVoiceDetector, VoiceDetectorError, type VoiceDetector } from './VoiceDetector';

export type VoiceStatus = 'off' | 'starting' | 'listening' | 'failed';

export class VoiceListener {
  readonly #clock: () => number;
  readonly #onheard: (heard: HeardSpeech) => void;
  #detector: VoiceDetector | null = null;
  /** A stream this listener opened (and so closes); a stream handed in belongs to its giver. */
  #ownStream: MediaStream | null = null;
  #run = 0;

  status = $state<VoiceStatus>('off');
  /** Why voice is not available, in words for the user. */
  error = $state<string | null>(null);

  constructor(clock: () => number, onheard: (heard: HeardSpeech) => void) {
    this.#clock = clock;
    this.#onheard = onheard;
  }

  /** Listens to `stream`, or to the microphone opened here when none is given. */
  async start(stream?: MediaStream): Promise<void> {
    if (this.status === 'starting' || this.status === 'listening') return;
    const run = ++this.#run;
    this.status = 'starting';
    this.error = null;
    let source = stream;
    if (!source) {
      const opened = await openMicrophone();
      if ('error' in opened) return this.#fail(run, opened.error);
      if (run !== this.#run) return closeStream(opened.stream);
      this.#ownStream = source = opened.stream;
    }
    try {
      const detector = await startVoiceDetector(source, this.#clock, {
        onchange: (d) => this.#report(d, run),
        onerror: (message) => {
          if (run !== this.#run) return;
          void this.stop().then(() => this.#fail(this.#run, message));
        },
      });
      if (run !== this.#run) {
        await detector.stop();
        return;
      }
      this.#detector = detector;
      this.status = 'listening';
      this.#report(detector, run);
    } catch (error) {
      if (this.#ownStream && run === this.#run) {
        closeStream(this.#ownStream);
        this.#ownStream = null;
      }
      this.#fail(
        run,
        error instanceof VoiceDetectorError ? error.message : `Voice failed to start (${String(error)}).`,
      );
    }
  }

  async stop(): Promise<void> {
    this.#run++;
    const detector = this.#detector;
    this.#detector = null;
    // The detector closes a segment still open as it stops (synchronously): report that last.
    const stopping = detector?.stop();
    if (detector) this.#onheard({ listening: true, speaking: false, segments: detector.segments, open: null });
    if (this.#ownStream) closeStream(this.#ownStream);
    this.#ownStream = null;
    if (this.status !== 'failed') this.status = 'off';
    this.#onheard({ listening: false, speaking: false, segments: [], open: null });
    await stopping;
  }

  #report(detector: VoiceDetector, run: number): void {
    if (run !== this.#run) return;
    this.#onheard({
      listening: this.status === 'listening',
      speaking: detector.speaking,
      segments: detector.segments,
      open: detector.open,
    });
  }

  #fail(run: number, message: string): void {
    if (run !== this.#run) return;
    this.status = 'failed';
    this.error = message;
    this.#onheard({ listening: false, speaking: false, segments: [], open: null });
  }
}
