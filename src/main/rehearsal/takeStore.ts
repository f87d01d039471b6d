import { randomBytes } from 'node:crypto';
import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  MAX_TAKE_CHUNK_BYTES,
  type AppendedChunk,
  type DeletedTake,
  type FinishedTake,
  type StartedTake,
  type StoredTake,
  type TakeList,
  type TakeProblem,
} from '../../core/api';
import { StoryBankError } from '../../core/apiError';
import {
  MAX_STATUS_REASON,
  MAX_TAKE_MS,
  TAKE_SIDECAR_VERSION,
  emptyTiming,
  mediaUrlPath,
  takeStem,
  type TakeMode,
  type TakeSidecar,
  type TakeStatus,
  type TakeTiming,
} from '../../core/rehearsal/take';
import { takeSidecarSchema } from '../../core/rehearsal/takeSchema';
import { STORY_ID_PATTERN } from '../../core/story';
import { atomicWriteFile } from '../fs/atomicWrite';
import { readFileNoFollow } from '../fs/noLinks';
import { nodeTakeFileSystem, type RecordingFile, type TakeFileSystem } from './takeFileSystem';
import { ioError, parseTakeFile, rehearsalsRoot, takeDir, type TakeDir } from './takePaths';

/** Takes open at once (a whole-bank rehearsal may start the next story before the last is written). */
export const MAX_OPEN_TAKES = 4;
/** Largest recording one take may grow to. */
export const MAX_TAKE_BYTES = 4 * 1024 * 1024 * 1024;
/** A sidecar larger than this is not one of ours (the bounded schema stays far below it). */
const MAX_SIDECAR_BYTES = 512 * 1024;
/** A recording that received no chunk for this long was abandoned (its page closed or crashed). */
export const DEFAULT_IDLE_MS = 15 * 60 * 1000;
/**
 * At start-up, a `recording` take whose recording changed more recently than this may belong to
 * another running Story Bank on the same vault: it is left alone.
 */
const RECENT_WRITE_MS = 10_000;
/** A webm (EBML) file's first four bytes. */
const EBML_MAGIC = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

export interface TakeStoreOptions {
  vaultRoot: string;
  /** The story's title and file; undefined when the vault has no such story. */
  story(storyId: string): { title: string; file: string } | undefined;
  /** The last commit of the story's file (pending saves committed first), or null. */
  revision(storyId: string): Promise<string | null>;
  /** Commits exactly these vault-relative files. */
  commit(files: string[], message: string): Promise<{ committed: boolean; message: string }>;
  /** A take of the story was added, ended or removed. */
  changed(storyId: string): void;
  fs?: TakeFileSystem;
  now?: () => Date;
  /** A recording take with no chunk for this long is ended as interrupted. */
  idleMs?: number;
  /** Any take open this long is ended as interrupted. */
  maxOpenMs?: number;
}

interface TakeInfo {
  storyId: string;
  dir: TakeDir;
  stem: string;
  date: string;
  revision: string | null;
  mode: TakeMode;
  mediaFile: string | null;
}

interface OpenTake extends TakeInfo {
  id: string;
  startedAt: number;
  file: RecordingFile | null;
  nextSeq: number;
  bytes: number;
  lastWriteAt: number;
  queue: Promise<unknown>;
  timer: NodeJS.Timeout | undefined;
  ended: boolean;
}

/**
 * Rehearsal takes on disk: `rehearsals/<story-id>/<stem>.webm` (git-ignored) and
 * `<stem>.json` (committed). Recordings arrive as numbered chunks, each flushed to disk before it
 * is acknowledged, so a crash loses at most the chunk in flight; whatever ends a take (finish,
 * abort, an abandoned page, quitting, a crash found at the next start) leaves a playable file and
 * a sidecar that says how the take ended. All paths are made here from a checked story id and a
 * time stamp; none comes from the caller.
 */
