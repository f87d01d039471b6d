import type { AdoptedId, ConflictResult, StoryBankApi } from '@core/api';
import { isPlaceholderId, isPlaceholderTitle } from '@core/newStory';
import type { Story, StoryRecord } from '@core/story';
import {
  changedFields,
  getField,
  rebaseEdits,
  sameValue,
  setField,
  type FieldValue,
  type StoryField,
} from '@core/storyFields';

/** How long after the last keystroke the draft is saved. */
export const AUTOSAVE_MS = 800;
/** Keystrokes in one field less than this far apart are one undo step… */
export const UNDO_GROUP_MS = 1000;
/** …unless the step already spans this long, so long typing still undoes a piece at a time. */
export const UNDO_GROUP_MAX_MS = 4000;
/** Undo steps kept; the oldest go first. */
export const UNDO_LIMIT = 300;

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'error';
export type EditorView = 'edit' | 'preview' | 'history' | 'takes';

/** One undo step: the draft before and after it. */
interface UndoStep {
  before: Story;
  after: Story;
  field: StoryField | null;
  startedAt: number;
  lastAt: number;
}

/**
 * A plain copy of the draft. `$state.snapshot` unwraps the reactive proxy; the clone makes the
 * copy independent also where runes are compiled for the server (the unit tests), where the
 * snapshot is the object itself.
 */
function copy(story: Story): Story {
  return structuredClone($state.snapshot(story) as Story);
}

export interface StoryEditorOptions {
  /** The clock for grouping keystrokes into undo steps (tests pass their own). */
  now?: () => number;
  /** The story's id changed (a new story took its title's id): whoever keeps the id follows. */
  onIdChange?: (from: string, to: string) => void;
}

/**
 * One story being edited. The draft is saved through the vault within a second of the last
 * change, always with the hash of the file version it started from, so an edit made elsewhere
 * meanwhile is merged or shown as a conflict instead of being overwritten.
 *
 * Undo and redo are the editor's own, over snapshots of the draft, because a text area's native
 * undo is lost whenever its value is replaced from outside (a merge, an edit in another program).
 * A step remembers the draft before and after it, and undoing replays "after → before" on the
 * draft as it is now, field by field, so undoing your own typing never reverts an outside edit
 * that arrived since.
 */
export class StoryEditorState {
  draft = $state<Story>() as Story;
  baseHash = $state('');
  status = $state<SaveStatus>('saved');
  error = $state<string | null>(null);
  conflict = $state.raw<ConflictResult | null>(null);
  /** Set when a clean merge with an outside edit was applied, so the user knows. */
  mergedNotice = $state(false);
  /** What the panel shows: the fields, the rendered story, or its git history. */
  view = $state<EditorView>('edit');
  /** A field to put the cursor in once the fields are showing; the view clears it. */
  focusRequest = $state.raw<{ field: StoryField } | null>(null);
  canUndo = $state(false);
  canRedo = $state(false);
  /**
   * The editor is closing: its panel takes no input while the last edits are saved and the id
   * settled, so keys meant for what opens next (a new story's title) never land in it and are lost.
   */
  closing = $state(false);

  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();
  private past: UndoStep[] = [];
  private future: UndoStep[] = [];
  /** The draft as the undo history last saw it: the "before" of the next edit. */
  private known: Story;
  /** The latest record the vault reported while a save was under way. */
  private receivedWhileSaving: StoryRecord | null = null;
  private readonly now: () => number;
  private readonly onIdChange: (from: string, to: string) => void;

  constructor(
    readonly api: StoryBankApi,
    record: StoryRecord,
    options: StoryEditorOptions = {},
  ) {
    this.draft = structuredClone(record.story);
    this.known = structuredClone(record.story);
    this.baseHash = record.hash;
    this.now = options.now ?? (() => Date.now());
    this.onIdChange = options.onIdChange ?? (() => {});
  }

  get id(): string {
    return this.draft.id;
  }

  /** Whether the fields can be edited (not while a conflict waits for the user). */
  get editable(): boolean {
    return this.status !== 'conflict';
  }

  /**
   * Sets one field from the user's input: an undo step (grouped with the keystrokes before it in
   * the same field, unless `step` asks for a step of its own) and an autosave.
   */
  edit(field: StoryField, value: FieldValue, options: { step?: boolean } = {}): void {
    if (!this.editable) return;
    if (sameValue(getField(this.draft, field), value)) return;
    setField(this.draft, field, value);
    this.record(field, options.step ?? false);
    this.schedule();
  }

