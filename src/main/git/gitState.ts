import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { GitState } from '../../core/api';
import { readCommitIdentity } from './gitIdentity';
import { runGit } from './runGit';

/**
 * What git can do for the vault right now, with the fix to show when the answer is "nothing".
 * Stories are saved whatever this says; only committing waits for a healthy repository.
 * `details: false` leaves out what `git status` shows and who commits: for a check just before
 * committing, which needs only whether git can.
 */
export async function readGitState(root: string, { details = true } = {}): Promise<GitState> {
  let gitDir: string;
  let top: string;
  let prefix: string;
  try {
    const { stdout } = await runGit(root, ['rev-parse', '--git-dir', '--show-toplevel', '--show-prefix']);
    const [dir, toplevel, shownPrefix = ''] = stdout.split('\n');
    gitDir = isAbsolute(dir) ? dir : join(root, dir);
    top = toplevel;
    prefix = shownPrefix;
  } catch (error) {
    const message = (error as Error).message;
    if (/not installed/.test(message)) {
      return {
        kind: 'no-git',
        message: 'git is not installed, so saves are not versioned',
        fix: 'Install git, then restart Story Bank.',
      };
    }
    return {
      kind: 'not-a-repo',
      message: 'the vault is not in a git repository',
      fix: 'Restart Story Bank to set one up, or run `git init` in the vault.',
    };
  }
  if (!details) return repositoryState(root, gitDir, top);
  const [state, uncommitted, { identity }] = await Promise.all([
    repositoryState(root, gitDir, top),
    uncommittedFiles(root, prefix),
    readCommitIdentity(root),
  ]);
  return { ...state, uncommitted, identity };
}

async function repositoryState(root: string, gitDir: string, top: string): Promise<GitState> {
  const lock = join(gitDir, 'index.lock');
  if (existsSync(lock)) {
    return {
      kind: 'locked',
      message: 'another git command is running, or one crashed and left its lock file',
      fix: `If no git program is running, delete ${lock}.`,
      root: top,
    };
  }
  if (existsSync(join(gitDir, 'MERGE_HEAD'))) {
    return {
      kind: 'merging',
      message: 'the repository is in the middle of a merge',
      fix: 'Finish it with `git commit`, or cancel it with `git merge --abort`.',
      root: top,
    };
  }
  if (existsSync(join(gitDir, 'rebase-merge')) || existsSync(join(gitDir, 'rebase-apply'))) {
    return {
      kind: 'rebasing',
      message: 'the repository is in the middle of a rebase',
      fix: 'Finish it with `git rebase --continue`, or cancel it with `git rebase --abort`.',
      root: top,
    };
  }
  try {
    await runGit(root, ['symbolic-ref', '-q', 'HEAD']);
  } catch {
    return {
      kind: 'detached',
      message: 'HEAD is detached, so commits would belong to no branch',
      fix: 'Check out a branch, e.g. `git switch main`.',
      root: top,
    };
  }
  return { kind: 'ok', message: 'saves are committed to git', fix: '', root: top };
}

/**
 * What `git status` shows as changed in the vault (staged, unstaged or untracked, not ignored),
 * vault-relative: the header's "all committed" is read from git, never assumed.
 */
async function uncommittedFiles(root: string, prefix: string): Promise<string[]> {
  try {
    const { stdout } = await runGit(root, [
      '--no-optional-locks',
      'status',
      '--porcelain=v1',
      '-z',
      '--no-renames',
      '--untracked-files=all',
      '--',
      '.',
    ]);
    // Each entry is "XY path"; paths are relative to the repository's top folder.
    const files = stdout
      .split('\0')
      .filter(Boolean)
      .map((entry) => entry.slice(3))
      .map((path) => (path.startsWith(prefix) ? path.slice(prefix.length) : path));
    return [...new Set(files)].sort();
  } catch {
    return [];
  }
}
