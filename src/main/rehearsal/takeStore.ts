import { randomBytes } from 'node:crypto';
import { lstat, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  MAX_TAKE_CHUNK_BYTES,
  type AppendedChunk,
  type DeletedTake,
  type FinishedTake,
  type StartedTake,
  type StoredTake,
  type TakeList,
} from '../../core/api';
import { StoryBankError } from '../../core/apiError';
import type { DrillRecord } from '../../core/drill/drillRecord';
import { applyRubricChecks } from '../../core/drill/rubric';
import {
  MAX_TAKE_MS,
  takeStem,
  type TakeMode,
  type TakeSidecar,
  type TakeStatus,
  type TakeTiming,
} from '../../core/rehearsal/take';
import { takeSidecarSchema } from '../../core/rehearsal/takeSchema';
import { atomicWriteFile } from '../fs/atomicWrite';
import { finalizeTake } from './finalizeTake';
import { nodeTakeFileSystem, type RecordingFile, type TakeFileSystem } from './takeFileSystem';
import { ioError, parseTakeFile, takeDir, type TakeDir } from './takePaths';
import { listTakes } from './listTakes';
import { recoverTakes } from './takeRecovery';
import { readSidecar, sidecarOf, sidecarText, storedTake, type TakeInfo } from './takeSidecarFile';