export class TakeStore {
  private readonly open = new Map<string, OpenTake>();
  /** Stems being claimed by a start in progress, so two starts never pick the same one. */
  private readonly claimed = new Set<string>();
  private readonly fs: TakeFileSystem;
  private readonly now: () => Date;
  /** Start-up recovery; every call that reads the folder waits for it. */
  private ready: Promise<void> = Promise.resolve();

  constructor(private readonly options: TakeStoreOptions) {
    this.fs = options.fs ?? nodeTakeFileSystem;
    this.now = options.now ?? (() => new Date());
  }

  /** Finds takes left open by a crash and ends them as interrupted (in the background). */
  startRecovery(): Promise<void> {
    this.ready = this.recover().then(
      () => undefined,
      (error: unknown) => console.error('story-bank rehearsals: recovery failed:', error),
    );
    return this.ready;
  }

  async start(storyId: string, mimeType: string | null): Promise<StartedTake> {
    await this.ready;
    if (this.open.size >= MAX_OPEN_TAKES)
      throw new StoryBankError('conflict', `${MAX_OPEN_TAKES} takes are already recording; finish one first`);
    const story = this.options.story(storyId);
    if (!story) throw new StoryBankError('not-found', `no story has the id "${storyId}"`);
    const dir = (await takeDir(this.options.vaultRoot, storyId, true))!;
    const revision = await this.options.revision(storyId);
    const started = this.now();
    const stem = await this.claimStem(dir, started);
    const mode: TakeMode =
      mimeType === null ? 'no-recording' : /^audio\//i.test(mimeType) ? 'mic-only' : 'camera-and-mic';
    const take: OpenTake = {
      id: randomBytes(16).toString('hex'),
      storyId,
      dir,
      stem,
      date: started.toISOString(),
      revision,
      mode,
      mediaFile: mimeType === null ? null : `${stem}.webm`,
      startedAt: Date.now(),
      file: null,
      nextSeq: 0,
      bytes: 0,
      lastWriteAt: Date.now(),
      queue: Promise.resolve(),
      timer: undefined,
      ended: false,
    };
    const sidecarPath = join(dir.absolute, `${stem}.json`);
    let sidecarWritten = false;
    try {
      // Written first and as a new file: a crash from here on leaves a take to recover, never a stray file.
      const first = sidecarText(this.sidecarOf(take, 'recording', '', undefined, null, false));
      await atomicWriteFile(sidecarPath, first, undefined, { replace: false });
      sidecarWritten = true;
      if (take.mediaFile) take.file = await this.fs.create(join(dir.absolute, take.mediaFile));
    } catch (error) {
      // Only our own sidecar: whatever was already there under that name is not ours to remove.
      if (sidecarWritten) await rm(sidecarPath, { force: true }).catch(() => {});
      throw ioError(`could not start a take in ${dir.relative}`, error as NodeJS.ErrnoException);
    } finally {
      this.claimed.delete(`${storyId}/${stem}`);
    }
    this.open.set(take.id, take);
    this.arm(take);
    this.options.changed(storyId);
    return {
      takeId: take.id,
      storyId,
      file: `${stem}.json`,
      media: take.mediaFile,
      date: take.date,
      revision,
      maxChunkBytes: MAX_TAKE_CHUNK_BYTES,
    };
  }

