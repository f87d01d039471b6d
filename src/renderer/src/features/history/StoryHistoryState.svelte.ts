/**
 * One story's git history as its History tab shows it: the commits of its file, one revision
 * opened and compared with the story as it is now (field by field or line by line), and restoring
 * a revision (saved as a new version, so nothing is lost).
 *
 * Why a class: the tab reaches the API only through here, and every call settles with a message.
 */
import type { RevisionContent, StoryBankApi, StoryRevision } from '@core/api';

export type RevisionCompare = 'fields' | 'lines';

export class StoryHistoryState {
  readonly #api: StoryBankApi;
  readonly storyId: string;

  revisions = $state.raw<StoryRevision[] | null>(null);
  viewing = $state.raw<{ revision: StoryRevision; content: RevisionContent } | null>(null);
  error = $state<string | null>(null);
  /** How the opened revision is compared with now: field by field, or the file's lines. */
  compare = $state<RevisionCompare>('fields');

  constructor(api: StoryBankApi, storyId: string) {
    this.#api = api;
    this.storyId = storyId;
  }

  async load(): Promise<void> {
    try {
      this.revisions = await this.#api.storyHistory({ id: this.storyId });
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  async view(revision: StoryRevision): Promise<void> {
    try {
      const content = await this.#api.readStoryRevision({
        id: this.storyId,
        commit: revision.commit,
        path: revision.path,
      });
      this.viewing = { revision, content };
      // A revision that is not a valid story has no fields to compare.
      if (!content.story || !content.currentStory) this.compare = 'lines';
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  async restore(revision: StoryRevision): Promise<void> {
    try {
      await this.#api.restoreStoryRevision({ id: this.storyId, commit: revision.commit, path: revision.path });
      this.viewing = null;
      await this.load();
    } catch (error) {
      this.error = (error as Error).message;
    }
  }
}
