import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, lstat, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * The file operations an atomic replace is made of, behind one seam so tests can make the disk
 * fail (ENOSPC, EIO) at any step of a save or an export. `nodeAtomicFileSystem` is the real one.
 */
export interface AtomicFileSystem {
  /** Creates `path` for writing; fails if it exists or is a symbolic link. */
  create(path: string, mode: number): Promise<WritableFile>;
  /** Replaces `to` with `from` in one step (a symbolic link at `to` is replaced, not followed). */
  rename(from: string, to: string): Promise<void>;
  /** Gives the file at `from` the name `to` too; fails with EEXIST if `to` exists (a link included). */
  link(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** The mode of the file at `path` (not following a link), or null when there is none. */
  modeOf(path: string): Promise<number | null>;
  /** Flushes a folder, so a rename in it survives a power cut. */
  syncFolder(path: string): Promise<void>;
}

export interface WritableFile {
  write(data: Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The steps, for tests that fail each one in turn. */
export const ATOMIC_WRITE_STEPS = ['create', 'write', 'sync', 'close', 'rename'] as const;
export type AtomicWriteStep = (typeof ATOMIC_WRITE_STEPS)[number];

const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

export const nodeAtomicFileSystem: AtomicFileSystem = {
  async create(path, mode) {
    const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW, mode);
    return writableFile(handle);
  },
  rename: (from, to) => rename(from, to),
  link: (from, to) => linkNoReplace(from, to),
  unlink: (path) => unlink(path),
  async modeOf(path) {
    const info = await lstat(path).catch(() => null);
    return info?.isFile() ? info.mode & 0o777 : null;
  },
  async syncFolder(path) {
    // Not every platform can open a folder (Windows cannot); the rename is then as durable as it gets.
    const handle = await open(path, constants.O_RDONLY).catch(() => null);
    if (!handle) return;
    await handle.sync().catch(() => undefined);
    await handle.close();
  },
};

/** What link() fails with where the file system has no hard links (FAT, some network shares). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/**
 * link(), which never replaces anything at `to`; where the file system has no hard links, a
 * rename after checking that nothing is at `to` (callers that choose names serialise their
 * choices, so only another program could slip in between).
 */
async function linkNoReplace(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    if (!NO_HARD_LINKS.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    if (await lstat(to).catch(() => null))
      throw Object.assign(new Error(`${basename(to)} exists`), { code: 'EEXIST', path: to });
    await rename(from, to);
    // The caller removes `from` next, as after a link: it is gone already, which it tolerates.
  }
}

/**
 * Renames `from` to `to` without ever replacing a file at `to` (fs.rename would, silently): the
 * file is linked to its new name (EEXIST if taken), then its old name removed.
 */
export async function renameNoReplace(from: string, to: string): Promise<void> {
  await linkNoReplace(from, to);
  await unlink(from).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

function writableFile(handle: FileHandle): WritableFile {
  return {
    async write(data) {
      let done = 0;
      while (done < data.length) {
        const { bytesWritten } = await handle.write(data, done, data.length - done);
        if (bytesWritten === 0) throw Object.assign(new Error('the disk accepted no more bytes'), { code: 'ENOSPC' });
        done += bytesWritten;
      }
    },
    sync: () => handle.sync(),
    close: () => handle.close(),
  };
}

export interface AtomicWriteOptions {
  /**
   * false: skip both flushes (the file's and its folder's). Still never torn for a reader or a
   * crash of the app, but a power cut may leave the old file or an empty one. Only for files whose
   * loss costs nothing the user made: a cache that is rebuilt, or asked for again, when missing
   * or damaged (the export record). Everything the user wrote is written durable.
   */
  durable?: boolean;
  /**
   * false: the file must be new. Anything already at `path` (a file another program or another
   * save just made, a link) is left as it was and the write fails with EEXIST, so the caller can
   * choose another name. The temp file is given the name with link(), which never replaces.
   */
  replace?: boolean;
}

/**
 * Replaces `path` with `data` so that a reader, a crash or a full disk sees the old bytes or the
 * new ones, never a mix: write a temp file beside it, flush it, rename it over. On any failure the
 * temp file is removed and the old file is left as it was. A symbolic link at `path` is replaced
 * by the file rather than written through, so a link cannot send a write outside the vault.
 */
export async function atomicWriteFile(
  path: string,
  data: string | Uint8Array,
  fs: AtomicFileSystem = nodeAtomicFileSystem,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  await atomicWriteWith(path, (file) => file.write(bytes), fs, options);
}

/**
 * The one way Story Bank writes a file inside a vault: `atomicWriteFile`, with the bytes written
 * by `fill` (which may write them in pieces: a recording being rewritten is too large to hold).
 */
export async function atomicWriteWith(
  path: string,
  fill: (file: WritableFile) => Promise<void>,
  fs: AtomicFileSystem = nodeAtomicFileSystem,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const durable = options.durable ?? true;
  const replace = options.replace ?? true;
  // Hidden, and not ending in .md, so the vault's watcher and loader never take it for a story.
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const existing = replace ? await fs.modeOf(path) : null;
  // A rename would replace a file its owner made read-only without asking: refuse, as an editor would.
  if (existing !== null && (existing & 0o200) === 0)
    throw Object.assign(new Error(`${basename(path)} is read-only`), { code: 'EACCES', path });
  const mode = existing ?? 0o644;
  const file = await fs.create(temp, mode);
  let placed = false;
  try {
    try {
      await fill(file);
      if (durable) await file.sync();
    } catch (error) {
      await file.close().catch(() => undefined);
      throw error;
    }
    await file.close();
    if (replace) {
      await fs.rename(temp, path);
      placed = true;
    } else {
      // The file now has both names; the temp one goes below, success or not.
      await fs.link(temp, path);
    }
  } finally {
    if (!placed) await fs.unlink(temp).catch(() => undefined);
  }
  if (durable) await fs.syncFolder(dirname(path));
}
