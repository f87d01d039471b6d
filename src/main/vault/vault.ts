import { lstat, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import writeFileAtomic from 'write-file-atomic';
import type { SaveResult, StoriesChanged, VaultSnapshot } from '../../core/api';
import { StoryBankError } from '../../core/apiError';
import type { FileProblem, Story, StoryRecord } from '../../core/story';
import { patchStoryFile } from '../../core/patchStoryFile';
import { renderStoryFile } from '../../core/storyFile';
import { storyFileName } from '../../core/storyFileName';
import { ensureRepository } from '../git/ensureRepository';
import { contentHash } from './hash';
import { parseStoryFile } from './parseStoryFile';
import { ensureVaultLayout, STORIES_DIR } from './vaultLayout';

/** A story file larger than this is surely not a story; it is listed, not parsed. */
const MAX_STORY_BYTES = 1024 * 1024;
/** Watcher events arriving this close together are reported as one change. */
const BATCH_MS = 15;
/** How long to wait before reporting a file that did not parse, in case it was mid-write. */
const RECHECK_MS = 100;

type ReadOutcome =
  { kind: 'story'; record: StoryRecord } | { kind: 'problem'; problem: FileProblem } | { kind: 'gone' };

/**
 * The vault: a folder of story files that is the single source of truth. It loads and validates
 * them, saves atomically, and turns every change on disk, whoever made it, into one event.
 */
export class Vault {
  private readonly records = new Map<string, StoryRecord>();
  private readonly problems = new Map<string, FileProblem>();
  private readonly listeners = new Set<(change: StoriesChanged) => void>();
  private readonly pending = new Set<string>();
  /** Files that failed to parse once and get one more look before they are reported. */
  private readonly recheck = new Set<string>();
  private batchTimer: NodeJS.Timeout | undefined;
  private watcher: FSWatcher | undefined;
  gitRoot: string | null = null;

  private constructor(readonly root: string) {}

  /** Opens `root` as a vault, setting it up first if it is not one yet. */
  static async open(root: string): Promise<Vault> {
    await ensureVaultLayout(root);
    const vault = new Vault(root);
    vault.gitRoot = await ensureRepository(root);
    await vault.loadAll();
    return vault;
  }

  snapshot(): VaultSnapshot {
    return {
      stories: [...this.records.values()].sort((a, b) => a.file.localeCompare(b.file)),
      problems: [...this.problems.values()].sort((a, b) => a.file.localeCompare(b.file)),
    };
  }

  findById(id: string): StoryRecord | undefined {
    for (const record of this.records.values()) if (record.story.id === id) return record;
    return undefined;
  }

  onChange(listener: (change: StoriesChanged) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Watches `stories/` so edits made in any other program reach the app as they happen. */
  async startWatching(): Promise<void> {
    if (this.watcher) return;
    const storiesDir = join(this.root, STORIES_DIR);
    const watcher = watch(storiesDir, {
      ignoreInitial: true,
      depth: 0,
      // Hidden files and anything not .md: editor swap files, write-file-atomic's temp files.
      ignored: (path, stats) => {
        const name = path.slice(path.lastIndexOf('/') + 1);
        return name.startsWith('.') || (stats?.isFile() === true && !name.endsWith('.md'));
      },
    });
    const queue = (path: string): void => this.queue(toVaultPath(this.root, path));
    watcher.on('add', queue).on('change', queue).on('unlink', queue);
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    this.watcher = watcher;
  }

  async close(): Promise<void> {
    clearTimeout(this.batchTimer);
    await this.watcher?.close();
    this.watcher = undefined;
  }

  /** Writes a story to its file (a new file for a new id). Unchanged content is not rewritten. */
  async save(story: Story): Promise<SaveResult> {
    const existing = this.findById(story.id);
    const file = existing?.file ?? `${STORIES_DIR}/${storyFileName(story.title, this.takenNames())}`;
    const absolute = join(this.root, file);
    const previous = existing ? await readFile(absolute, 'utf8').catch(() => null) : null;
    // An existing file is patched, so text the app does not manage survives byte for byte.
    const text = previous === null ? renderStoryFile(story) : patchStoryFile(previous, story);
    const hash = contentHash(text);
    if (previous !== null && contentHash(previous) === hash && existing) return { record: existing, written: false };
    try {
      await writeFileAtomic(absolute, text, { fsync: true });
    } catch (error) {
      throw new StoryBankError('io', `could not save ${file}: ${(error as Error).message}`);
    }
    const record: StoryRecord = { file, story, hash };
    this.records.set(file, record);
    this.problems.delete(file);
    this.emit({ upserted: [record], removed: [] });
    return { record, written: true };
  }

  private takenNames(): Set<string> {
    const names = [...this.records.keys(), ...this.problems.keys()];
    return new Set(names.map((file) => file.slice(file.lastIndexOf('/') + 1).toLowerCase()));
  }

  private async loadAll(): Promise<void> {
    const entries = await readdir(join(this.root, STORIES_DIR), { withFileTypes: true });
    const files = entries
      .filter((entry) => !entry.name.startsWith('.') && entry.name.endsWith('.md'))
      .map((entry) => `${STORIES_DIR}/${entry.name}`)
      .sort();
    for (const file of files) this.apply(file, await this.readOne(file));
  }

  private queue(file: string): void {
    this.pending.add(file);
    clearTimeout(this.batchTimer);
    this.batchTimer = setTimeout(() => void this.flush(), BATCH_MS);
  }

  private async flush(): Promise<void> {
    const files = [...this.pending].sort();
    this.pending.clear();
    const problemsBefore = JSON.stringify([...this.problems.values()]);
    const upserted: StoryRecord[] = [];
    const removed: string[] = [];
    for (const file of files) {
      const before = this.records.get(file);
      const outcome = await this.readOne(file);
      // An editor writing in place can be caught mid-write (an empty or half file): look again
      // shortly before calling the file broken.
      if (outcome.kind === 'problem' && !this.recheck.has(file)) {
        this.recheck.add(file);
        setTimeout(() => this.queue(file), RECHECK_MS);
        continue;
      }
      this.recheck.delete(file);
      // Our own save already reported this content; the watcher only confirms it.
      if (outcome.kind === 'story' && before?.hash === outcome.record.hash) continue;
      if (outcome.kind === 'story') {
        // A rename shows up as the new file first; the old one's unlink may come later.
        const clash = this.findById(outcome.record.story.id);
        if (clash && clash.file !== file && (await this.readOne(clash.file)).kind === 'gone') {
          this.apply(clash.file, { kind: 'gone' });
          removed.push(clash.file);
        }
      }
      this.apply(file, outcome);
      if (outcome.kind === 'story' && this.records.get(file) === outcome.record) upserted.push(outcome.record);
      else if (before) removed.push(file);
    }
    const problemsChanged = JSON.stringify([...this.problems.values()]) !== problemsBefore;
    if (upserted.length || removed.length || problemsChanged) this.emit({ upserted, removed });
  }

  private apply(file: string, outcome: ReadOutcome): void {
    this.records.delete(file);
    this.problems.delete(file);
    if (outcome.kind === 'gone') return;
    if (outcome.kind === 'problem') {
      this.problems.set(file, outcome.problem);
      return;
    }
    const clash = this.findById(outcome.record.story.id);
    if (clash) {
      this.problems.set(file, {
        file,
        line: 2,
        field: 'id',
        message: `the id "${outcome.record.story.id}" is already used by ${clash.file}`,
      });
      return;
    }
    this.records.set(file, outcome.record);
  }

  private async readOne(file: string): Promise<ReadOutcome> {
    const absolute = join(this.root, file);
    const info = await lstat(absolute).catch(() => null);
    if (!info) return { kind: 'gone' };
    if (!info.isFile()) {
      const what = info.isSymbolicLink() ? 'a symbolic link (not followed)' : 'not a regular file';
      return { kind: 'problem', problem: { file, line: 1, message: `${file} is ${what}` } };
    }
    if (info.size > MAX_STORY_BYTES) {
      return {
        kind: 'problem',
        problem: { file, line: 1, message: `the file is ${info.size} bytes; a story file is at most 1 MiB` },
      };
    }
    const bytes = await readFile(absolute).catch(() => null);
    if (!bytes) return { kind: 'gone' };
    const parsed = parseStoryFile(bytes.toString('utf8'));
    if (!parsed.ok) {
      const { line, field, message } = parsed;
      return { kind: 'problem', problem: { file, line, ...(field ? { field } : {}), message } };
    }
    return { kind: 'story', record: { file, story: parsed.story, hash: contentHash(bytes) } };
  }

  private emit(change: Omit<StoriesChanged, 'problems'>): void {
    const event: StoriesChanged = { ...change, problems: this.snapshot().problems };
    for (const listener of this.listeners) listener(event);
  }
}

function toVaultPath(root: string, absolute: string): string {
  return absolute
    .slice(root.length + 1)
    .split('\\')
    .join('/');
}
