import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readCommitIdentity } from './gitIdentity';
import { runGit } from './runGit';

/**
 * Files Story Bank itself writes into a vault and keeps under git: committed with whatever the
 * app commits next, so the repository never holds a change of ours that no commit records.
 */
export const APP_FILES = ['.gitignore'];

/**
 * Commits exactly `files` (vault-relative; deletions and renames included) with `message`.
 * Returns false when there was nothing to commit.
 */
export async function commitFiles(root: string, files: string[], message: string): Promise<boolean> {
  if (files.length === 0) return false;
  const present = files.filter((file) => existsSync(join(root, file)));
  const gone = files.filter((file) => !present.includes(file));
  if (present.length) await runGit(root, ['add', '--all', '--', ...present]);
  if (gone.length) await runGit(root, ['rm', '--cached', '--quiet', '--ignore-unmatch', '--', ...gone]);
  // Commit exactly what is staged for these files (a `git mv` has already staged both names).
  // Without --no-renames a staged rename lists only its new name, and the old one's deletion
  // would stay staged, never committed.
  const { stdout } = await runGit(root, [
    'diff',
    '--cached',
    '--no-renames',
    '--name-only',
    '--relative',
    '-z',
    '--',
    ...files,
  ]);
  const staged = stdout.split('\0').filter(Boolean);
  if (staged.length === 0) return false;
  const { args } = await readCommitIdentity(root);
  await runGit(root, [...args, 'commit', '--quiet', '--no-verify', '-m', message, '--', ...staged]);
  return true;
}

/** Whether git tracks `file` (a tracked file is renamed with `git mv` so its history follows). */
export async function isTracked(root: string, file: string): Promise<boolean> {
  try {
    await runGit(root, ['ls-files', '--error-unmatch', '--', file]);
    return true;
  } catch {
    return false;
  }
}
