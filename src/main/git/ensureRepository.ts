import { readCommitIdentity } from './gitIdentity';
import { runGit } from './runGit';

/**
 * Uses the repository that already holds `root`, or starts one there with a first commit of what
 * the folder holds. Returns the repository's top folder, or null when git cannot be used.
 */
export async function ensureRepository(root: string): Promise<string | null> {
  try {
    const { stdout } = await runGit(root, ['rev-parse', '--show-toplevel']);
    return stdout.trim();
  } catch {
    try {
      await runGit(root, ['init', '--quiet']);
      await runGit(root, ['add', '--all']);
      const { args } = await readCommitIdentity(root);
      await runGit(root, [...args, 'commit', '--quiet', '--allow-empty', '-m', 'vault: start a Story Bank vault']);
      const { stdout } = await runGit(root, ['rev-parse', '--show-toplevel']);
      return stdout.trim();
    } catch {
      return null;
    }
  }
}
