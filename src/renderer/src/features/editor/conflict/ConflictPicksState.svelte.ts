/**
 * The user's answer to a conflict, field by field: for each field that differs, keep mine, take
 * theirs, take the clean merge of both, or type a value (prefilled). Saving sends the story the
 * picks make through the editor, which resolves the conflict with the vault.
 *
 * Why a class: the view reaches the API only through the editor's state, and the picks, the
 * checks of typed values and the message when something is still open live in one place.
 */
import type { ConflictResult } from '@core/api';
import {
  applyFieldChoices,
  defaultChoice,
  editableText,
  parseEditedField,
  type FieldChoice,
  type FieldConflict,
} from '@core/conflictFields';
import type { Story } from '@core/story';
import type { StoryField } from '@core/storyFields';

export type PickKind = 'mine' | 'theirs' | 'merged' | 'edit';

export interface ConflictResolver {
  resolveByField(picked: Story): Promise<void>;
  focusField(field: StoryField): void;
  readonly error: string | null;
  readonly conflict: ConflictResult | null;
}

function kindOf(choice: FieldChoice | null): PickKind | null {
  return choice === null ? null : typeof choice === 'string' ? choice : 'edit';
}

export class ConflictPicksState {
  readonly #editor: ConflictResolver;
  readonly #theirs: Story;
  readonly fields: readonly FieldConflict[];
  /** Fields both sides changed: shown open, each needs a look (a clash needs a pick). */
  readonly contested: readonly FieldConflict[];
  /** Fields only one side changed: merged already, shown collapsed. */
  readonly settled: readonly FieldConflict[];

  picks = $state<Partial<Record<StoryField, PickKind | null>>>({});
  /** The text of each field being edited by hand. */
  texts = $state<Partial<Record<StoryField, string>>>({});
  error = $state<string | null>(null);
  saving = $state(false);

  constructor(editor: ConflictResolver, conflict: ConflictResult & { theirs: Story; fields: FieldConflict[] }) {
    this.#editor = editor;
    this.#theirs = conflict.theirs;
    this.fields = conflict.fields;
    this.contested = this.fields.filter((field) => field.merge === 'clash' || field.merge === 'both');
    this.settled = this.fields.filter((field) => field.merge === 'mine' || field.merge === 'theirs');
    for (const field of this.fields) this.picks[field.field] = kindOf(defaultChoice(field));
  }

  pick(field: FieldConflict, kind: PickKind): void {
    this.picks[field.field] = kind;
    this.error = null;
    if (kind === 'edit' && this.texts[field.field] === undefined) {
      // Start from the merge of both where there is one, else from mine.
      this.texts[field.field] = editableText(field.merged ?? field.mine);
    }
  }

  /** Why the typed value of `field` cannot be saved, or null. */
  editError(field: FieldConflict): string | null {
    if (this.picks[field.field] !== 'edit') return null;
    const parsed = parseEditedField(field.field, this.texts[field.field] ?? '');
    return 'error' in parsed ? parsed.error : null;
  }

  /** Saves the picks; when one is missing or invalid, says which and saves nothing. */
  async save(): Promise<void> {
    this.error = null;
    const choices: Partial<Record<StoryField, FieldChoice>> = {};
    const invalid: string[] = [];
    for (const field of this.fields) {
      const kind = this.picks[field.field];
      if (!kind) continue;
      if (kind !== 'edit') {
        choices[field.field] = kind;
        continue;
      }
      const parsed = parseEditedField(field.field, this.texts[field.field] ?? '');
      if ('error' in parsed) invalid.push(`${field.label}: ${parsed.error}`);
      else choices[field.field] = { edited: parsed.value };
    }
    // A typed value that cannot be read is not a missing pick: say what is wrong with it.
    if (invalid.length) {
      this.error = `Fix the typed values first. ${invalid.join('. ')}.`;
      return;
    }
    const { story, unchosen } = applyFieldChoices(this.#theirs, this.fields, choices);
    if (unchosen.length) {
      const labels = this.fields.filter((field) => unchosen.includes(field.field)).map((field) => field.label);
      this.error = `Pick a version for ${labels.join(', ')}.`;
      return;
    }
    this.saving = true;
    try {
      await this.#editor.resolveByField(story);
      // The editor keeps the conflict when the vault refused: say why here, where the user is.
      if (this.#editor.conflict) this.error = this.#editor.error ?? 'Not saved.';
      // The dialog is gone: the cursor goes to the first field decided, not to the page.
      else if (this.fields.length) this.#editor.focusField((this.contested[0] ?? this.fields[0]).field);
    } finally {
      this.saving = false;
    }
  }
}
