import { lstat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

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
