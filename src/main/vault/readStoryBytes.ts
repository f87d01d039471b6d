import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readSync } from 'node:fs';

/** What reading one story file found: its bytes, nothing (gone), or a reason not to read it. */
export type StoryBytes = { kind: 'bytes'; bytes: Buffer } | { kind: 'gone' } | { kind: 'refused'; message: string };

/**
 * O_NOFOLLOW where the platform has it (not on Windows); O_NONBLOCK so that a FIFO cannot hold
 * the open; O_NOCTTY so that a terminal never becomes ours.
 */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const OPEN_FLAGS = constants.O_RDONLY | NO_FOLLOW | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * Reads a story file that is not a symbolic link, not anything but a regular file and not over
 * `maxBytes`. `regular` says the folder listing already called it a regular file: then it is
 * opened without following links and checked on the open file (open, fstat, read, close: as many
 * system calls as `fs.readFile`); otherwise, and where O_NOFOLLOW does not exist, it is looked at
 * with lstat before it is opened at all.
 *
 * Synchronous on purpose: a story file is a few kilobytes, which the disk (or its cache) hands
 * over in microseconds, while each asynchronous call is a round trip through libuv's thread pool
 * that costs the event loop more than the read itself (a vault of 10,000 files: about 150 ms of
 * reads done in place, 250 to 400 ms through the pool). The vault reads in batches and yields
 * between them, so the process keeps answering (see vault.ts, LOAD_BATCH).
 */
export function readStoryBytes(path: string, shown: string, maxBytes: number, regular: boolean): StoryBytes {
  if (!regular || !NO_FOLLOW) return readAfterLstat(path, shown, maxBytes);
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch {
    // Replaced by a link or something else since the listing, or gone: the careful path says which.
    return readAfterLstat(path, shown, maxBytes);
  }
  try {
    const info = fstatSync(fd);
    const refused = refusal(info, shown, maxBytes);
    if (refused) return refused;
    const bytes = Buffer.allocUnsafe(info.size);
    let filled = 0;
    while (filled < bytes.length) {
      const bytesRead = readSync(fd, bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { kind: 'bytes', bytes: filled === bytes.length ? bytes : bytes.subarray(0, filled) };
  } catch (error) {
    return unreadable(error);
  } finally {
    try {
      closeSync(fd);
    } catch {
      // Closing a descriptor we opened cannot fail in a way that matters to the bytes read.
    }
  }
}

function readAfterLstat(path: string, shown: string, maxBytes: number): StoryBytes {
  let info;
  try {
    info = lstatSync(path);
  } catch {
    return { kind: 'gone' };
  }
  const refused = refusal(info, shown, maxBytes);
  if (refused) return refused;
  try {
    return { kind: 'bytes', bytes: readFileSync(path) };
  } catch (error) {
    return unreadable(error);
  }
}

/**
 * A file that went away between the listing and the read is gone; one that is there but cannot
 * be read (no permission, an I/O error) is refused with the reason, never silently left out.
 */
function unreadable(error: unknown): StoryBytes {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'gone' };
  const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(error));
  return { kind: 'refused', message: `the file cannot be read: ${reason}` };
}

function refusal(
  info: { isFile(): boolean; isSymbolicLink(): boolean; size: number },
  shown: string,
  maxBytes: number,
): StoryBytes | null {
  if (!info.isFile()) {
    const what = info.isSymbolicLink() ? 'a symbolic link (not followed)' : 'not a regular file';
    return { kind: 'refused', message: `${shown} is ${what}` };
  }
  if (info.size > maxBytes)
    return { kind: 'refused', message: `the file is ${info.size} bytes; a story file is at most 1 MiB` };
  return null;
}
