/**
 * One rehearsal: the stories to rehearse in order, the teleprompter over the current one, its
 * recording, and each take saved with its notes.
 *
 * Why a class apart from the view: the order of things — the devices open before the countdown,
 * the take starts on disk as the script starts moving, the recorder pauses with the prompter, the
 * take is saved once when it ends (and still saved if the window closes mid-take), the notes are
 * saved before the next take — is the rehearsal's logic, tested here on an injected clock against
 * the real API, without a browser. The view draws, measures the script, and calls `tick()` on each
 * animation frame and the actions below on keys and buttons.
 *
 * The rehearsal begins with the setup step (features/rehearsal/setup): the mode is chosen there and
 * its devices opened, and `start` takes both. Leaving before the first section starts writes
 * nothing: a take exists on disk only from the moment the script moves. A saved take can be
 * discarded from its summary (removed through the take store, the removal committed).
 *
 * Every action that can move the prompter's phase or pause ends in `#sync`, which starts, pauses,
 * resumes and saves the take to match; `tick()` syncs too, so the script reaching its end (or a
 * jump past Result) ends the take within the frame.
 */
import type { FinishedTake, StoryBankApi } from '@core/api';
import { TAKE_MODES, type TakeMode, type TakeTiming } from '@core/rehearsal/take';
import { takeRecord, type TakeMeasurements } from '@core/rehearsal/takeRecord';
import type { MarkSource } from '@core/rehearsal/takeVerdict';
import type { Story } from '@core/story';
import { RecordingSession, type TakeStartExtra } from '../media/RecordingSession.svelte';
import { TakeNotes } from '../takes/TakeNotes.svelte';
import { TeleprompterState } from './TeleprompterState.svelte';
import { pageSettings } from '../../../shared/pageSettings';

/** Where the chosen recording mode is remembered between rehearsals. */
export const MODE_KEY = 'story-bank.recording-mode';

/** The part of `localStorage` the session uses (a test passes its own). */
export type ModeStore = Pick<Storage, 'getItem' | 'setItem'>;