/** Takes open at once (a whole-bank rehearsal may start the next story before the last is written). */
export const MAX_OPEN_TAKES = 4;
/** Largest recording one take may grow to. */
export const MAX_TAKE_BYTES = 4 * 1024 * 1024 * 1024;
/** A recording that received no chunk for this long was abandoned (its page closed or crashed). */
export const DEFAULT_IDLE_MS = 15 * 60 * 1000;
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
    this.ready = recoverTakes(
      this.options.vaultRoot,
      (storyId, stem) => this.isOpen(storyId, stem),
      (info, reason) => this.finalize(info, 'interrupted', reason, undefined, 0),
    ).then(
      () => undefined,
      (error: unknown) => console.error('story-bank rehearsals: recovery failed:', error),
    );
    return this.ready;
  }

  async start(storyId: string, mimeType: string | null, drill?: DrillRecord): Promise<StartedTake> {
    await this.ready;
    const told = drill?.picks.at(-1)?.storyId;
    if (told !== undefined && told !== storyId)
      throw new StoryBankError('bad-request', `this take is of ${storyId}, but the drill says ${told} is told`);
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
      drill,
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
      const first = sidecarText(sidecarOf(take, 'recording', '', undefined, null, false));
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
    const wrong = drillMismatch(take, timing);
    if (wrong) return Promise.reject(wrong);
    return this.enqueue(take, () => this.end(take, 'complete', '', timing));
  }

  /** Ends a take that failed; what was recorded is kept and the sidecar says why it stopped. */
  abort(takeId: string, reason: string, timing?: TakeTiming): Promise<FinishedTake> {
    const take = this.open.get(takeId);
    if (!take) return Promise.reject(noSuchTake());
    // A drill record that does not fit the take is dropped rather than lose the take.
    const fitting = timing && drillMismatch(take, timing) ? { ...timing, drill: undefined } : timing;
    return this.enqueue(take, () => this.end(take, 'interrupted', reason, fitting));
  }

  /** A story's takes, newest first; files that are not readable takes are listed as problems. */
  async list(storyId: string): Promise<TakeList> {
    await this.ready;
    return listTakes(this.options.vaultRoot, storyId);
  }

  /** Removes a take's recording and sidecar together, and commits the sidecar's removal. */
  async delete(storyId: string, takeFile: string): Promise<DeletedTake> {
    await this.ready;
    const parsed = parseTakeFile(takeFile);
    if (!parsed) throw new StoryBankError('bad-request', `${takeFile} is not a take's file`);
    const { stem } = parsed;
    if (this.isOpen(storyId, stem)) throw new StoryBankError('conflict', 'this take is still recording; stop it first');
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
  updateNotes(storyId: string, takeFile: string, notes: string): Promise<StoredTake> {
    return this.updateSidecar(storyId, takeFile, 'add notes', 'notes on', (sidecar) => ({ ...sidecar, notes }));
  }

  /**
   * Records the self-check of a drill's rubric (one answer per item, in order; the measured 2:00
   * item keeps its value) and commits the sidecar, the same way as notes.
   */
  updateRubric(storyId: string, takeFile: string, checked: readonly (boolean | null)[]): Promise<StoredTake> {
    return this.updateSidecar(storyId, takeFile, 'check its rubric', 'rubric of', (sidecar) => {
      if (!sidecar.drill)
        throw new StoryBankError('bad-request', `${takeFile} is a rehearsal, not a drill: it has no rubric`);
      try {
        return { ...sidecar, drill: { ...sidecar.drill, rubric: applyRubricChecks(sidecar.drill.rubric, checked) } };
      } catch (error) {
        throw new StoryBankError('bad-request', (error as Error).message);
      }
    });
  }

  /**
   * Changes a finished take's sidecar after the take and commits it when it changed; the rest of
   * the sidecar is kept as it was read. `action` and `subject` word the refusal and the commit.
   */
  private async updateSidecar(
    storyId: string,
    takeFile: string,
    action: string,
    subject: string,
    change: (sidecar: TakeSidecar) => TakeSidecar,
  ): Promise<StoredTake> {
    await this.ready;
    const parsed = parseTakeFile(takeFile);
    if (!parsed) throw new StoryBankError('bad-request', `${takeFile} is not a take's file`);
    const { stem } = parsed;
    if (this.isOpen(storyId, stem))
      throw new StoryBankError('conflict', `this take is still recording; ${action} when it has ended`);
    const dir = await takeDir(this.options.vaultRoot, storyId, false);
    if (!dir) throw new StoryBankError('not-found', `story ${storyId} has no takes`);
    const json = `${stem}.json`;
    const read = await readSidecar(dir, json, storyId);
    if ('message' in read) throw new StoryBankError('not-found', read.message);
    const sidecar = takeSidecarSchema.parse(change(read.sidecar));
    const relative = `${dir.relative}/${json}`;
    if (sidecarText(read.sidecar) !== sidecarText(sidecar)) {
      try {
        await atomicWriteFile(join(dir.absolute, json), sidecarText(sidecar));
      } catch (error) {
        throw ioError(`could not write ${relative}`, error as NodeJS.ErrnoException);
      }
      await this.options.commit([relative], `rehearsal: ${subject} a take of ${this.titleOf(storyId)}`);
      this.options.changed(storyId);
    }
    const stored = await storedTake(dir, stem, sidecar);
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

  private finalize(
    info: TakeInfo,
    status: TakeStatus,
    reason: string,
    timing: TakeTiming | undefined,
    elapsedMs: number,
  ): Promise<FinishedTake> {
    return finalizeTake(info, status, reason, timing, elapsedMs, {
      title: (storyId) => this.titleOf(storyId),
      commit: (files, message) => this.options.commit(files, message),
      changed: (storyId) => this.options.changed(storyId),
    });
  }

  /** A take of the story is recording or starting (its folder must stay where it is). */
  isRecording(storyId: string): boolean {
    const starting = [...this.claimed].some((key) => key.startsWith(`${storyId}/`));
    return starting || [...this.open.values()].some((take) => take.storyId === storyId);
  }

  /** This Story Bank is recording the take. */
  private isOpen(storyId: string, stem: string): boolean {
    return [...this.open.values()].some((take) => take.storyId === storyId && take.stem === stem);
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
}

/** Why a drill record cannot belong to this take (its story is not the one told), or null. */
function drillMismatch(take: OpenTake, timing: TakeTiming): StoryBankError | null {
  const told = timing.drill?.picks.at(-1)?.storyId;
  if (told === undefined || told === take.storyId) return null;
  return new StoryBankError('bad-request', `this take is of ${take.storyId}, but the drill says ${told} was told`);
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
