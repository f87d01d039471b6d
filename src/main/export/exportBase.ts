import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWriteFile, type AtomicFileSystem } from '../fs/atomicWrite';
import { readFileNoFollow } from '../fs/noLinks';
import { runGit } from '../git/runGit';
import { contentHash } from '../vault/hash';
import { STATE_DIR } from '../vault/vaultLayout';
import { fileAt } from '../git/fileAt';

/**
 * What the last export generated for a path, before any hand edit was merged into it: the base of
 * the next three-way merge. Kept as a copy in `.storybank/export-bases/` rather than taken from
 * git, because the committed file is the merged one (with the user's lines), and a base holding
 * the user's lines would make the next merge drop them; a copy also serves `--out` paths outside
 * the repository and vaults without git.
 */
const BASE_DIR = 'export-bases';

function basePath(vaultRoot: string, path: string): string {
  return join(vaultRoot, STATE_DIR, BASE_DIR, `${contentHash(path).slice(0, 32)}.md`);
}

/** The stored copy of what the last export to `path` generated, or null when there is none. */
export async function readStoredBase(vaultRoot: string, path: string): Promise<string | null> {
  try {
    return (await readFileNoFollow(basePath(vaultRoot, path)))?.toString('utf8') ?? null;
  } catch {
    // Unreadable (a link, a folder): treated as missing, so the export falls back to git or asks.
    return null;
  }
}

/** Remembers what this export generated for `path` (not flushed: a lost copy only makes the next export ask git). */
export async function writeStoredBase(
  vaultRoot: string,
  path: string,
  text: string,
  fileSystem?: AtomicFileSystem,
): Promise<void> {
  await mkdir(join(vaultRoot, STATE_DIR, BASE_DIR), { recursive: true });
  await atomicWriteFile(basePath(vaultRoot, path), text, fileSystem, { durable: false });
}

/**
 * The file as committed by the last export that wrote the bare export (its message exactly
 * `message`; a merged export's commit says so and is skipped, as it holds the user's lines).
 * For a vault that lost `.storybank/` (a fresh clone) or an export from before copies were kept.
 */
export async function committedBase(gitRoot: string, repoPath: string, message: string): Promise<string | null> {
  try {
    const pattern = `^${message.replace(/[.*[\]^$\\]/g, '\\$&')}$`;
    const { stdout } = await runGit(gitRoot, ['log', '-1', '--format=%H', `--grep=${pattern}`, '--', repoPath]);
    const commit = stdout.trim();
    if (!commit) return null;
    return await fileAt(gitRoot, commit, repoPath);
  } catch {
    return null;
  }
}
