import type { GitState, StoriesChanged, StoryBankApi, VaultInfo, WatchState } from '../../../../core/api';
import { applyStoriesChanged } from '../../../../core/applyStoriesChanged';
import { boardColumns } from '../../../../core/board';
import type { FileProblem, StoryRecord } from '../../../../core/story';

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
  columns = $derived(boardColumns(this.records));
  // A plain Set on purpose: listeners are wiring, not state the view renders.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly upsertListeners = new Set<(record: StoryRecord) => void>();

  constructor(readonly api: StoryBankApi) {}

  /** Loads the vault and follows its changes; returns the unsubscribe. */
  start(): () => void {
    let buffered: StoriesChanged[] | null = [];
    const unsubscribe = this.api.on('storiesChanged', (change) => {
      if (buffered) buffered.push(change);
      else this.apply(change);
    });
    const stopGit = this.api.on('gitStateChanged', (state) => (this.git = state));
    const stopWatch = this.api.on('watchStateChanged', (state) => (this.watch = state));
    void this.api.getWatchState({}).then((state) => (this.watch = state));
    void this.api.getGitState({}).then((state) => (this.git = state));
    void Promise.all([this.api.getVaultInfo({}), this.api.listStories({})]).then(
      ([info, snapshot]) => {
        this.info = info;
        this.records = snapshot.stories;
        this.problems = snapshot.problems;
        for (const change of buffered ?? []) this.apply(change);
        buffered = null;
        this.status = 'ready';
      },
      (error: unknown) => {
        this.error = (error as Error).message;
        this.status = 'failed';
      },
    );
    return () => {
      unsubscribe();
      stopGit();
      stopWatch();
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

  async refreshGit(): Promise<void> {
    this.git = await this.api.getGitState({});
  }

  apply(change: StoriesChanged): void {
    this.records = applyStoriesChanged(this.records, change);
    this.problems = change.problems;
    for (const record of change.upserted) for (const listener of this.upsertListeners) listener(record);
  }
}