  /**
   * Appends chunk `seq` of a recording and flushes it to disk. Calls are queued per take in the
   * order they arrive (this method enqueues before its first await), so chunks sent back to back
   * are written in order.
   */
  append(takeId: string, seq: number, base64: string): Promise<AppendedChunk> {
    const take = this.open.get(takeId);
    if (!take) return Promise.reject(noSuchTake());
    return this.enqueue(take, async () => {
      if (take.ended) throw noSuchTake();
      if (!take.file) throw new StoryBankError('bad-request', 'this take records timing only; it has no recording');
      if (seq < take.nextSeq) return { seq, bytes: take.bytes, duplicate: true };
      if (seq > take.nextSeq)
        throw new StoryBankError(
          'conflict',
          `chunk ${seq} arrived, but chunk ${take.nextSeq} was expected next; send ${take.nextSeq} first`,
        );
      const bytes = Buffer.from(base64, 'base64');
      if (bytes.length > MAX_TAKE_CHUNK_BYTES)
        throw new StoryBankError('bad-request', `a chunk is at most ${MAX_TAKE_CHUNK_BYTES} bytes`);
      // The file's first four bytes must be EBML's; MediaRecorder may hand over a first piece
      // shorter than that, so each piece is checked for the part of the magic it carries.
      if (take.bytes < EBML_MAGIC.length) {
        const expected = EBML_MAGIC.subarray(take.bytes, take.bytes + bytes.length);
        if (!bytes.subarray(0, expected.length).equals(expected))
          throw new StoryBankError('bad-request', 'the recording does not start like a webm file');
      }
      if (take.bytes + bytes.length > MAX_TAKE_BYTES)
        throw new StoryBankError('bad-request', 'the recording is larger than a take may be (4 GiB); stop the take');
      try {
        await take.file.write(bytes, take.bytes);
        await take.file.sync();
      } catch (error) {
        // Back to the last whole chunk, so the file on disk is what was acknowledged.
        await take.file.truncate(take.bytes).catch(() => {});
        await take.file.sync().catch(() => {});
        throw diskError(error as NodeJS.ErrnoException, take, seq);
      }
      take.bytes += bytes.length;
      take.nextSeq += 1;
      take.lastWriteAt = Date.now();
      return { seq, bytes: take.bytes, duplicate: false };
    });
  }

  /** Ends a take normally: the recording is made seekable, the sidecar written and committed. */
  finish(takeId: string, timing: TakeTiming): Promise<FinishedTake> {
    const take = this.open.get(takeId);
    if (!take) return Promise.reject(noSuchTake());
    return this.enqueue(take, () => this.end(take, 'complete', '', timing));
  }

  /** Ends a take that failed; what was recorded is kept and the sidecar says why it stopped. */
  abort(takeId: string, reason: string, timing?: TakeTiming): Promise<FinishedTake> {
    const take = this.open.get(takeId);
    if (!take) return Promise.reject(noSuchTake());
    return this.enqueue(take, () => this.end(take, 'interrupted', reason, timing));
  }

  /** A story's takes, newest first; files that are not readable takes are listed as problems. */
  async list(storyId: string): Promise<TakeList> {
    await this.ready;
    let dir: TakeDir | null;
    try {
      dir = await takeDir(this.options.vaultRoot, storyId, false);
    } catch (error) {
      if (!(error instanceof StoryBankError) || error.code !== 'bad-request') throw error;
      return { takes: [], problems: [{ file: storyId, path: `rehearsals/${storyId}`, message: error.message }] };
    }
    if (!dir) return { takes: [], problems: [] };
    const stems = new Map<string, { json: boolean; webm: boolean }>();
    for (const name of await readdir(dir.absolute)) {
      const parsed = parseTakeFile(name);
      if (!parsed) continue;
      const entry = stems.get(parsed.stem) ?? { json: false, webm: false };
      entry[parsed.kind] = true;
      stems.set(parsed.stem, entry);
    }
    const takes: StoredTake[] = [];
    const problems: TakeProblem[] = [];
    for (const [stem, present] of [...stems].sort(([a], [b]) => b.localeCompare(a))) {
      const json = `${stem}.json`;
      if (!present.json) {
        problems.push({
          file: `${stem}.webm`,
          path: `${dir.relative}/${stem}.webm`,
          message: 'a recording without its sidecar (no timing or notes); delete it if you do not need it',
        });
        continue;
      }
      const read = await readSidecar(dir, json, storyId);
      if ('message' in read) {
        problems.push({ file: json, path: `${dir.relative}/${json}`, message: read.message });
        continue;
      }
      const take = await this.stored(dir, stem, read.sidecar);
      if ('message' in take) problems.push(take);
      else takes.push(take);
    }
    takes.sort((a, b) => b.sidecar.date.localeCompare(a.sidecar.date) || b.file.localeCompare(a.file));
    return { takes, problems };
  }

