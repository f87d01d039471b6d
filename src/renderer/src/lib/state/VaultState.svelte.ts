import type { StoriesChanged, StoryBankApi, VaultInfo } from '../../../../core/api';
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
  columns = $derived(boardColumns(this.records));

  constructor(private readonly api: StoryBankApi) {}

  /** Loads the vault and follows its changes; returns the unsubscribe. */
  start(): () => void {
    let buffered: StoriesChanged[] | null = [];
    const unsubscribe = this.api.on('storiesChanged', (change) => {
      if (buffered) buffered.push(change);
      else this.apply(change);
    });
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
    return unsubscribe;
  }

  apply(change: StoriesChanged): void {
    this.records = applyStoriesChanged(this.records, change);
    this.problems = change.problems;
  }
}