  /** Call after changing the draft directly: records the change for undo and schedules the autosave. */
  touch(field: StoryField | null = null): void {
    if (!this.editable) return;
    this.record(field, field === null);
    this.schedule();
  }

  /** Undoes the last step; returns the fields it changed (none when there was nothing to undo). */
  undo(): StoryField[] {
    return this.travel(this.past, this.future, 'back');
  }

  /** Redoes the last undone step; returns the fields it changed. */
  redo(): StoryField[] {
    return this.travel(this.future, this.past, 'forward');
  }

  /** Shows the fields and puts the cursor in `field` (for the checklist's links). */
  focusField(field: StoryField): void {
    this.view = 'edit';
    this.focusRequest = { field };
  }

  /** The vault reported this story: take it when nothing is unsaved, else save now to merge. */
  receive(record: StoryRecord): void {
    if (record.hash === this.baseHash) return;
    if (this.status === 'saved') {
      this.adopt(record.story);
      this.baseHash = record.hash;
    } else if (this.status === 'unsaved') {
      void this.save();
    } else if (this.status === 'saving') {
      // Our own write, or someone else's: which one is known only when the save returns.
      this.receivedWhileSaving = record;
    }
  }

  save(): Promise<void> {
    clearTimeout(this.timer);
    this.saving = this.saving.then(() => this.saveNow());
    return this.saving;
  }

  /**
   * Saves, and then gives a new story its title's id once the title is real: called when the user
   * leaves the title field and when the editor closes (or hands the story to the teleprompter or
   * the export), never per keystroke, so typing "M", "Ma", "Mak"… does not rename it each time.
   * Runs in the save queue: keys typed meanwhile stay in the draft and are saved under the new id.
   * A failure leaves the old id, to be tried again at the next chance.
   */
  settle(): Promise<void> {
    clearTimeout(this.timer);
    this.saving = this.saving.then(() => this.saveNow()).then(() => this.adoptTitleId());
    return this.saving;
  }

  /**
   * Tries again after a save failed (the app calls it when the connection comes back): the draft
   * still holds every edit, and the save carries the hash it started from, so repeating a save
   * whose answer was lost merges with itself instead of overwriting anything.
   */
  retry(): Promise<void> {
    if (this.status === 'error') this.status = 'unsaved';
    return this.save();
  }

  /** Whether the draft holds edits the vault has not confirmed writing. */
  get dirty(): boolean {
    return this.status !== 'saved';
  }

  /** Stops the autosave timer (the panel is gone; call `save()` first to keep the last keys). */
  dispose(): void {
    clearTimeout(this.timer);
  }

  async resolve(resolution: 'keep-mine' | 'take-theirs' | 'use-merged', mergedText?: string): Promise<void> {
    await this.settleConflict(resolution, { mergedText });
  }

  /** Resolves the conflict with the story the user's picks per field make. */
  async resolveByField(picked: Story): Promise<void> {
    await this.settleConflict('use-fields', { picked: structuredClone($state.snapshot(picked) as Story) });
  }

  private async settleConflict(
    resolution: 'keep-mine' | 'take-theirs' | 'use-merged' | 'use-fields',
    extra: { mergedText?: string; picked?: Story },
  ): Promise<void> {
    if (!this.conflict) return;
    try {
      const result = await this.api.resolveConflict({
        id: this.id,
        resolution,
        // The conflict's "mine": the draft's edits on the outside version (see saveAgainstBase).
        mine: structuredClone(this.conflict.mine),
        ...extra,
      });
      this.adopt(result.record.story);
      this.baseHash = result.record.hash;
      this.conflict = null;
      this.status = 'saved';
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private schedule(): void {
    this.status = 'unsaved';
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), AUTOSAVE_MS);
  }

