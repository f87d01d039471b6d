import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
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
  const onBranch = () =>
    runGit(root, ['symbolic-ref', '-q', 'HEAD']).then(
      () => true,
      () => false,
    );
  if (!details) return repositoryState(gitDir, top, onBranch);
  const [state, uncommitted, { identity }] = await Promise.all([
    repositoryState(gitDir, top, onBranch),
    uncommittedFiles(root, prefix),
    readCommitIdentity(root),
  ]);
  return { ...state, uncommitted, identity };
}

/**
 * readGitState(top, { details: false }) without starting git: `top` is a repository's top folder
 * (as ensureRepository returns it), whose `.git` folder, or `.git` file naming the folder (a
 * linked worktree, a submodule), holds the lock, merge and rebase markers and HEAD. Falls back to
 * readGitState when `.git` is neither. For a check just before each commit (the export).
 */
export async function readGitStateOfTop(top: string): Promise<GitState> {
  const gitDir = await gitDirOf(top);
  if (!gitDir) return readGitState(top, { details: false });
  // HEAD names a branch as "ref: refs/heads/…"; detached, it holds a commit id.
  const onBranch = () =>
    readFile(join(gitDir, 'HEAD'), 'utf8').then(
      (head) => head.startsWith('ref: '),
      () => false,
    );
  return repositoryState(gitDir, top, onBranch);
}

async function gitDirOf(top: string): Promise<string | null> {
  const dotGit = join(top, '.git');
  const info = await stat(dotGit).catch(() => null);
  if (info?.isDirectory()) return dotGit;
  if (!info?.isFile()) return null;
  const named = /^gitdir: (.+)$/m.exec(await readFile(dotGit, 'utf8').catch(() => ''))?.[1].trim();
  return named ? resolve(top, named) : null;
}

async function repositoryState(gitDir: string, top: string, onBranch: () => Promise<boolean>): Promise<GitState> {
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
  if (!(await onBranch())) {
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
