import type { GitState } from '../../core/api';
import { oneLine } from '../../core/text/oneLine';
import { APP_FILES, commitFiles } from './commitFiles';
import { readGitState } from './gitState';

export const DEFAULT_QUIET_MS = 30_000;

/**
 * Commits saved stories after a quiet period rather than on every keystroke (users of tools that
 * commit per save saw 60–70 commits a day), and at once when asked: on switching story or quitting.
 * When git cannot commit (locked, mid-merge, detached, missing), the files stay saved and pending,
 * and the state with its fix is reported.
 */
export class AutoCommitter {
  private readonly pending = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;
  state: GitState | undefined;

  constructor(
    private readonly root: string,
    private readonly onState: (state: GitState) => void,
    private readonly quietMs = DEFAULT_QUIET_MS,
  ) {}

  /** A story file was saved (or removed, or renamed: note both names). */
  note(files: string[], title: string): void {
    for (const file of files) this.pending.set(file, title);
    clearTimeout(this.timer);
    // A save that lands while the app closes (its call was already under way) is committed at
    // once: a quiet-period timer then would keep a closing host alive for the whole period.
    if (this.stopped) void this.flush();
    else this.timer = setTimeout(() => void this.flush(), this.quietMs);
  }

  pendingFiles(): string[] {
    return [...this.pending.keys()].sort();
  }

  /** Commits what is pending now. Calls are serialised, so two flushes never race in git. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.queue = this.queue.then(() => this.commitPending());
    return this.queue;
  }

  /**
   * Commits `files` at once with `message`, a one-line subject, after anything pending (used for
   * conflict history). A title in it read from a file may hold line breaks: made one line here.
   */
  commitNow(files: string[], message: string): Promise<boolean> {
    const run = this.queue.then(async () => {
      const state = await readGitState(this.root, { details: false });
      if (state.kind !== 'ok') {
        this.report(await readGitState(this.root));
        return false;
      }
      for (const file of files) this.pending.delete(file);
      return commitFiles(this.root, files, oneLine(message));
    });
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async commitPending(): Promise<void> {
    const state = await readGitState(this.root, { details: false });
    if (state.kind !== 'ok') return this.report(await readGitState(this.root));
    const batch = new Map(this.pending);
    // The app's own files (its .gitignore lines) go with the stories, or alone when no story waits.
    const files = [...batch.keys(), ...APP_FILES.filter((file) => !batch.has(file))];
    const message = batch.size ? commitMessage(batch) : 'vault: Story Bank settings';
    try {
      await commitFiles(this.root, files, message);
      for (const [file, title] of batch) if (this.pending.get(file) === title) this.pending.delete(file);
      this.report(await readGitState(this.root));
    } catch (error) {
      this.report({
        kind: 'locked',
        message: `git could not commit: ${(error as Error).message}`,
        fix: 'Check the repository with `git status`.',
      });
    }
  }

  private report(state: GitState): void {
    this.state = { ...state, pending: this.pendingFiles() };
    this.onState(this.state);
  }
}

/**
 * `story: <title>` for one story; several get their titles in the subject and files in the body.
 * Titles are made one line: a title from a file edited elsewhere can hold a NUL (git refuses the
 * message) or line breaks (which could add trailers such as Signed-off-by).
 */
export function commitMessage(changes: Map<string, string>): string {
  const titles = [...new Set([...changes.values()].map((title) => oneLine(title) || 'untitled'))].sort();
  const files = [...changes.keys()].sort();
  const subject = `story: ${titles.join('; ')}`;
  return titles.length > 1 ? `${subject}\n\n${files.map((file) => `- ${oneLine(file)}`).join('\n')}` : subject;
}