  private async saveNow(): Promise<void> {
    if (this.status !== 'unsaved') return;
    this.status = 'saving';
    this.receivedWhileSaving = null;
    const sent = copy(this.draft);
    try {
      const result = await this.api.saveStory({ story: sent, baseHash: this.baseHash });
      if (result.kind === 'conflict') {
        this.conflict = result;
        this.status = 'conflict';
        return;
      }
      this.baseHash = result.record.hash;
      if (result.kind === 'merged') {
        // The merge holds what was sent; keys typed since are replayed on it, so none is lost.
        const typed = copy(this.draft);
        const { story } = rebaseEdits(result.record.story, sent, typed, 'edits');
        this.adopt(story);
        this.mergedNotice = true;
        if (changedFields(story, result.record.story).length) this.schedule();
      }
      // Typing during the save leaves the draft dirty again; the timer set by edit() saves it.
      if (this.status === 'saving') this.status = 'saved';
      this.error = null;
      const seen = this.receivedWhileSaving as StoryRecord | null;
      this.receivedWhileSaving = null;
      // A change reported during the save that was not our own write: ask for the latest.
      if (seen && seen.hash !== this.baseHash) {
        const latest = await this.api.readStory({ id: this.id }).catch(() => null);
        if (latest) this.receive(latest);
      }
    } catch (error) {
      this.status = 'error';
      const { code, message } = error as { code?: string; message: string };
      this.error =
        code === 'disconnected' || code === 'timeout'
          ? `Not saved: ${message}. Your edits are kept here and saved when Story Bank is back.`
          : message;
    }
  }

  private async adoptTitleId(): Promise<void> {
    const id = this.id;
    // Only a story saved as it is (an error or conflict waits for the user) whose title is real.
    if (this.status === 'error' || this.status === 'conflict' || !isPlaceholderId(id)) return;
    if (!this.draft.title.trim() || isPlaceholderTitle(this.draft.title)) return;
    let adopted: AdoptedId;
    try {
      adopted = await this.api.adoptTitleId({ id });
    } catch {
      return;
    }
    const next = adopted.record.story.id;
    if (next === id) return;
    // The draft, the undo history and the version the edits start from all name the new id.
    this.draft.id = next;
    this.known = { ...this.known, id: next };
    for (const step of [...this.past, ...this.future]) {
      step.before = { ...step.before, id: next };
      step.after = { ...step.after, id: next };
    }
    // The rename was made on the version these edits start from: the renamed file is their base.
    // Otherwise an outside edit came in between: taken in, or merged with the edits, as any other.
    if (adopted.previousHash === this.baseHash) this.baseHash = adopted.record.hash;
    else this.receive(adopted.record);
    this.onIdChange(id, next);
  }

  /** Takes a version of the story from outside the editor; the undo history stays. */
  private adopt(story: Story): void {
    this.draft = structuredClone(story);
    this.known = structuredClone(story);
    this.closeGroup();
  }

  private record(field: StoryField | null, ownStep: boolean): void {
    const now = this.now();
    const after = copy(this.draft);
    const last = this.past[this.past.length - 1];
    const grouped =
      !ownStep &&
      last !== undefined &&
      field !== null &&
      last.field === field &&
      now - last.lastAt < UNDO_GROUP_MS &&
      now - last.startedAt < UNDO_GROUP_MAX_MS;
    if (grouped) {
      last.after = after;
      last.lastAt = now;
    } else {
      this.past.push({ before: this.known, after, field: ownStep ? null : field, startedAt: now, lastAt: now });
      if (this.past.length > UNDO_LIMIT) this.past.shift();
    }
    this.known = after;
    this.future = [];
    this.syncFlags();
  }

  private travel(from: UndoStep[], to: UndoStep[], direction: 'back' | 'forward'): StoryField[] {
    if (!this.editable) return [];
    while (from.length) {
      const step = from.pop() as UndoStep;
      to.push(step);
      const [start, end] = direction === 'back' ? [step.after, step.before] : [step.before, step.after];
      // Where an outside change rewrote the same words, that field keeps the outside version.
      const { story, changed } = rebaseEdits(copy(this.draft), start, end, 'target');
      if (!changed.length) continue;
      this.adopt(story);
      this.syncFlags();
      this.schedule();
      return changed;
    }
    this.syncFlags();
    return [];
  }

  /** The next keystroke starts a new undo step. */
  private closeGroup(): void {
    const last = this.past[this.past.length - 1];
    if (last) last.field = null;
  }

  private syncFlags(): void {
    this.canUndo = this.past.length > 0;
    this.canRedo = this.future.length > 0;
  }
}
