import { close, constants, fstat, lstat, open, read, readFile } from 'node:fs';
import { promisify } from 'node:util';

/** What reading one story file found: its bytes, nothing (gone), or a reason not to read it. */
export type StoryBytes = { kind: 'bytes'; bytes: Buffer } | { kind: 'gone' } | { kind: 'refused'; message: string };

const openFile = promisify(open);
const fstatFile = promisify(fstat);
const readInto = promisify(read);
const closeFile = promisify(close);
const lstatPath = promisify(lstat);
const readPath = promisify(readFile);

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
 * system calls as `fs.readFile`, which matters for a vault of thousands of files); otherwise, and
 * where O_NOFOLLOW does not exist, it is looked at with lstat before it is opened at all.
 */
export async function readStoryBytes(
  path: string,
  shown: string,
  maxBytes: number,
  regular: boolean,
): Promise<StoryBytes> {
  if (!regular || !NO_FOLLOW) return readAfterLstat(path, shown, maxBytes);
  let fd: number;
  try {
    fd = await openFile(path, OPEN_FLAGS);
  } catch {
    // Replaced by a link or something else since the listing, or gone: the careful path says which.
    return readAfterLstat(path, shown, maxBytes);
  }
  try {
    const info = await fstatFile(fd);
    const refused = refusal(info, shown, maxBytes);
    if (refused) return refused;
    const bytes = Buffer.allocUnsafe(info.size);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await readInto(fd, bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { kind: 'bytes', bytes: filled === bytes.length ? bytes : bytes.subarray(0, filled) };
  } catch {
    return { kind: 'gone' };
  } finally {
    await closeFile(fd).catch(() => undefined);
  }
}

async function readAfterLstat(path: string, shown: string, maxBytes: number): Promise<StoryBytes> {
  const info = await lstatPath(path).catch(() => null);
  if (!info) return { kind: 'gone' };
  const refused = refusal(info, shown, maxBytes);
  if (refused) return refused;
  const bytes = await readPath(path).catch(() => null);
  return bytes ? { kind: 'bytes', bytes } : { kind: 'gone' };
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