  /** Removes a take's recording and sidecar together, and commits the sidecar's removal. */
  async delete(storyId: string, takeFile: string): Promise<DeletedTake> {
    await this.ready;
    const parsed = parseTakeFile(takeFile);
    if (!parsed) throw new StoryBankError('bad-request', `${takeFile} is not a take's file`);
    const { stem } = parsed;
    if ([...this.open.values()].some((take) => take.storyId === storyId && take.stem === stem))
      throw new StoryBankError('conflict', 'this take is still recording; stop it first');
    const dir = await takeDir(this.options.vaultRoot, storyId, false);
    if (!dir) throw new StoryBankError('not-found', `story ${storyId} has no takes`);
    const present: string[] = [];
    // Check both before removing either: a take goes as a whole or not at all.
    for (const name of [`${stem}.webm`, `${stem}.json`]) {
      const info = await lstat(join(dir.absolute, name)).catch(() => null);
      if (!info) continue;
      if (!info.isFile())
        throw new StoryBankError(
          'bad-request',
          `${dir.relative}/${name} is ${info.isSymbolicLink() ? 'a symbolic link' : 'not a file'}; nothing was removed`,
        );
      present.push(name);
    }
    if (present.length === 0) throw new StoryBankError('not-found', `no take ${stem} of ${storyId}`);
    const removed: string[] = [];
    for (const name of present) {
      await rm(join(dir.absolute, name)).catch((error: NodeJS.ErrnoException) => {
        throw ioError(`could not remove ${dir.relative}/${name}`, error);
      });
      removed.push(`${dir.relative}/${name}`);
    }
    const sidecar = `${dir.relative}/${stem}.json`;
    const git = removed.includes(sidecar)
      ? await this.options.commit([sidecar], `rehearsal: remove a take of ${this.titleOf(storyId)}`)
      : { committed: false, message: 'no sidecar to commit' };
    this.options.changed(storyId);
    return { removed, committed: git.committed, gitMessage: git.message };
  }

  /**
   * Replaces a finished take's notes (written after the take, in its summary or history) and
   * commits the sidecar. The rest of the sidecar is kept as it was read.
   */
  async updateNotes(storyId: string, takeFile: string, notes: string): Promise<StoredTake> {
    await this.ready;
    const parsed = parseTakeFile(takeFile);
    if (!parsed) throw new StoryBankError('bad-request', `${takeFile} is not a take's file`);
    const { stem } = parsed;
    if ([...this.open.values()].some((take) => take.storyId === storyId && take.stem === stem))
      throw new StoryBankError('conflict', 'this take is still recording; add notes when it has ended');
    const dir = await takeDir(this.options.vaultRoot, storyId, false);
    if (!dir) throw new StoryBankError('not-found', `story ${storyId} has no takes`);
    const json = `${stem}.json`;
    const read = await readSidecar(dir, json, storyId);
    if ('message' in read) throw new StoryBankError('not-found', read.message);
    const sidecar = takeSidecarSchema.parse({ ...read.sidecar, notes });
    const relative = `${dir.relative}/${json}`;
    if (read.sidecar.notes !== notes) {
      try {
        await atomicWriteFile(join(dir.absolute, json), sidecarText(sidecar));
      } catch (error) {
        throw ioError(`could not write ${relative}`, error as NodeJS.ErrnoException);
      }
      await this.options.commit([relative], `rehearsal: notes on a take of ${this.titleOf(storyId)}`);
      this.options.changed(storyId);
    }
    const stored = await this.stored(dir, stem, sidecar);
    if ('message' in stored) throw new StoryBankError('io', stored.message);
    return stored;
  }

  /** Ends every open take as interrupted (on quit); each keeps what it recorded. */
  async close(): Promise<void> {
    await this.ready;
    const reason = 'Story Bank was closed during the take; the recording up to then is kept';
    await Promise.all(
      [...this.open.values()].map((take) =>
        this.enqueue(take, () => this.end(take, 'interrupted', reason)).catch((error: unknown) =>
          console.error('story-bank rehearsals: could not end a take on close:', error),
        ),
      ),
    );
  }

