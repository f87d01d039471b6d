import type { Stats } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { contentHash } from './hash';

/** At most this many files are remembered, and at most this many characters of their texts. */
const MAX_ENTRIES = 20_000;
const MAX_CHARS = 64 * 1024 * 1024;
/**
 * A file whose last change was this recent when it was read is read again next time. Two writes
 * within one tick of the file system's clock leave the same times (a tick is up to 2 s on FAT and
 * some network disks); a write that comes after the read this much later cannot.
 */
const SETTLE_MS = 2000;

/** What was read from a file, under the stamp lstat gave it just before. */
type Remembered = { stamp: string; hash: string; text: string; settled: boolean };

/**
 * Story files this process read lately, by absolute path, with what lstat said of each just
 * before: device, inode, size, and the modification and change times. A file that still has
 * that stamp is the same file with the same bytes, as git judges its index: every write
 * and every rename onto it moves the change time, which no program can set back. So an unchanged
 * vault read again costs one lstat a file instead of open, stat, read and close; what is read is
 * still hashed and parsed (through parsedStories.ts) as before. Settled entries are also kept
 * between runs (parseCacheFile.ts), so a new process does not read an unchanged file either.
 *
 * Trusted only once settled (see SETTLE_MS). Oldest first out.
 */
const remembered = new Map<string, Remembered>();
let chars = 0;
/** Moves with every entry kept or forgotten: what is remembered is as it was while it stands. */
let generation = 0;

/** A number that changes whenever what is remembered changes (parseCacheFile.ts saves only then). */
export function rememberedGeneration(): number {
  return generation;
}

/**
 * Times in milliseconds with their fraction (to a fraction of a microsecond), not the bigint
 * nanoseconds, which cost more per file: two writes closer together than that are what the
 * settle time is for.
 */
function stampOf(info: Stats): string {
  return `${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
}

/** How a file looked just before it is read: its unchanged text, or a way to remember what is read. */
export type FileLook =
  { kind: 'unchanged'; hash: string; text: string } | { kind: 'read'; remember: (hash: string, text: string) => void };

/**
 * Looks at `path` without following a link. A regular file with the stamp of a settled entry is
 * `unchanged`; anything else is to be read (and read with every check the reader makes), and
 * `remember` keeps what that read found under the stamp seen here. A link, a folder or a file that
 * is gone is never remembered. `startedMs`: when the look began (tests set it later).
 */
export async function lookAtFile(path: string, startedMs = Date.now()): Promise<FileLook> {
  const info = await lstat(path).catch(() => null);
  if (!info?.isFile()) {
    forget(path);
    return { kind: 'read', remember: () => undefined };
  }
  const stamp = stampOf(info);
  const entry = remembered.get(path);
  if (entry?.settled && entry.stamp === stamp) return { kind: 'unchanged', hash: entry.hash, text: entry.text };
  const settled = info.ctimeMs + SETTLE_MS < startedMs && info.mtimeMs + SETTLE_MS < startedMs;
  return { kind: 'read', remember: (hash, text) => keep(path, { stamp, hash, text, settled }) };
}

function keep(path: string, entry: Remembered): void {
  forget(path);
  generation += 1;
  remembered.set(path, entry);
  chars += entry.text.length;
  for (const [oldest, old] of remembered) {
    if (remembered.size <= MAX_ENTRIES && chars <= MAX_CHARS) break;
    remembered.delete(oldest);
    chars -= old.text.length;
  }
}

function forget(path: string): void {
  const entry = remembered.get(path);
  if (!entry) return;
  remembered.delete(path);
  chars -= entry.text.length;
  generation += 1;
}

/** A file as a run read it: kept between runs in the parse cache file (parseCacheFile.ts). */
export interface KeptFile {
  path: string;
  stamp: string;
  hash: string;
  text: string;
}

/** What this process remembers of the file at `path` (absolute), if it read it settled. */
export function settledFile(path: string): KeptFile | undefined {
  const entry = remembered.get(path);
  return entry?.settled ? { path, stamp: entry.stamp, hash: entry.hash, text: entry.text } : undefined;
}

/**
 * Takes files an earlier run read, settled, as read by this process: one still under its stamp
 * is then not read again. A file this process has looked at itself keeps what it found, and an
 * entry whose text does not hash to its hash (a damaged cache, bytes that were not UTF-8) is
 * left out, to be read. Returns the files taken.
 */
export function rememberEarlierReads(files: readonly KeptFile[]): KeptFile[] {
  return files.filter((file) => {
    if (remembered.has(file.path) || contentHash(file.text) !== file.hash) return false;
    keep(file.path, { stamp: file.stamp, hash: file.hash, text: file.text, settled: true });
    return true;
  });
}
