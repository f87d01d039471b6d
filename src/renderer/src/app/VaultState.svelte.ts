import type { GitState, StoriesChanged, StoryBankApi, VaultInfo, WatchState } from '@core/api';
import { applyStoriesChanged } from '@core/applyStoriesChanged';
import { boardColumns } from '@core/board';
import { moveNotMade, moveOutcome, type MoveOutcome } from '@core/boardMove';
import type { CompetencyId } from '@core/competencies';
import { newStory } from '@core/newStory';
import type { FileProblem, StoryRecord } from '@core/story';
import { StoryOrderState } from '../features/board/StoryOrderState.svelte';

export type LoadStatus = 'loading' | 'ready' | 'failed';

/**
 * What the renderer knows of the vault. Everything here is rebuilt from main's snapshot and its
 * change events; nothing is kept that the files on disk could not give back.
 */
export class VaultState {
  records = $state.raw<StoryRecord[]>([]);
  problems = $state.raw<FileProblem[]>([]);
  info = $state.raw<VaultInfo | null>(null);
  status = $state<LoadStatus>('loading');
  connected = $state(true);
  error = $state<string | null>(null);
  git = $state.raw<GitState | null>(null);
  watch = $state.raw<WatchState | null>(null);
  /** The deliverable's order (#1, #2, …), which numbers the cards, the checklist and the export. */
  readonly order: StoryOrderState;
  ordered = $derived.by(() => this.order.records);
  columns = $derived.by(() => boardColumns(this.records, this.order.saved.ids));
  // A plain Set on purpose: listeners are wiring, not state the view renders.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly upsertListeners = new Set<(record: StoryRecord) => void>();

  /** Settles when the first load has (ready or failed); `start` must have been called. */
  readonly loaded: Promise<void>;
  #loadedNow: () => void = () => {};