  /** Ids of takes open now (for tests and diagnostics). */
  openTakes(): string[] {
    return [...this.open.keys()];
  }

  private enqueue<T>(take: OpenTake, job: () => Promise<T>): Promise<T> {
    const run = take.queue.then(job);
    take.queue = run.catch(() => {});
    return run;
  }

  private async end(take: OpenTake, status: TakeStatus, reason: string, timing?: TakeTiming): Promise<FinishedTake> {
    if (take.ended) throw noSuchTake();
    take.ended = true;
    clearTimeout(take.timer);
    this.open.delete(take.id);
    await take.file?.close().catch(() => {});
    return this.finalize(take, status, reason, timing, Date.now() - take.startedAt);
  }

  /** Makes the recording seekable, writes the sidecar for good and commits it. */
  private async finalize(
    info: TakeInfo,
    status: TakeStatus,
    reason: string,
    timing: TakeTiming | undefined,
    elapsedMs: number,
  ): Promise<FinishedTake> {
    let media = info.mediaFile;
    let seekable = false;
    let recordedMs: number | null = null;
    let mediaMessage = 'no recording: this take has timing only';
    if (media) {
      const path = join(info.dir.absolute, media);
      const found = await lstat(path).catch(() => null);
      if (!found?.isFile()) {
        mediaMessage = 'the recording is missing';
        media = null;
      } else if (found.size === 0) {
        await rm(path, { force: true });
        mediaMessage = 'nothing was recorded; the empty file was removed';
        media = null;
      } else {
        // Loaded when a take ends, not at start-up: ts-ebml and its decoders take ~50 ms to load.
        const { makeWebmSeekable } = await import('./webmSeekable');
        const fixed = await makeWebmSeekable(path);
        seekable = fixed.seekable;
        recordedMs = fixed.durationMs;
        mediaMessage = fixed.message;
      }
    }
    const fallbackMs = Math.min(Math.max(0, Math.round(recordedMs ?? elapsedMs)), MAX_TAKE_MS);
    const sidecar = this.sidecarOf(info, status, reason, timing, media, seekable, fallbackMs);
    const relative = `${info.dir.relative}/${info.stem}.json`;
    try {
      await atomicWriteFile(join(info.dir.absolute, `${info.stem}.json`), sidecarText(sidecar));
    } catch (error) {
      const failure = ioError(`could not write ${relative}`, error as NodeJS.ErrnoException);
      throw new StoryBankError(
        'io',
        `${failure.message}. The recording is kept; the take will be finished as interrupted at the next start.`,
      );
    }
    const title = this.titleOf(info.storyId);
    const git = await this.options.commit(
      [relative],
      `rehearsal: ${title}${status === 'interrupted' ? ' (interrupted)' : ''}`,
    );
    this.options.changed(info.storyId);
    const stored = await this.stored(info.dir, info.stem, sidecar);
    if ('message' in stored) throw new StoryBankError('io', stored.message);
    return { take: stored, committed: git.committed, gitMessage: git.message, mediaMessage };
  }

  private sidecarOf(
    info: TakeInfo,
    status: TakeStatus,
    reason: string,
    timing: TakeTiming | undefined,
    media: string | null,
    seekable: boolean,
    fallbackMs = 0,
  ): TakeSidecar {
    const measured = timing ?? { ...emptyTiming(info.mode), durationMs: fallbackMs };
    // A take without a recording is "no recording", whatever the page thought it was recording.
    const mode: TakeMode =
      media === null && status !== 'recording'
        ? 'no-recording'
        : measured.mode === 'no-recording'
          ? info.mode
          : measured.mode;
    return takeSidecarSchema.parse({
      ...measured,
      mode,
      version: TAKE_SIDECAR_VERSION,
      storyId: info.storyId,
      date: info.date,
      revision: info.revision,
      status,
      statusReason: reason.slice(0, MAX_STATUS_REASON),
      media,
      mediaSeekable: media !== null && seekable,
    });
  }

