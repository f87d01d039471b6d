/**
 * One mock-interview drill: a question from the bank's competency map, the story picked for it
 * (timed; a wrong pick explained), the story told from its key phrases with the script hidden
 * (recorded as a rehearsal take, peeks counted), then the rubric self-checked and saved.
 *
 * Why a class apart from the views: the order and the numbers (when the question was shown, each
 * pick's time, the peeks on the take's clock, the record in the sidecar) are the drill's logic,
 * tested on an injected clock against the real API. The telling is a `RehearsalSession` of the one
 * story — the same devices, countdown, take on disk, crash safety and section timing as a
 * rehearsal — with the drill's record added to the take's sidecar when it ends.
 */
import type { RehearsalOverview, StoredTake, StoryBankApi } from '@core/api';
import { buildDrillRecord } from '@core/drill/buildDrillRecord';
import type { RubricItem } from '@core/drill/drillRecord';
import { drillHistory } from '@core/drill/drillReport';
import { questionTypeStats } from '@core/drill/drillStats';
import { pauseEndsSection } from '@core/drill/pauseAdvance';
import { questionBank } from '@core/drill/questionBank';
import { scorePick, type PickVerdict } from '@core/drill/scorePick';
import { selectQuestion, type DrillQuestion } from '@core/drill/selectQuestion';
import type { TakeMode } from '@core/rehearsal/take';
import type { SectionKey, Story } from '@core/story';
import { RehearsalSession, type ModeStore } from '../rehearsal/teleprompter/RehearsalSession.svelte';

export type DrillStep = 'question' | 'setup' | 'telling' | 'self-check';

