import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Points Story Bank's cache folder (userCacheDir) at a folder of this test run, unless the run
 * already has one: set before the workers and hosts start, they all inherit it. Tests then never
 * write into the user's own cache, and never find parses kept from a build of other sources.
 * Returns what removes the folder made here.
 */
export function useTempCacheDir(): () => void {
  if (process.env.STORY_BANK_CACHE_DIR) return () => {};
  const dir = mkdtempSync(join(tmpdir(), 'story-bank-cache-'));
  process.env.STORY_BANK_CACHE_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
