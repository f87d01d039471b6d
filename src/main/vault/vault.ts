import { lstat, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SavedResult, StoriesChanged, VaultSnapshot, WatchState } from '../../core/api';
import { StoryBankError } from '../../core/apiError';
import type { FileProblem, Story, StoryRecord } from '../../core/story';
import { compareFiles } from '../../core/compareFiles';
import { storyFileName } from '../../core/storyFileName';
import { storyFileText } from '../../core/storyReadBack';
import { atomicWriteFile, nodeAtomicFileSystem, renameNoReplace, type AtomicFileSystem } from '../fs/atomicWrite';
import { readFileNoFollow } from '../fs/noLinks';
import { describeWriteError } from '../fs/writeError';
import { watchFolder, type FolderWatch } from '../fs/watchFolder';
import { isTracked } from '../git/commitFiles';
import { ensureRepository } from '../git/ensureRepository';
import { runGit } from '../git/runGit';
import { contentHash } from './hash';
import { parseStoryFile } from '../../core/frontmatter/parseStoryFile';
import { ParseCacheFile } from './parseCacheFile';
import { MAX_STORY_BYTES, StoryFileReader, type ReadOutcome } from './storyFileReader';
import { RecentVersions } from './recentVersions';
import { ensureVaultLayout, STORIES_DIR } from './vaultLayout';
import { watchFailureState } from './watchFailure';

/** Watcher events arriving this close together are reported as one change. */
const BATCH_MS = 15;
/** How long to wait before reporting a file that did not parse, in case it was mid-write. */
const RECHECK_MS = 100;
/** Names tried for one new or renamed file when others keep appearing on disk under them. */
const NAME_ATTEMPTS = 100;

/**
 * The vault: a folder of story files that is the single source of truth. It loads and validates
 * them, saves atomically, and turns every change on disk, whoever made it, into one event.
 */
