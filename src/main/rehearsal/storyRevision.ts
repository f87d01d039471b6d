import { runGit } from '../git/runGit';

/** The last commit that touched a vault-relative file, or null (never committed, or no git). */
export async function lastCommitOf(root: string, file: string): Promise<string | null> {
  try {
    const { stdout } = await runGit(root, ['log', '-1', '--format=%H', '--', file]);
    const commit = stdout.trim();
    return /^[0-9a-f]{40}$/.test(commit) ? commit : null;
  } catch {
    return null;
  }
}