  private async stored(dir: TakeDir, stem: string, sidecar: TakeSidecar): Promise<StoredTake | TakeProblem> {
    const take: StoredTake = {
      storyId: sidecar.storyId,
      file: `${stem}.json`,
      path: `${dir.relative}/${stem}.json`,
      sidecar,
      media: null,
    };
    const mediaFile = `${stem}.webm`;
    const info = await lstat(join(dir.absolute, mediaFile)).catch(() => null);
    if (info && !info.isFile())
      return {
        file: mediaFile,
        path: `${dir.relative}/${mediaFile}`,
        message: `${dir.relative}/${mediaFile} is ${info.isSymbolicLink() ? 'a symbolic link (not followed)' : 'not a file'}`,
      };
    if (info)
      take.media = {
        file: mediaFile,
        path: `${dir.relative}/${mediaFile}`,
        bytes: info.size,
        url: mediaUrlPath(sidecar.storyId, mediaFile),
      };
    return take;
  }

  private titleOf(storyId: string): string {
    return this.options.story(storyId)?.title ?? storyId;
  }

  /** The take's stem: its start second, with -2, -3… when that is taken on disk or being claimed. */
  private async claimStem(dir: TakeDir, started: Date): Promise<string> {
    const base = takeStem(started);
    for (let n = 1; n < 100; n += 1) {
      const stem = n === 1 ? base : `${base}-${n}`;
      const key = `${dir.relative.slice('rehearsals/'.length)}/${stem}`;
      if (this.claimed.has(key)) continue;
      this.claimed.add(key);
      const taken = await Promise.all(
        ['json', 'webm'].map((ext) =>
          lstat(join(dir.absolute, `${stem}.${ext}`)).then(
            () => true,
            () => false,
          ),
        ),
      );
      if (!taken.includes(true)) return stem;
      this.claimed.delete(key);
    }
    throw new StoryBankError('conflict', 'too many takes started in the same second');
  }

  /** Ends a take nobody is feeding: its page was closed or crashed, or it ran for hours. */
  private arm(take: OpenTake): void {
    const idleMs = this.options.idleMs ?? DEFAULT_IDLE_MS;
    const maxOpenMs = this.options.maxOpenMs ?? MAX_TAKE_MS;
    const check = (): void => {
      if (take.ended) return;
      const now = Date.now();
      const idle = take.file !== null && now - take.lastWriteAt >= idleMs;
      const tooLong = now - take.startedAt >= maxOpenMs;
      if (idle || tooLong) {
        const reason = idle
          ? `no recording arrived for ${Math.round(idleMs / 1000)} s (the page was closed or lost its device); the recording up to then is kept`
          : 'the take ran longer than a take may; the recording up to then is kept';
        void this.enqueue(take, () => this.end(take, 'interrupted', reason)).catch((error: unknown) =>
          console.error('story-bank rehearsals: could not end an abandoned take:', error),
        );
        return;
      }
      const next = Math.min(take.file ? take.lastWriteAt + idleMs - now : Infinity, take.startedAt + maxOpenMs - now);
      take.timer = setTimeout(check, Math.max(next, 10));
      take.timer.unref();
    };
    check();
  }