export interface DrillOptions {
  api: StoryBankApi;
  /** The bank in board order. */
  stories: Story[];
  /** The takes so far (for the weights; read again for each question); null when not loaded. */
  overview: () => RehearsalOverview | null;
  /** Stories due for review today. */
  dueStoryIds: () => ReadonlySet<string>;
  clock: () => number;
  /** The first question's seed; each next question uses the following one. */
  seed: number;
  store?: ModeStore;
  countdownSeconds?: number;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class DrillState {
  readonly #options: DrillOptions;
  #seed: number;
  #shownAt = 0;
  #checksTouched = false;

  step = $state<DrillStep>('question');
  question = $state.raw<DrillQuestion | null>(null);
  /** Picks of this question, with when they were made from the question being shown. */
  picks = $state.raw<Array<{ storyId: string; atMs: number }>>([]);
  /** Why the last pick was wrong, while the user picks again. */
  verdict = $state.raw<(PickVerdict & { pickedId: string }) | null>(null);
  /** The telling: a rehearsal take of the story picked right. */
  session = $state.raw<RehearsalSession | null>(null);
  peeks = $state.raw<Array<{ section: SectionKey; atMs: number }>>([]);
  /** The section whose script is shown by a peek (hidden again when the section changes). */
  peeking = $state<SectionKey | null>(null);
  /** Sections move on when the speaker pauses (the voice listener runs). */
  advanceByVoice = $state(false);
  /** The take as saved with its drill record, then with its self-check. */
  take = $state.raw<StoredTake | null>(null);
  /** The self-check being filled in, one answer per rubric item. */
  checks = $state<Array<boolean | null>>([]);
  checkSaved = $state(false);
  error = $state<string | null>(null);

  constructor(options: DrillOptions) {
    this.#options = options;
    this.#seed = options.seed;
    this.ask();
  }

  get stories(): Story[] {
    return this.#options.stories;
  }

  storyOf(id: string): Story | undefined {
    return this.#options.stories.find((story) => story.id === id);
  }

  /** The story being told (the last pick, when it was right). */
  get told(): Story | null {
    const last = this.picks.at(-1);
    return last && this.question?.rightStoryIds.includes(last.storyId) ? (this.storyOf(last.storyId) ?? null) : null;
  }

  get rubric(): RubricItem[] {
    return this.take?.sidecar.drill?.rubric ?? [];
  }

  /**
   * A new question (the one before is not asked twice in a row if another can be); a self-check
   * ticked and not saved is saved first.
   */
  async next(): Promise<void> {
    await this.#keepChecks();
    this.ask();
  }

  /** A new question (the one before is not asked twice in a row if another can be). */
  ask(): void {
    // The next story is told in a session of its own; this one lets go of its devices.
    if (this.session) void this.session.close();
    this.session = null;
    this.#checksTouched = false;
    const { stories } = this.#options;
    const bank = questionBank(stories);
    const overview = this.#options.overview();
    const history = overview ? drillHistory(overview) : [];
    const previousKey = this.question?.type.key ?? null;
    this.question = selectQuestion({
      bank,
      stats: questionTypeStats(bank, history),
      dueStoryIds: this.#options.dueStoryIds(),
      storyIds: stories.map((story) => story.id),
      seed: this.#seed,
      previousKey,
    });
    this.#seed += 1;
    this.step = 'question';
    this.picks = [];
    this.verdict = null;
    this.peeks = [];
    this.peeking = null;
    this.take = null;
    this.checks = [];
    this.checkSaved = false;
    this.error = null;
    this.#shownAt = this.#options.clock();
  }

  /** Picks a story offered for the question; a right one goes on to the telling, a wrong one is explained. */
  pick(storyId: string): void {
    const question = this.question;
    if (this.step !== 'question' || !question || !question.choices.includes(storyId)) return;
    this.picks = [...this.picks, { storyId, atMs: this.#options.clock() - this.#shownAt }];
    const verdict = scorePick(question, storyId, this.#options.stories);
    if (!verdict.correct) {
      this.verdict = { ...verdict, pickedId: storyId };
      return;
    }
    this.verdict = null;
    this.step = 'setup';
  }

  /**
   * The setup step's Start: counts down, recording in `mode` from the stream the setup opened (the
   * devices are opened here when it has none); the script stays hidden.
   */
  async start(mode: TakeMode, stream?: MediaStream): Promise<void> {
    const story = this.told;
    const question = this.question;
    if (this.step !== 'setup' || !story || !question) return;
    const picks = this.picks;
    this.session ??= new RehearsalSession({
      stories: [story],
      api: this.#options.api,
      clock: this.#options.clock,
      store: this.#options.store,
      countdownSeconds: this.#options.countdownSeconds,
      withTake: (timing) => ({
        ...timing,
        drill: buildDrillRecord({ question, picks, peeks: this.peeks, story, durationMs: timing.durationMs }),
      }),
      // The question and the picks are on disk from the start: a crash mid-telling keeps the drill.
      beginWith: () => ({
        drill: { ...buildDrillRecord({ question, picks, peeks: [], story, durationMs: 0 }), rubric: [] },
      }),
    });
    this.session.prompter.setVoiceMode(this.advanceByVoice ? 'listen' : 'off');
    this.step = 'telling';
    await this.session.start(mode, stream);
  }

  /** Shows the script of the section being told, and counts it. */
  peek(): void {
    const prompter = this.session?.prompter;
    if (this.step !== 'telling' || prompter?.phase !== 'running' || this.peeking === prompter.section) return;
    this.peeks = [...this.peeks, { section: prompter.section, atMs: prompter.elapsedMs }];
    this.peeking = prompter.section;
  }

  /** Reads the clock and moves everything on: called on every animation frame. */
  tick(): void {
    const session = this.session;
    if (!session || this.step !== 'telling') return;
    session.tick();
    const prompter = session.prompter;
    if (this.peeking && this.peeking !== prompter.section) this.peeking = null;
    if (
      this.advanceByVoice &&
      prompter.phase === 'running' &&
      !prompter.paused &&
      pauseEndsSection(prompter.heard, prompter.sectionStartMs, prompter.elapsedMs)
    )
      session.jump(1, 'voice');
    if (prompter.phase === 'finished') void this.#afterTelling(session);
  }

  #afterTelling = async (session: RehearsalSession): Promise<void> => {
    this.step = 'self-check';
    await session.settled;
    this.take = session.saved?.take ?? null;
    this.checks = this.rubric.map((item) => item.checked);
    if (!this.take) this.error = session.saveError ?? 'The take was not saved, so its self-check cannot be kept.';
  };

  /** One box of the self-check ticked or cleared (kept when the drill moves on or closes). */
  setCheck(index: number, said: boolean): void {
    if (index < 0 || index >= this.checks.length || this.rubric[index]?.kind === 'under-two-minutes') return;
    this.checks[index] = said;
    this.checkSaved = false;
    this.#checksTouched = true;
  }

  /** Saves a self-check the user ticked but did not save, before the drill moves on or closes. */
  async #keepChecks(): Promise<void> {
    if (this.take && this.#checksTouched && !this.checkSaved) await this.saveCheck();
  }

  /** Records the self-check in the take's sidecar (committed, as notes are). */
  async saveCheck(): Promise<void> {
    const take = this.take;
    if (!take) return;
    try {
      this.take = await this.#options.api.updateTakeRubric({
        storyId: take.storyId,
        takeFile: take.file,
        // Saving the self-check answers every item: a box left empty was not said.
        checked: this.checks.map((checked) => checked === true),
      });
      this.checks = this.rubric.map((item) => item.checked);
      this.checkSaved = true;
      this.#checksTouched = false;
      this.error = null;
    } catch (error) {
      this.checkSaved = false;
      this.error = `The self-check could not be saved: ${errorText(error)}`;
    }
  }

  /** The view is going away: a telling in progress, or a self-check ticked, is still saved; the devices let go. */
  async close(): Promise<void> {
    await this.#keepChecks();
    await this.session?.close();
  }
}
