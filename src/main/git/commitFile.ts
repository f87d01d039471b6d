import { knownCommitIdentity, readCommitIdentity } from './gitIdentity';
import { runGit } from './runGit';

/**
 * Commits one file as it is on disk with two git processes, `add` and `commit` (commitFiles,
 * which also handles deletions and renames, needs four): for the export, whose budget is what it
 * adds to those two. Returns true when committed; false when the file was already committed as
 * it is (git refused an empty commit, and `git status` then shows the file tracked and
 * unchanged); throws git's message otherwise, so "committed" is never said unchecked.
 */
export async function commitFile(root: string, file: string, message: string): Promise<boolean> {
  await runGit(root, ['add', '--', file]);
  const commit = (args: string[]) =>
    runGit(root, [...args, 'commit', '--quiet', '--no-verify', '-m', message, '--', file]);
  const known = await knownCommitIdentity(root);
  try {
    await commit(known.args);
    return true;
  } catch (error) {
    if (await isCommittedAsIs(root, file)) return false;
    // The identity may have changed since it was last read (a user.name unset): read it, try once more.
    const fresh = await readCommitIdentity(root);
    if (fresh.args.join('\0') === known.args.join('\0')) throw error;
    await commit(fresh.args);
    return true;
  }
}

/** Whether `file` is tracked and the same in the index, HEAD and on disk (not untracked, not ignored). */
async function isCommittedAsIs(root: string, file: string): Promise<boolean> {
  try {
    const { stdout } = await runGit(root, [
      '--no-optional-locks',
      'status',
      '--porcelain=v2',
      '-z',
      '--untracked-files=all',
      '--ignored',
      '--',
      file,
    ]);
    return stdout === '';
  } catch {
    return false;
  }
}
