import type { ConflictResult, StoryBankApi } from '../../../../core/api';
import type { Story, StoryRecord } from '../../../../core/story';

/** How long after the last keystroke the draft is saved. */
export const AUTOSAVE_MS = 800;

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'error';

/**
 * One story being edited. The draft is saved through the vault within a second of the last
 * change, always with the hash of the file version it started from, so an edit made elsewhere
 * meanwhile is merged or shown as a conflict instead of being overwritten.
 */
export class StoryEditorState {
  draft = $state<Story>() as Story;
  baseHash = $state('');
  status = $state<SaveStatus>('saved');
  error = $state<string | null>(null);
  conflict = $state.raw<ConflictResult | null>(null);
  /** Set when a clean merge with an outside edit was applied, so the user knows. */
  mergedNotice = $state(false);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    readonly api: StoryBankApi,
    record: StoryRecord,
  ) {
    this.draft = structuredClone(record.story);
    this.baseHash = record.hash;
  }

  get id(): string {
    return this.draft.id;
  }

  /** Call after changing the draft: schedules the autosave. */
  touch(): void {
    if (this.status === 'conflict') return;
    this.status = 'unsaved';
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), AUTOSAVE_MS);
  }

  /** The vault reported this story: take it when nothing is unsaved, else save now to merge. */
  receive(record: StoryRecord): void {
    if (record.hash === this.baseHash) return;
    if (this.status === 'saved') {
      this.draft = structuredClone(record.story);
      this.baseHash = record.hash;
    } else if (this.status === 'unsaved') {
      void this.save();
    }
  }

  save(): Promise<void> {
    clearTimeout(this.timer);
    this.saving = this.saving.then(() => this.saveNow());
    return this.saving;
  }

  async resolve(resolution: 'keep-mine' | 'take-theirs' | 'use-merged', mergedText?: string): Promise<void> {
    if (!this.conflict) return;
    try {
      const result = await this.api.resolveConflict({
        id: this.id,
        resolution,
        mine: $state.snapshot(this.draft),
        mergedText,
      });
      this.draft = structuredClone(result.record.story);
      this.baseHash = result.record.hash;
      this.conflict = null;
      this.status = 'saved';
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private async saveNow(): Promise<void> {
    if (this.status !== 'unsaved') return;
    this.status = 'saving';
    try {
      const result = await this.api.saveStory({ story: $state.snapshot(this.draft), baseHash: this.baseHash });
      if (result.kind === 'conflict') {
        this.conflict = result;
        this.status = 'conflict';
        return;
      }
      this.baseHash = result.record.hash;
      if (result.kind === 'merged') {
        this.draft = structuredClone(result.record.story);
        this.mergedNotice = true;
      }
      // Typing during the save leaves the draft dirty again; the timer set by touch() saves it.
      if (this.status === 'saving') this.status = 'saved';
      this.error = null;
    } catch (error) {
      this.status = 'error';
      this.error = (error as Error).message;
    }
  }
}