export interface RehearsalSessionOptions {
  /** The stories to rehearse, one take each, in order (one story, or the whole bank). */
  stories: Story[];
  api: StoryBankApi;
  /** The clock, ms (`performance.now` in the app). */
  clock: () => number;
  store?: ModeStore;
  countdownSeconds?: number;
  /** Adds what the caller records beside the timing to the take's sidecar (a drill's record). */
  withTake?: (timing: TakeTiming) => TakeTiming;
  /** What the take's start carries, so a take a crash ends keeps it (a drill's record so far). */
  beginWith?: () => TakeStartExtra;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class RehearsalSession {
  readonly stories: Story[];
  readonly prompter: TeleprompterState;
  readonly recorder: RecordingSession;
  readonly #api: StoryBankApi;
  readonly #store: ModeStore | null;
  readonly #withTake: (timing: TakeTiming) => TakeTiming;
  readonly #beginWith: () => TakeStartExtra;
  /** The take has started on disk (or is starting) and is not saved yet. */
  #begun = false;
  #closed = false;
  /** Take-clock time when the recorder started (the take's start is a round trip before). */
  #recordingStartMs = 0;
  #saving: Promise<void> = Promise.resolve();

  /** Which of `stories` is on the prompter. */
  storyIndex = $state(0);
  recordingMode = $state<TakeMode>('camera-and-mic');
  /** What saving the last take did, for the summary. */
  saved = $state.raw<FinishedTake | null>(null);
  saveError = $state<string | null>(null);
  saving = $state(false);
  /** The notes on the last saved take. */
  notes = $state.raw<TakeNotes | null>(null);
  /** The summary is asking whether to discard the last take. */
  confirmingDiscard = $state(false);
  discarding = $state(false);
  /** What discarding the last take did, for the summary. */
  discarded = $state<string | null>(null);

  constructor(options: RehearsalSessionOptions) {
    this.stories = options.stories;
    this.#api = options.api;
    this.#store = options.store ?? pageSettings;
    this.#withTake = options.withTake ?? ((timing) => timing);
    this.#beginWith = options.beginWith ?? (() => ({}));
    this.prompter = new TeleprompterState(options.clock, options.countdownSeconds);
    this.recorder = new RecordingSession(
      () => this.#api,
      () => this.finish(),
    );
    const remembered = this.#store?.getItem(MODE_KEY);
    if (TAKE_MODES.includes(remembered as TakeMode)) this.recordingMode = remembered as TakeMode;
  }

  get story(): Story {
    return this.stories[this.storyIndex];
  }

  get nextStoryTitle(): string | null {
    const next = this.stories[this.storyIndex + 1];
    return next ? next.title || 'Untitled story' : null;
  }

  /**
   * The setup step's Start: remembers the mode and counts down, recording from `stream` when the
   * setup opened one (else the devices are opened here).
   */
  async start(mode: TakeMode, stream?: MediaStream): Promise<void> {
    this.recordingMode = mode;
    this.#store?.setItem(MODE_KEY, mode);
    await this.prepare(stream);
  }

  /** Opens the devices for the chosen mode, then counts down; stays ready (with why) if they fail. */
  async prepare(stream?: MediaStream): Promise<void> {
    this.saved = null;
    this.saveError = null;
    this.notes = null;
    this.discarded = null;
    this.confirmingDiscard = false;
    if (await this.recorder.open(this.recordingMode, stream)) this.prompter.start();
  }

  /**
   * Back to the setup step between takes: the countdown stops, the notes are saved and the devices
   * let go (the setup opens its own). Nothing happens during a take.
   */
  async toSetup(): Promise<boolean> {
    if (this.prompter.phase === 'running' || this.recorder.recording) return false;
    if (this.prompter.phase === 'countdown') this.prompter.finish();
    await this.saveNotes();
    this.confirmingDiscard = false;
    this.recorder.close();
    return true;
  }

  async chooseMode(mode: TakeMode): Promise<void> {
    if (this.prompter.phase === 'running') return;
    this.recordingMode = mode;
    this.#store?.setItem(MODE_KEY, mode);
    if (this.prompter.phase === 'countdown') this.prompter.finish();
    if (this.prompter.phase !== 'finished') await this.prepare();
  }

  /** Reads the clock and moves everything on: called on every animation frame. */
  tick(): void {
    this.prompter.tick();
    if (this.recorder.stream) this.recorder.sampleLevel();
    this.#sync();
  }

  togglePause(): void {
    this.prompter.togglePause();
    this.#sync();
  }

  changeSpeed(steps: number): void {
    this.prompter.changeSpeed(steps);
    this.#sync();
  }

  jump(direction: 1 | -1, by: MarkSource = 'key'): void {
    this.prompter.jump(direction, by);
    this.#sync();
  }

  /** Ends the take (the summary shows), or the countdown. */
  finish(): void {
    this.prompter.finish();
    this.#sync();
  }

  /** Saves the notes, then counts down for another take of the same story. */
  async again(): Promise<void> {
    await this.saveNotes();
    await this.prepare();
  }

  /** Saves the notes, then counts down for the next story of a whole-bank rehearsal. */
  async nextStory(): Promise<void> {
    if (this.storyIndex >= this.stories.length - 1) return;
    await this.saveNotes();
    this.storyIndex += 1;
    await this.prepare();
  }

  /**
   * Removes the last saved take — its recording and sidecar — through the take store, which
   * commits the removal; the summary says what was done.
   */
  async discard(): Promise<void> {
    const saved = this.saved;
    this.confirmingDiscard = false;
    if (!saved || this.discarding) return;
    this.discarding = true;
    // Notes typed into the take's summary go with it: nothing is saved onto a removed take.
    const notes = this.notes;
    this.notes = null;
    try {
      const result = await this.#api.deleteTake({ storyId: saved.take.storyId, takeFile: saved.take.file });
      this.saved = null;
      this.discarded = result.committed
        ? 'Take discarded: its files were removed and the removal committed.'
        : `Take discarded: its files were removed, not committed (${result.gitMessage}).`;
    } catch (error) {
      this.notes = notes;
      this.saveError = `The take could not be discarded: ${errorText(error)}`;
    } finally {
      this.discarding = false;
    }
  }

  async saveNotes(): Promise<void> {
    const problem = await this.notes?.save();
    if (problem) this.saveError = problem;
  }

  /** Settles once the last take's save has (for callers that must wait, such as tests). */
  get settled(): Promise<void> {
    return this.#saving;
  }

  /**
   * The view is going away: leaving mid-take (the window closing the view) still saves what was
   * recorded, then lets go of the devices. Settles when both are done.
   */
  close(): Promise<void> {
    if (this.#closed) return this.#saving;
    this.#closed = true;
    if (!this.recorder.recording) {
      this.recorder.close();
      return this.#saving;
    }
    this.#begun = false;
    this.prompter.finish();
    const ending = this.recorder.end(this.#withTake(takeRecord(this.#measurements()))).then(
      () => {},
      () => {},
    );
    this.#saving = ending.finally(() => this.recorder.close());
    return this.#saving;
  }

  /** The take follows the prompter: starts as the script moves, pauses with it, saved when it ends. */
  #sync(): void {
    if (this.#closed) return;
    const phase = this.prompter.phase;
    if (phase === 'running' && !this.#begun) this.#begin();
    if (this.prompter.paused) this.recorder.pause();
    else this.recorder.resume();
    if (phase === 'finished' && this.#begun) {
      this.#begun = false;
      this.#saving = this.#save();
    }
  }

  #begin(): void {
    this.#begun = true;
    this.recorder.begin(this.story.id, this.#beginWith()).then(
      () => (this.#recordingStartMs = this.prompter.elapsedMs),
      (error: unknown) => (this.saveError = `This take is not being saved: ${errorText(error)}`),
    );
  }

  #measurements(): TakeMeasurements {
    return {
      totalMs: this.prompter.elapsedMs,
      pauses: this.prompter.pauses,
      marks: this.prompter.sectionMarks,
      recordingStartMs: this.#recordingStartMs,
      voice: this.prompter.voiceAnalysis(this.story.sections),
      device: this.recorder.device,
      mode: this.recorder.mode,
      notes: '',
      timedBy: this.prompter.timedBy,
    };
  }

  async #save(): Promise<void> {
    this.saving = true;
    try {
      const saved = await this.recorder.end(this.#withTake(takeRecord(this.#measurements())));
      this.saved = saved;
      this.notes = saved
        ? new TakeNotes(this.#api, {
            storyId: saved.take.storyId,
            takeFile: saved.take.file,
            notes: saved.take.sidecar.notes,
          })
        : null;
    } catch (error) {
      this.saveError = `The take could not be saved: ${errorText(error)}`;
    } finally {
      this.saving = false;
    }
  }
}