export class Vault {
  private readonly records = new Map<string, StoryRecord>();
  /** Story id → file of its record, so looking a story up does not scan the whole vault. */
  private readonly fileById = new Map<string, string>();
  private readonly problems = new Map<string, FileProblem>();
  private readonly listeners = new Set<(change: StoriesChanged) => void>();
  private readonly pending = new Set<string>();
  /** Files that failed to parse once and get one more look before they are reported. */
  private readonly recheck = new Set<string>();
  private batchTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private watcher: FolderWatch | undefined;
  gitRoot: string | null = null;
  watchState: WatchState = { mode: 'native', message: '', fix: '' };
  private readonly watchListeners = new Set<(state: WatchState) => void>();
  /** Texts of story versions read or written lately, by hash: the bases of merges (see conflicts.ts). */
  readonly versions = new RecentVersions();
  private readonly reader: StoryFileReader;
  /** The writing of the first load's parses for the next run, awaited by `close`. */
  private parsesKept: Promise<void> = Promise.resolve();
  /** Saves and creations, one at a time: each chooses its file name from what the last one wrote. */
  private naming: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly root: string,
    /** How story files are written (tests make the disk fail through it). */
    readonly fileSystem: AtomicFileSystem = nodeAtomicFileSystem,
  ) {
    this.reader = new StoryFileReader(root, this.versions);
  }

  /** Opens `root` as a vault, setting it up first if it is not one yet. */
  static async open(root: string, options: { fileSystem?: AtomicFileSystem } = {}): Promise<Vault> {
    await ensureVaultLayout(root);
    const vault = new Vault(root, options.fileSystem);
    vault.gitRoot = await ensureRepository(root);
    vault.parsesKept = (await vault.loadAll()).kept;
    return vault;
  }

  /**
   * Reads a vault's stories without changing anything: no folders or .gitignore lines added, no
   * git, no watching. For `story-bank check`, which must leave the folder as it found it.
   */
  static async read(root: string): Promise<VaultSnapshot> {
    const info = await stat(join(root, STORIES_DIR)).catch(() => null);
    if (!info?.isDirectory())
      throw new StoryBankError('not-found', `${root} is not a Story Bank vault: it has no stories/ folder`);
    const vault = new Vault(root);
    await (
      await vault.loadAll()
    ).kept;
    return vault.snapshot();
  }

  snapshot(): VaultSnapshot {
    return {
      stories: [...this.records.values()].sort((a, b) => compareFiles(a.file, b.file)),
      problems: [...this.problems.values()].sort((a, b) => compareFiles(a.file, b.file)),
    };
  }

  findById(id: string): StoryRecord | undefined {
    const file = this.fileById.get(id);
    return file === undefined ? undefined : this.records.get(file);
  }

  onChange(listener: (change: StoriesChanged) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Watches `stories/` so edits made in any other program reach the app as they happen; resolves
   * once the watcher is ready. Whatever changed on disk between the load and then is caught by one
   * more look at every file (an unchanged file costs an lstat, fileStamps.ts) and reported as any
   * outside edit is.
   */
  async startWatching(usePolling = false): Promise<void> {
    if (this.watcher) return;
    this.watcher = await watchFolder(join(this.root, STORIES_DIR), {
      usePolling,
      // Hidden files and anything not .md: editor swap files, atomicWrite's temp files. A link
      // inside stories/ is listed as a problem, never read: nor is it watched through.
      ignored: (path, stats) => {
        const name = path.slice(path.lastIndexOf('/') + 1);
        return name.startsWith('.') || (stats?.isFile() === true && !name.endsWith('.md'));
      },
      onPath: (path) => this.queue(toVaultPath(this.root, path)),
      onError: (error) => void this.handleWatchError(error),
    });
    await this.lookAgainAtEveryFile();
  }

  private async lookAgainAtEveryFile(): Promise<void> {
    for (const file of [...this.records.keys(), ...this.problems.keys()]) this.queue(file);
    const entries = await readdir(join(this.root, STORIES_DIR)).catch(() => []);
    for (const name of entries) if (name.endsWith('.md') && !name.startsWith('.')) this.queue(`${STORIES_DIR}/${name}`);
  }

  /**
   * Native watching can fail when the system runs out of file handles (EMFILE) or of inotify
   * watches (ENOSPC). The user is told why and how to fix it, and the vault keeps noticing
   * outside edits by polling, and looks at everything once more so nothing slipped past meanwhile.
   */
  async handleWatchError(error: NodeJS.ErrnoException): Promise<void> {
    if (this.watchState.mode === 'polling') return;
    this.watchState = watchFailureState(error);
    await this.close();
    await this.startWatching(true);
    for (const listener of this.watchListeners) listener(this.watchState);
  }

  onWatchState(listener: (state: WatchState) => void): () => void {
    this.watchListeners.add(listener);
    return () => this.watchListeners.delete(listener);
  }

  async close(): Promise<void> {
    clearTimeout(this.batchTimer);
    await this.parsesKept;
    await this.watcher?.close();
    this.watcher = undefined;
  }

  /** The current text of a story's file, or null when the story has no file. */
  async currentText(id: string): Promise<{ file: string; text: string } | null> {
    const record = this.findById(id);
    if (!record) return null;
    const text = await this.readText(record.file);
    return text === null ? null : { file: record.file, text };
  }

  /**
   * Writes a story to its file (a new file for a new id), changing only what changed. When the
   * title changed, the file is renamed to match (with `git mv` when tracked, so history
   * follows); the id never changes. Unchanged content is not rewritten.
   */
  save(story: Story): Promise<SavedResult & { renamedFrom?: string }> {
    return this.oneAtATime(() => this.saveNow(story));
  }

  private async saveNow(story: Story): Promise<SavedResult & { renamedFrom?: string }> {
    const existing = this.findById(story.id);
    const previous = existing ? await this.readText(existing.file) : null;
    const text = storyFileText(story, previous, readBackWritable, { file: existing?.file });
    let file = existing?.file ?? (await this.freeFileName(story.title, ''));
    let renamedFrom: string | undefined;
    if (existing && existing.story.title !== story.title) {
      const wanted = await this.renameForTitle(story.title, existing.file);
      if (wanted !== existing.file) {
        renamedFrom = existing.file;
        file = wanted;
      }
    }
    if (previous !== null && existing && !renamedFrom && contentHash(previous) === contentHash(text)) {
      return { kind: 'saved', record: existing, written: false };
    }
    const record = await this.writeStoryText(file, text, renamedFrom);
    if (!record) throw new StoryBankError('internal', `the saved text of ${file} did not read back as a story`);
    return { kind: 'saved', record, written: true, ...(renamedFrom ? { renamedFrom } : {}) };
  }

  /**
   * Adds a story the vault does not have yet, in a new file named after its title behind
   * `prefix` (an ordering such as "03-"), with `appendix` (more markdown) after the sections.
   * Never replaces anything: an id in use is refused, a file name in use gets a number.
   */
  create(story: Story, options: { prefix?: string; appendix?: string } = {}): Promise<StoryRecord> {
    return this.oneAtATime(() => this.createNow(story, options));
  }

  private async createNow(story: Story, options: { prefix?: string; appendix?: string }): Promise<StoryRecord> {
    const clash = this.findById(story.id);
    if (clash) throw new StoryBankError('conflict', `the id "${story.id}" is already used by ${clash.file}`);
    const file = await this.freeFileName(story.title, options.prefix ?? '');
    const text = storyFileText(story, null, readBackWritable, { file, appendix: options.appendix });
    const record = await this.writeStoryText(file, text);
    if (!record) throw new StoryBankError('internal', `the new file ${file} did not read back as a story`);
    return record;
  }

  /**
   * Runs `job` in turn with saves and creations, for work elsewhere that chooses a story's file or
   * id (a restore, a change of id): `job` must not call `save` or `create`, which wait for it.
   */
  serialized<T>(job: () => Promise<T>): Promise<T> {
    return this.oneAtATime(job);
  }

  /** A free `stories/<slug>.md` for `title`: no vault file and nothing on disk has the name. */
  freeStoryFile(title: string): Promise<string> {
    return this.freeFileName(title, '');
  }

  /** Runs `job` after every save and creation before it has settled, whether it succeeded or not. */
  private oneAtATime<T>(job: () => Promise<T>): Promise<T> {
    const run = this.naming.then(job);
    this.naming = run.catch(() => undefined);
    return run;
  }

  /**
   * Writes `text` to a story file atomically and reports the result as a change. Used for saves,
   * merges and restores; the text need not be a valid story (a restored old version may not be).
   */
  async writeStoryText(file: string, text: string, replacing?: string): Promise<StoryRecord | null> {
    const absolute = join(this.root, file);
    // A file the vault does not know (a new story's) is never written over: should another
    // program make one under that name after it was chosen, this save fails instead (EEXIST).
    const replace = replacing !== undefined || this.records.has(file) || this.problems.has(file);
    try {
      await atomicWriteFile(absolute, text, this.fileSystem, { replace });
    } catch (error) {
      // The file on disk is as it was; the text stays in the editor to save again.
      throw new StoryBankError('io', `could not save ${file}: ${describeWriteError(error)}`);
    }
    const outcome = this.reader.outcomeOf(file, text, contentHash(text));
    if (replacing) this.apply(replacing, { kind: 'gone' });
    this.apply(file, outcome);
    this.emit({ upserted: outcome.kind === 'story' ? [outcome.record] : [], removed: replacing ? [replacing] : [] });
    return outcome.kind === 'story' ? outcome.record : null;
  }

  /** A story file this process removed: dropped now and reported (the watcher's unlink only confirms it). */
  dropFile(file: string): void {
    if (!this.records.has(file) && !this.problems.has(file)) return;
    this.apply(file, { kind: 'gone' });
    this.emit({ upserted: [], removed: [file] });
  }

  /**
   * Renames `current` after `title` and returns its new name (`current` when that is already
   * it). Never over an existing file: a name found taken on disk is passed over for the next.
   */
  private async renameForTitle(title: string, current: string): Promise<string> {
    const currentName = current.slice(current.lastIndexOf('/') + 1);
    // Keep an ordering prefix such as "03-" that the user gave their files.
    const prefix = /^\d+-/.exec(currentName)?.[0] ?? '';
    const onDisk = new Set<string>();
    for (let attempt = 0; attempt < NAME_ATTEMPTS; attempt += 1) {
      const wanted = await this.freeFileName(title, prefix, currentName, onDisk);
      if (wanted === current) return current;
      try {
        await this.renameFile(current, wanted);
        return wanted;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        onDisk.add(nameOf(wanted));
      }
    }
    throw new StoryBankError('io', `could not rename ${current}: every file name tried was taken on disk`);
  }

  /**
   * A name from `fileNameFor` that nothing on disk has either: a file another program (a sync, an
   * editor) made a moment ago may not have reached the vault through the watcher yet.
   */
  private async freeFileName(
    title: string,
    prefix: string,
    currentName?: string,
    onDisk = new Set<string>(),
  ): Promise<string> {
    for (let attempt = 0; attempt < NAME_ATTEMPTS; attempt += 1) {
      const file = this.fileNameFor(title, prefix, currentName, onDisk);
      if (nameOf(file) === currentName?.toLowerCase()) return file;
      if (!(await lstat(join(this.root, file)).catch(() => null))) return file;
      onDisk.add(nameOf(file));
    }
    throw new StoryBankError('io', `could not name a file for "${title}": every name tried was taken on disk`);
  }

  /** `stories/<prefix><slug>.md`, unique among the vault's files (and `alsoTaken`) other than `currentName`. */
  private fileNameFor(title: string, prefix: string, currentName?: string, alsoTaken?: Set<string>): string {
    const taken = this.takenNames();
    for (const name of alsoTaken ?? []) taken.add(name);
    if (currentName) taken.delete(currentName.toLowerCase());
    const samePrefix = [...taken].filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length));
    return `${STORIES_DIR}/${prefix}${storyFileName(title, new Set(samePrefix))}`;
  }

  private async renameFile(from: string, to: string): Promise<void> {
    try {
      if (this.gitRoot && (await isTracked(this.root, from))) {
        await runGit(this.root, ['mv', '--', from, to]);
        return;
      }
    } catch {
      // git refused (locked index, the name taken, …): a plain rename still keeps the user's text safe.
    }
    // Never over a file at `to` (EEXIST then, and another name is chosen).
    await renameNoReplace(join(this.root, from), join(this.root, to));
  }

  /**
   * A story file's text, or null when it is gone or no longer a regular file: a file replaced by
   * a link since it was loaded is not read through (its target's text would be saved into the vault).
   */
  private async readText(file: string): Promise<string | null> {
    const bytes = await readFileNoFollow(join(this.root, file)).catch(() => null);
    return bytes === null ? null : bytes.toString('utf8');
  }

  private takenNames(): Set<string> {
    const names = [...this.records.keys(), ...this.problems.keys()];
    return new Set(names.map((file) => file.slice(file.lastIndexOf('/') + 1).toLowerCase()));
  }

  /**
   * Reads every story file. Resolves once they are in, with the writing of what was parsed for
   * the next run (ParseCacheFile), which a long-lived vault need not wait for.
   */
  private async loadAll(): Promise<{ kept: Promise<void> }> {
    const cache = await ParseCacheFile.open(this.root);
    const hashes = new Set<string>();
    const names = await readdir(join(this.root, STORIES_DIR));
    const files = names
      .filter((name) => !name.startsWith('.') && name.endsWith('.md'))
      .map((name) => `${STORIES_DIR}/${name}`)
      .sort(compareFiles);
    const outcomes = await this.reader.readAll(files, hashes);
    // Applied in file order: of two files with one id, the first one wins.
    files.forEach((file, index) => this.apply(file, outcomes[index]));
    return { kept: cache.save(hashes, files) };
  }

  private queue(file: string): void {
    this.pending.add(file);
    clearTimeout(this.batchTimer);
    this.batchTimer = setTimeout(() => {
      // One flush at a time: two overlapping reads of one file could apply out of order.
      this.flushing = this.flushing
        .then(() => this.flush())
        .catch((error: unknown) => console.error('story-bank vault:', error));
    }, BATCH_MS);
  }

  private async flush(): Promise<void> {
    const files = [...this.pending].sort();
    this.pending.clear();
    const problemsBefore = JSON.stringify([...this.problems.values()]);
    const upserted: StoryRecord[] = [];
    const removed: string[] = [];
    for (const file of files) {
      const before = this.records.get(file);
      const outcome = await this.reader.read(file);
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
        if (clash && clash.file !== file && (await this.reader.read(clash.file)).kind === 'gone') {
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
    const previous = this.records.get(file);
    if (previous && this.fileById.get(previous.story.id) === file) this.fileById.delete(previous.story.id);
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
    this.fileById.set(outcome.record.story.id, file);
  }

  private emit(change: Omit<StoriesChanged, 'problems'>): void {
    const event: StoriesChanged = { ...change, problems: this.snapshot().problems };
    for (const listener of this.listeners) listener(event);
  }
}

/** The lower-cased file name of a vault path (names are compared as a case-blind disk would). */
function nameOf(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).toLowerCase();
}

/**
 * Reads a story text back before it is saved; a story that could never be stored (NUL characters, or larger than a story file can
 * be) is refused before anything is written or renamed: saved, it would replace a good file with
 * one the vault lists as broken.
 */
function readBackWritable(text: string): ReturnType<typeof parseStoryFile> {
  if (text.includes('\u0000')) throw new StoryBankError('bad-request', 'a story cannot hold NUL characters');
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_STORY_BYTES)
    throw new StoryBankError(
      'bad-request',
      `the story is too large to save (${(bytes / 1024 / 1024).toFixed(1)} MiB; a story file is at most 1 MiB)`,
    );
  return parseStoryFile(text);
}

function toVaultPath(root: string, absolute: string): string {
  return absolute
    .slice(root.length + 1)
    .split('\\')
    .join('/');
}
