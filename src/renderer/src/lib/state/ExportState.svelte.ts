import type { ExportOutcome, StoryBankApi } from '../../../../core/api';

export type ExportStatus = 'idle' | 'running' | 'done' | 'failed';

/**
 * One export at a time: its outcome (written, unchanged or refused with the difference) stays
 * on show until the user closes it. Overwriting a hand-edited deliverable needs a second,
 * explicit step (`run(true)`).
 */
export class ExportState {
  status = $state<ExportStatus>('idle');
  outcome = $state.raw<ExportOutcome | null>(null);
  error = $state<string | null>(null);

  /** `api` is asked for at each call, so the owner may hand its client over lazily. */
  constructor(private readonly api: () => StoryBankApi) {}

  get open(): boolean {
    return this.status !== 'idle';
  }

  async run(force = false): Promise<void> {
    if (this.status === 'running') return;
    this.status = 'running';
    this.error = null;
    try {
      this.outcome = await this.api().exportDeliverable(force ? { force: true } : {});
      this.status = 'done';
    } catch (error) {
      this.error = (error as Error).message;
      this.status = 'failed';
    }
  }

  close(): void {
    this.status = 'idle';
    this.outcome = null;
    this.error = null;
  }
}
