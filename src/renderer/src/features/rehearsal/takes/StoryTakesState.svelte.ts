/**
 * One story's takes as its Rehearsals tab shows them: the list (read again whenever a take of the
 * story is added, ended, noted or removed), the notes being edited on each, and deleting a take.
 *
 * Why a class: the tab reaches the API only through here, and notes are saved by TakeNotes, the
 * same path as the take summary's. A reload keeps a note being edited and updates the others.
 */
import type { StoredTake, StoryBankApi, TakeList } from '@core/api';
import { TakeNotes } from './TakeNotes.svelte';

export class StoryTakesState {
  readonly #api: StoryBankApi;
  readonly storyId: string;

  list = $state.raw<TakeList | null>(null);
  error = $state<string | null>(null);
  /** The notes on each take, by sidecar file. */
  notes = $state.raw<Record<string, TakeNotes>>({});
  deleting = $state(false);

  constructor(api: StoryBankApi, storyId: string) {
    this.#api = api;
    this.storyId = storyId;
  }

  /** Lists the takes now and again whenever this story's takes change; returns the unsubscribe. */
  start(): () => void {
    void this.load();
    return this.#api.on('takesChanged', (change) => {
      if (change.storyId === this.storyId) void this.load();
    });
  }

  async load(): Promise<void> {
    try {
      const list = await this.#api.listTakes({ storyId: this.storyId });
      const notes: Record<string, TakeNotes> = {};
      for (const take of list.takes) {
        const kept = this.notes[take.file];
        kept?.reloaded(take.sidecar.notes);
        notes[take.file] =
          kept ?? new TakeNotes(this.#api, { storyId: this.storyId, takeFile: take.file, notes: take.sidecar.notes });
      }
      this.list = list;
      this.notes = notes;
      this.error = null;
    } catch (error) {
      this.error = `The takes could not be listed: ${(error as Error).message}`;
    }
  }

  async saveNotes(take: StoredTake): Promise<void> {
    const problem = await this.notes[take.file]?.save();
    if (problem) this.error = problem;
  }

  /** Deletes the take's recording and sidecar; true when it is gone. */
  async remove(take: StoredTake): Promise<boolean> {
    this.deleting = true;
    try {
      await this.#api.deleteTake({ storyId: this.storyId, takeFile: take.file });
      await this.load();
      return true;
    } catch (error) {
      this.error = `The take could not be deleted: ${(error as Error).message}`;
      return false;
    } finally {
      this.deleting = false;
    }
  }
}
