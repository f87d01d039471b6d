import type { ExportOutcome, ExportStatus, StoryBankApi } from '@core/api';
import type { CheckReport, CriterionResult } from '@core/checker/types';

/** `confirm`: the bank fails some criteria, and the user is asked before anything is written. */
export type ExportRunStatus = 'idle' | 'confirm' | 'running' | 'done' | 'failed';

/**
 * One export at a time: its outcome (written, unchanged or refused with the difference) stays
 * on show until the user closes it. Overwriting a hand-edited deliverable needs a second,
 * explicit step (`run(true)`).
 */
export class ExportState {
  status = $state<ExportRunStatus>('idle');
  outcome = $state.raw<ExportOutcome | null>(null);
  error = $state<string | null>(null);
  /** The criteria the bank fails, while the user is asked whether to export anyway. */
  failing = $state.raw<CriterionResult[]>([]);
  /** Where the deliverable stands (for the "Done when" list); null until first asked. */
  deliverable = $state.raw<ExportStatus | null>(null);
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
      this.outcome = await this.api().exportDeliverable(force ? { force: true } : {});
      this.status = 'done';
      void this.refresh();
    } catch (error) {
      this.error = (error as Error).message;
      this.status = 'failed';
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
  }
}