  /** At start-up: every `recording` sidecar no running take owns was left by a crash. */
  private async recover(): Promise<void> {
    const root = await rehearsalsRoot(this.options.vaultRoot, false).catch(() => null);
    if (!root) return;
    const folders = await readdir(root, { withFileTypes: true }).catch(() => []);
    for (const folder of folders) {
      if (!folder.isDirectory() || !STORY_ID_PATTERN.test(folder.name)) continue;
      const dir = await takeDir(this.options.vaultRoot, folder.name, false).catch(() => null);
      if (!dir) continue;
      for (const name of await readdir(dir.absolute).catch(() => [] as string[])) {
        // A temp copy (a seekable recording, a sidecar) being written when the crash came: the original is intact.
        if (/^\..*(\.fixing\.webm|\.(webm|json)\.[0-9a-f]{12}\.tmp)$/.test(name)) {
          await rm(join(dir.absolute, name), { force: true }).catch(() => {});
          continue;
        }
        const parsed = parseTakeFile(name);
        if (parsed?.kind !== 'json') continue;
        const read = await readSidecar(dir, name, folder.name);
        if ('message' in read || read.sidecar.status !== 'recording') continue;
        if ([...this.open.values()].some((take) => take.storyId === folder.name && take.stem === parsed.stem)) continue;
        const media = await lstat(join(dir.absolute, `${parsed.stem}.webm`)).catch(() => null);
        if (media && Date.now() - media.mtimeMs < RECENT_WRITE_MS) continue;
        const { sidecar } = read;
        await this.finalize(
          {
            storyId: sidecar.storyId,
            dir,
            stem: parsed.stem,
            date: sidecar.date,
            revision: sidecar.revision,
            mode: sidecar.mode,
            mediaFile: media ? `${parsed.stem}.webm` : null,
          },
          'interrupted',
          'Story Bank stopped before the take was finished (it was closed or crashed); the recording up to then is kept',
          undefined,
          0,
        ).catch((error: unknown) => console.error(`story-bank rehearsals: could not recover ${name}:`, error));
      }
    }
  }
}

function sidecarText(sidecar: TakeSidecar): string {
  return `${JSON.stringify(sidecar, null, 2)}\n`;
}

async function readSidecar(
  dir: TakeDir,
  name: string,
  storyId: string,
): Promise<{ sidecar: TakeSidecar } | { message: string }> {
  const path = join(dir.absolute, name);
  const info = await lstat(path).catch(() => null);
  if (!info) return { message: 'the sidecar is gone' };
  if (!info.isFile())
    return { message: `the sidecar is ${info.isSymbolicLink() ? 'a symbolic link (not followed)' : 'not a file'}` };
  if (info.size > MAX_SIDECAR_BYTES) return { message: `the sidecar is ${info.size} bytes; too large to be a take` };
  let data: unknown;
  try {
    data = JSON.parse((await readFileNoFollow(path))?.toString('utf8') ?? '');
  } catch (error) {
    return { message: `the sidecar is not valid JSON (${(error as Error).message})` };
  }
  const version = (data as { version?: unknown } | null)?.version;
  if (version !== TAKE_SIDECAR_VERSION)
    return {
      message:
        typeof version === 'number' && version > TAKE_SIDECAR_VERSION
          ? `the sidecar is version ${version}, written by a newer Story Bank`
          : 'the sidecar has no version 1: it was not written by Story Bank',
    };
  const parsed = takeSidecarSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { message: `the sidecar does not describe a take: ${issue.path.join('.') || 'file'}: ${issue.message}` };
  }
  if (parsed.data.storyId !== storyId)
    return { message: `the sidecar belongs to story "${parsed.data.storyId}", not to this folder's` };
  return { sidecar: parsed.data };
}

function noSuchTake(): StoryBankError {
  return new StoryBankError(
    'not-found',
    'no take is recording with that id (it was finished, or Story Bank restarted)',
  );
}

function diskError(error: NodeJS.ErrnoException, take: OpenTake, seq: number): StoryBankError {
  const kept = take.nextSeq
    ? `The recording so far (chunks 0–${take.nextSeq - 1}, ${take.bytes} bytes) is kept in ${take.dir.relative}/${take.mediaFile}`
    : 'Nothing had been recorded yet';
  if (error.code === 'ENOSPC' || error.code === 'EDQUOT')
    return new StoryBankError(
      'io',
      `The disk is full: chunk ${seq} could not be written. ${kept}. Stop the take, free some space and record again.`,
    );
  if (error.code === 'EIO')
    return new StoryBankError(
      'io',
      `The disk reported an error (EIO) writing chunk ${seq}. ${kept}. Stop the take and check the disk.`,
    );
  return ioError(`could not write chunk ${seq}. ${kept}`, error);
}
