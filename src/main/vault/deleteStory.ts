import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeletedStory } from '../../core/api';
import { StoryBankError } from '../../core/apiError';
import type { StoryRecord } from '../../core/story';
import type { AutoCommitter } from '../git/autoCommitter';
import { runGit } from '../git/runGit';
import type { Vault } from './vault';
import { STORIES_DIR } from './vaultLayout';

/**
 * Deleting a story and undoing it. The file is removed and the removal committed (`git rm`), so
 * the story stays in history; undo puts back the text from the commit before the deletion and
 * commits that. Without git (or when git cannot commit now) the removed text is kept for this run,
 * so undo still works.
 */
export class StoryDeleter {
  /** Removed texts that no commit holds, by vault-relative file. */
  private readonly uncommitted = new Map<string, string>();

  constructor(
    private readonly vault: Vault,
    private readonly committer: AutoCommitter | null,
  ) {}

  async delete(id: string): Promise<DeletedStory> {
    // Saves waiting to be committed go first, so the deletion commit holds only the removal.
    await this.committer?.flush();
    const record = this.vault.findById(id);
    if (!record) throw new StoryBankError('not-found', `no story with id "${id}"`);
    const { file } = record;
    const text = await readFile(join(this.vault.root, file), 'utf8').catch((error: Error) => {
      throw new StoryBankError('io', `could not read ${file} before deleting it: ${error.message}`);
    });
    await rm(join(this.vault.root, file)).catch((error: Error) => {
      throw new StoryBankError('io', `could not delete ${file}: ${error.message}`);
    });
    this.vault.dropFile(file);
    const title = record.story.title;
    const committed = (await this.committer?.commitNow([file], `delete: ${title}`).catch(() => false)) === true;
    const commit = committed ? await headCommit(this.vault.root) : null;
    if (!commit) this.uncommitted.set(file, text);
    return { id, title, file, commit };
  }

  async restore(file: string, commit: string | null): Promise<StoryRecord> {
    if (!file.startsWith(`${STORIES_DIR}/`) || !file.endsWith('.md'))
      throw new StoryBankError('bad-request', `${file} is not a story file`);
    if (await stat(join(this.vault.root, file)).catch(() => null))
      throw new StoryBankError('conflict', `${file} exists again; nothing was restored over it`);
    const text = commit === null ? this.uncommitted.get(file) : await textBefore(this.vault.root, commit, file);
    if (text === undefined)
      throw new StoryBankError('not-found', `no deleted copy of ${file} is kept; restore it from the history`);
    await this.committer?.flush();
    const record = await this.vault.writeStoryText(file, text);
    this.uncommitted.delete(file);
    const title = record?.story.title ?? file;
    await this.committer?.commitNow([file], `restore: ${title} (deletion undone)`).catch(() => false);
    if (!record)
      throw new StoryBankError(
        'conflict',
        `${file} was restored but is not a valid story; it is listed as needing attention`,
      );
    return record;
  }
}

async function headCommit(root: string): Promise<string | null> {
  const { stdout } = await runGit(root, ['rev-parse', 'HEAD']).catch(() => ({ stdout: '' }));
  const commit = stdout.trim();
  return /^[0-9a-f]{40}$/.test(commit) ? commit : null;
}

/** The text `file` had just before `commit` (the commit that deleted it). */
async function textBefore(root: string, commit: string, file: string): Promise<string> {
  try {
    const { stdout: removed } = await runGit(root, [
      'diff',
      '--name-only',
      '--diff-filter=D',
      '--relative',
      `${commit}^`,
      commit,
    ]);
    if (!removed.split('\n').includes(file)) throw new Error('not deleted there');
    return (await runGit(root, ['show', `${commit}^:./${file}`])).stdout;
  } catch {
    throw new StoryBankError('not-found', `commit ${commit.slice(0, 8)} did not delete ${file}`);
  }
}
