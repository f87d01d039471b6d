import type { ImportReport, StoryBankApi } from '@core/api';

/** What one import call may carry: the transport's message limit, with room to spare. */
export const MAX_IMPORT_BYTES = 3 * 1024 * 1024;
const MAX_FILE_BYTES = 1024 * 1024;

/** 'choosing': the dialog says what an import takes, before the file picker opens. */
export type ImportStatus = 'idle' | 'choosing' | 'running' | 'done' | 'failed';

/** Reads the files the user picked and adds their stories to the vault; keeps the report on show. */
export class ImportState {
  status = $state<ImportStatus>('idle');
  report = $state.raw<ImportReport | null>(null);
  error = $state<string | null>(null);

  /** `api` is asked for at each call, so the owner may hand its client over lazily. */
  constructor(private readonly api: () => StoryBankApi) {}

  get open(): boolean {
    return this.status !== 'idle';
  }

  /** Opens the dialog at its first step: what it takes, and a button for the file picker. */
  choose(): void {
    if (this.status === 'idle') this.status = 'choosing';
  }

  async run(files: ReadonlyArray<Pick<File, 'name' | 'size' | 'text'>>): Promise<void> {
    if (files.length === 0 || this.status === 'running') return;
    this.status = 'running';
    this.error = null;
    try {
      const tooBig = files.find((file) => file.size > MAX_FILE_BYTES);
      if (tooBig) throw new Error(`${tooBig.name} is larger than 1 MiB; a deliverable or an answer is far smaller`);
      const total = files.reduce((sum, file) => sum + file.size, 0);
      if (total > MAX_IMPORT_BYTES)
        throw new Error('those files add up to more than 3 MiB; import them a few at a time');
      const payload = await Promise.all(files.map(async (file) => ({ name: file.name, text: await file.text() })));
      this.report = await this.api().importFiles({ files: payload });
      this.status = 'done';
    } catch (error) {
      this.error = (error as Error).message;
      this.status = 'failed';
    }
  }

  close(): void {
    this.status = 'idle';
    this.report = null;
    this.error = null;
  }
}
