import type { DeletedStoryListing, StoryBankApi } from '@core/api';
import { restoredNote } from '@core/restoredNote';

/** The story a restore brought back, and what to say when it came back under a new file or id. */
export interface RestoredStory {
  id: string;
  title: string;
  note: string | null;
}

/**
 * The board's list of deleted stories (read from git by main) and restoring one of them, long
 * after the undo toast is gone. Every call settles with a message; the board itself follows the
 * restored file through the vault's change event, like any other new file.
 */
export class DeletedStoriesState {
  open = $state(false);
  /** Null until the first answer. */
  entries = $state.raw<DeletedStoryListing[] | null>(null);
  error = $state<string | null>(null);
  restored = $state.raw<RestoredStory | null>(null);
  /** The deletion being undone (`keyOf`), while the call is under way. */
  restoring = $state<string | null>(null);

  constructor(private readonly api: () => StoryBankApi) {}

  async show(): Promise<void> {
    this.open = true;
    this.restored = null;
    this.error = null;
    await this.load();
  }

  close(): void {
    this.open = false;
  }

  async load(): Promise<void> {
    try {
      this.entries = await this.api().listDeletedStories({});
    } catch (error) {
      this.error = `The deleted stories could not be listed: ${(error as Error).message}`;
      this.entries ??= [];
    }
  }

  async restore(entry: DeletedStoryListing): Promise<void> {
    if (this.restoring) return;
    this.restoring = keyOf(entry);
    this.error = null;
    try {
      const record = await this.api().restoreDeletedStory({ file: entry.file, commit: entry.commit });
      this.restored = { id: record.story.id, title: record.story.title, note: restoredNote(entry, record) };
      await this.load();
    } catch (error) {
      this.error = `“${entry.title}” could not be restored: ${(error as Error).message}`;
    } finally {
      this.restoring = null;
    }
  }
}

/** One deletion: a commit can remove several files. */
export const keyOf = (entry: DeletedStoryListing): string => `${entry.commit} ${entry.file}`;
