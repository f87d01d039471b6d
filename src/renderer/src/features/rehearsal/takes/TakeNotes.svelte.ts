/**
 * The notes on one take, as the user edits them: the text in the box and what is on disk.
 *
 * Why one class: the take summary (right after a take) and the story's take list both edit notes;
 * both save through here, so a note is compared and written by one rule. A list reloaded while a
 * note is being edited keeps the edit; an unedited note follows the disk (notes saved from the
 * summary show in the list, and leaving the list's box unchanged never writes the old text back).
 */
import type { StoryBankApi } from '@core/api';

export class TakeNotes {
  readonly #api: StoryBankApi;
  readonly storyId: string;
  readonly takeFile: string;
  /** What is in the box. */
  text = $state('');
  /** What the take's sidecar holds. */
  saved = $state('');

  constructor(api: StoryBankApi, take: { storyId: string; takeFile: string; notes: string }) {
    this.#api = api;
    this.storyId = take.storyId;
    this.takeFile = take.takeFile;
    this.text = take.notes;
    this.saved = take.notes;
  }

  get edited(): boolean {
    return this.text !== this.saved;
  }

  /** The sidecar's notes as read again: an unedited box shows them. */
  reloaded(notes: string): void {
    if (!this.edited) this.text = notes;
    this.saved = notes;
  }

  /** Writes the text when it differs from the disk; settles with why it could not, or null. */
  async save(): Promise<string | null> {
    if (!this.edited) return null;
    try {
      const updated = await this.#api.updateTakeNotes({
        storyId: this.storyId,
        takeFile: this.takeFile,
        notes: this.text,
      });
      this.saved = updated.sidecar.notes;
      return null;
    } catch (error) {
      return `The notes could not be saved: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}
