import { constants } from 'node:fs';
import { lstat, open, type FileHandle } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';

/**
 * The first symbolic link on the way from `base` to `path` (the path itself included), or null.
 * Story Bank writes and reads inside the vault only: a link there could point anywhere on the
 * machine, so it is reported rather than followed.
 */
export async function firstLinkOnTheWay(base: string, path: string): Promise<string | null> {
  const parts = relative(base, path).split(sep).filter(Boolean);
  let at = base;
  for (const part of parts) {
    at = join(at, part);
    const info = await lstat(at).catch(() => null);
    if (!info) return null;
    if (info.isSymbolicLink()) return at;
  }
  return null;
}

const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
/** O_NONBLOCK so that a FIFO cannot hold the open; O_NOCTTY so that a terminal never becomes ours. */
const READ_FLAGS = constants.O_RDONLY | NO_FOLLOW | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * The bytes of the regular file at `path`, or null when there is none. A symbolic link there is
 * refused (ELOOP), never read through: a file the app reads and then writes back (its state, a
 * take's sidecar, `.gitignore`) would otherwise carry an outside file's bytes into the vault.
 * Opened with O_NOFOLLOW where the platform has it, after an lstat where it does not (Windows).
 * A file over `maxBytes` is refused (EFBIG, with its `size`) before any of it is read.
 */
export async function readFileNoFollow(path: string, options: { maxBytes?: number } = {}): Promise<Buffer | null> {
  const { maxBytes = Infinity } = options;
  if (!NO_FOLLOW) {
    const info = await lstat(path).catch(() => null);
    if (!info) return null;
    if (!info.isFile()) throw notARegularFile(path, info.isSymbolicLink());
  }
  let handle: FileHandle;
  try {
    handle = await open(path, READ_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP') throw notARegularFile(path, true);
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw notARegularFile(path, false);
    if (info.size > maxBytes) throw tooLarge(path, info.size);
    const bytes = await handle.readFile();
    // It may have grown since the stat.
    if (bytes.length > maxBytes) throw tooLarge(path, bytes.length);
    return bytes;
  } finally {
    await handle.close();
  }
}

function notARegularFile(path: string, link: boolean): NodeJS.ErrnoException {
  const what = link ? 'a symbolic link (not followed)' : 'not a regular file';
  return Object.assign(new Error(`${basename(path)} is ${what}`), { code: link ? 'ELOOP' : 'EISDIR', path });
}

function tooLarge(path: string, size: number): NodeJS.ErrnoException & { size: number } {
  return Object.assign(new Error(`${basename(path)} is ${size} bytes`), { code: 'EFBIG', path, size });
}