  constructor(readonly api: StoryBankApi) {
    this.order = new StoryOrderState(api, () => this.records);
    this.loaded = new Promise((resolve) => (this.#loadedNow = resolve));
  }

  /** Loads the vault and follows its changes; returns the unsubscribe. */
  start(): () => void {
    let buffered: StoriesChanged[] | null = [];
    const unsubscribe = this.api.on('storiesChanged', (change) => {
      if (buffered) buffered.push(change);
      else this.apply(change);
    });
    const stopGit = this.api.on('gitStateChanged', (state) => (this.git = state));
    const stopWatch = this.api.on('watchStateChanged', (state) => (this.watch = state));
    const stopOrder = this.order.start();
    // The order is part of the first load: it numbers the cards and the checklist, and arriving
    // after the board had been built, it rebuilt and checked everything a second time. It and
    // the vault's name are asked first, the stories once they have come: a small answer sent
    // after the stories' (2.7 MB with 1,000 stories) reached the page 20 to 30 ms after it.
    const first = Promise.all([this.api.getVaultInfo({}), this.order.load()]);
    void first
      .then(async ([info]) => [info, await this.api.listStories({})] as const)
      .then(
        ([info, snapshot]) => {
          this.info = info;
          this.records = snapshot.stories;
          this.problems = snapshot.problems;
          for (const change of buffered ?? []) this.apply(change);
          buffered = null;
          this.status = 'ready';
          this.#loadedNow();
        },
        (error: unknown) => {
          // Changes from now on apply as they come; `resync` loads the vault when the host is back.
          buffered = null;
          this.error = (error as Error).message;
          this.status = 'failed';
          this.#loadedNow();
        },
      );
    // Not waited for (a small answer, back before the stories are asked for). The git state,
    // which costs main git processes, is the app's to ask (`refreshGit`). Unanswered (the host
    // unreachable), it is asked again on reconnect (`resync`).
    void this.api
      .getWatchState({})
      .then((state) => (this.watch = state))
      .catch(() => undefined);
    return () => {
      unsubscribe();
      stopGit();
      stopWatch();
      stopOrder();
    };
  }

  /** Called with every story the vault reports as added or changed (the editor follows its own). */
  onUpsert(listener: (record: StoryRecord) => void): () => void {
    this.upsertListeners.add(listener);
    return () => this.upsertListeners.delete(listener);
  }

  findById(id: string): StoryRecord | undefined {
    return this.records.find((record) => record.story.id === id);
  }

  /**
   * After the connection came back: the change events sent while it was down were lost, so the
   * stories, the git state and the watcher's state are asked for again. Every story is reported
   * to the upsert listeners (the open editor takes a newer version, or merges it with its edits).
   * A first load that failed (the host was unreachable for its whole wait) is made now.
   */
  async resync(): Promise<void> {
    // A first load still under way answers for itself.
    if (this.status === 'loading') return;
    try {
      const [info, snapshot, git, watch] = await Promise.all([
        this.api.getVaultInfo({}),
        this.api.listStories({}),
        this.api.getGitState({}),
        this.api.getWatchState({}),
      ]);
      if (this.status === 'failed') {
        this.records = snapshot.stories;
        this.problems = snapshot.problems;
        this.error = null;
        this.status = 'ready';
      } else {
        // A local lookup, not state the view renders.
        // eslint-disable-next-line svelte/prefer-svelte-reactivity
        const files = new Set(snapshot.stories.map((record) => record.file));
        this.apply({
          upserted: snapshot.stories,
          removed: this.records.filter((record) => !files.has(record.file)).map((record) => record.file),
          problems: snapshot.problems,
        });
      }
      this.info = info;
      this.git = git;
      this.watch = watch;
      await this.order.load();
    } catch {
      // Gone again: the next reconnect asks again.
    }
  }

  async refreshGit(): Promise<void> {
    this.git = await this.api.getGitState({});
  }

  /**
   * Moves a story to another competency. Only its `competency` line is rewritten, and only if
   * the file is still the version the board shows (or merges cleanly with what changed on disk);
   * on a conflict nothing is written. Never throws: the outcome says what happened.
   */
  async move(id: string, competency: CompetencyId): Promise<MoveOutcome> {
    const record = this.findById(id);
    if (!record) return moveNotMade('missing', { id }, competency);
    if (record.story.competency === competency) return moveNotMade('unchanged', record.story, competency);
    try {
      const result = await this.api.saveStory({ story: { ...record.story, competency }, baseHash: record.hash });
      if (result.kind !== 'conflict') this.take(result.record, record.hash);
      return moveOutcome(result, record.story, competency);
    } catch (error) {
      return moveNotMade('failed', record.story, competency, (error as Error).message);
    }
  }

  /**
   * Creates an empty story under `competency` ("Untitled story", then "Untitled story 2", …) as
   * a new file, and returns its id. Never replaces a story: an id main already knows is skipped,
   * even one this window has not heard of yet.
   */
  async create(competency: CompetencyId): Promise<string> {
    // A local working set, not state the view renders.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const taken = new Set(this.records.map((record) => record.story.id));
    for (;;) {
      const story = newStory(competency, taken);
      const exists = await this.api.readStory({ id: story.id }).then(
        () => true,
        (error: { code?: string }) => {
          if (error.code === 'not-found') return false;
          throw error;
        },
      );
      if (exists) {
        taken.add(story.id);
        continue;
      }
      const result = await this.api.saveStory({ story });
      if (result.kind === 'conflict') throw new Error(`${result.file} appeared meanwhile; try again`);
      this.take(result.record);
      return story.id;
    }
  }

  /**
   * Shows a record main just wrote without waiting for its change event (which usually arrived
   * first), unless the story has meanwhile moved on from `baseHash` (undefined: a new story).
   */
  private take(record: StoryRecord, baseHash?: string): void {
    const current = this.findById(record.story.id);
    if (current && current.hash !== baseHash) return;
    this.records = applyStoriesChanged(this.records, { upserted: [record], removed: [], problems: this.problems });
  }

  apply(change: StoriesChanged): void {
    this.records = applyStoriesChanged(this.records, change);
    this.problems = change.problems;
    for (const record of change.upserted) for (const listener of this.upsertListeners) listener(record);
  }
}
