import type { CallInput, ExportOutcome, ExportStatus, StoryBankApi } from '@core/api';
import type { CheckReport, CriterionResult } from '@core/checker/types';

/** `confirm`: the bank fails some criteria, and the user is asked before anything is written. */
export type ExportRunStatus = 'idle' | 'confirm' | 'running' | 'done' | 'failed';

/** What the last Open, Reveal or Copy did, shown beside the buttons. */
export interface ActionNote {
  ok: boolean;
  message: string;
}

/**
 * One export at a time: its outcome (written, unchanged, refused with the difference, or a
 * conflict with the user's hand edits) stays on show until the user closes it. Overwriting a
 * hand-edited deliverable needs a second, explicit step (`run(true)`); a conflict is settled by
 * `resolve` or by saving the user's edit of the merge.
 */
export class ExportState {
  status = $state<ExportRunStatus>('idle');
  outcome = $state.raw<ExportOutcome | null>(null);
  error = $state<string | null>(null);
  /** The criteria the bank fails, while the user is asked whether to export anyway. */
  failing = $state.raw<CriterionResult[]>([]);
  /** Where the deliverable stands (for the "Done when" list); null until first asked. */
  deliverable = $state.raw<ExportStatus | null>(null);
  note = $state.raw<ActionNote | null>(null);
  /** The clipboard was refused: the dialog shows the text to select and copy by hand. */
  copyFallback = $state(false);
  /** The user is editing the merge of a conflict; `mergeError` says why saving it failed. */
  editing = $state(false);
  editedText = $state('');
  mergeError = $state<string | null>(null);
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  /** `api` is asked for at each call, so the owner may hand its client over lazily. */
  constructor(private readonly api: () => StoryBankApi) {}

  get open(): boolean {
    return this.status !== 'idle';
  }

  /**
   * Exports a bank that passes; for one that fails, asks first (`status` 'confirm'), so a failing
   * document is never committed without the user seeing what fails.
   */
  async start(report: CheckReport): Promise<void> {
    if (this.status !== 'idle') return;
    if (report.pass) return this.run();
    this.failing = report.criteria.filter((criterion) => !criterion.pass);
    this.status = 'confirm';
  }

  async run(force = false): Promise<void> {
    if (this.status === 'running') return;
    this.status = 'running';
    this.error = null;
    try {
      this.show(await this.api().exportDeliverable(force ? { force: true } : {}));
    } catch (error) {
      this.error = (error as Error).message;
      this.status = 'failed';
    }
  }

  /** Settles a conflict: the user's lines or the new export's where both changed the same lines. */
  resolve(choice: 'mine' | 'new'): Promise<void> {
    return this.settle(choice);
  }

  /** Starts editing the merge, markers and all, from the conflict on show. */
  editMerge(): void {
    if (this.outcome?.kind !== 'conflict') return;
    this.editedText = this.outcome.mergedText;
    this.mergeError = null;
    this.editing = true;
  }

  /** Writes the user's edit of the merge; on a refusal the edit stays in the box with the reason. */
  saveEdited(): Promise<void> {
    return this.settle('edited', this.editedText);
  }

  private async settle(choice: 'mine' | 'new' | 'edited', text?: string): Promise<void> {
    const conflict = this.outcome;
    if (this.status === 'running' || conflict?.kind !== 'conflict') return;
    const resolve: NonNullable<CallInput<'exportDeliverable'>['resolve']> = {
      choice,
      fileHash: conflict.fileHash,
      exportHash: conflict.exportHash,
      ...(text === undefined ? {} : { text }),
    };
    this.status = 'running';
    this.mergeError = null;
    try {
      this.show(await this.api().exportDeliverable({ resolve }));
    } catch (error) {
      // The conflict stays on show (and the user's edit in its box), with why it was not written.
      this.mergeError = (error as Error).message;
      this.status = 'done';
    }
  }

  private show(outcome: ExportOutcome): void {
    this.outcome = outcome;
    this.editing = false;
    this.note = null;
    this.copyFallback = false;
    this.status = 'done';
    void this.refresh();
  }

  /** Opens the deliverable in the system's program for it. */
  openFile(): Promise<void> {
    return this.act(() => this.api().openDeliverable({}), 'Asked your system to open it');
  }

  /** Shows the deliverable in its folder. */
  reveal(): Promise<void> {
    return this.act(() => this.api().revealDeliverable({}), 'Asked your system to show its folder');
  }

  /** Puts the deliverable's exact text on the clipboard, or offers it to copy by hand. */
  async copy(): Promise<void> {
    const outcome = this.outcome;
    if (outcome?.kind !== 'written' && outcome?.kind !== 'unchanged') return;
    try {
      if (!navigator.clipboard) throw new Error('this page has no clipboard access');
      await navigator.clipboard.writeText(outcome.text);
      const lines = outcome.text.split('\n').length - (outcome.text.endsWith('\n') ? 1 : 0);
      this.note = { ok: true, message: `Copied: all ${lines} lines of the deliverable are on the clipboard` };
      this.copyFallback = false;
    } catch (error) {
      this.note = {
        ok: false,
        message: `The clipboard was refused (${(error as Error).message || 'no reason given'}). The text is selected below: press Ctrl+C (⌘C on a Mac) to copy it.`,
      };
      this.copyFallback = true;
    }
  }

  private async act(call: () => Promise<unknown>, done: string): Promise<void> {
    try {
      await call();
      this.note = { ok: true, message: done };
    } catch (error) {
      this.note = { ok: false, message: (error as Error).message };
    }
  }

  /** Asks main where the deliverable stands; `soon` waits for a burst of changes to settle. */
  refresh(soon = false): Promise<void> {
    clearTimeout(this.refreshTimer);
    if (soon) {
      this.refreshTimer = setTimeout(() => void this.refresh(), 400);
      return Promise.resolve();
    }
    return this.api()
      .getExportStatus({})
      .then((status) => {
        this.deliverable = status;
      })
      .catch(() => {
        // Leave the last known status; the next change asks again.
      });
  }

  close(): void {
    this.status = 'idle';
    this.outcome = null;
    this.error = null;
    this.failing = [];
    this.note = null;
    this.copyFallback = false;
    this.editing = false;
    this.mergeError = null;
  }
}
