import { lstat, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeletedStory } from '../../core/api';
import { StoryBankError } from '../../core/apiError';
import type { StoryRecord } from '../../core/story';
import { uniqueId } from '../../core/storyId';
import { storyFileText } from '../../core/storyReadBack';
import type { AutoCommitter } from '../git/autoCommitter';
import { runGit } from '../git/runGit';
import { parseStoryFile } from '../../core/frontmatter/parseStoryFile';
import type { Vault } from './vault';
import { STORIES_DIR } from './vaultLayout';
import { fileAt } from '../git/fileAt';

/**
 * Deleting a story and undoing it. The file is removed and the removal committed (`git rm`), so
 * the story stays in history; undo (the toast's, or Restore in the list of deleted stories, see
 * deletedStories.ts) puts back the text from the commit before the deletion and commits that. Without git (or when git cannot commit now) the removed text is kept for this run,
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

  /**
   * Puts a deleted story back as it was before `commit` deleted it (null: deleted this run without
   * a commit). A story that has its file or its id now is never touched: the deleted one comes
   * back under a new file and id, which the record shows. The commit's subject names the deletion,
   * so the list of deleted stories leaves it out from then on.
   */
  async restore(file: string, commit: string | null): Promise<StoryRecord> {
    const name = file.slice(STORIES_DIR.length + 1);
    if (!file.startsWith(`${STORIES_DIR}/`) || !name.endsWith('.md') || name.includes('/'))
      throw new StoryBankError('bad-request', `${file} is not a story file`);
    const text = commit === null ? this.uncommitted.get(file) : await textBefore(this.vault.root, commit, file);
    if (text === undefined)
      throw new StoryBankError('not-found', `no deleted copy of ${file} is kept; restore it from the history`);
    await this.committer?.flush();
    const { target, record } = await this.vault.serialized(() => this.putBack(file, text));
    this.uncommitted.delete(file);
    const title = record?.story.title ?? target;
    const moved = target === file ? '' : ` as ${target}`;
    const undone = commit === null ? 'deletion undone' : `deletion ${commit.slice(0, 12)} undone`;
    await this.committer?.commitNow([target], `restore: ${title}${moved} (${undone})`).catch(() => false);
    if (!record)
      throw new StoryBankError(
        'conflict',
        `${target} was restored but is not a valid story; it is listed as needing attention`,
      );
    return record;
  }

  /** Writes `text` at `file`, or under a new file and id when a story has either now. */
  private async putBack(file: string, text: string): Promise<{ target: string; record: StoryRecord | null }> {
    const parsed = parseStoryFile(text);
    const fileTaken = (await lstat(join(this.vault.root, file)).catch(() => null)) !== null;
    const idTaken = parsed.ok && this.vault.findById(parsed.story.id) !== undefined;
    if (!fileTaken && !idTaken) return { target: file, record: await this.vault.writeStoryText(file, text) };
    if (!parsed.ok) {
      // Not a valid story (no id to change): its text as it was, under a name of its own.
      const target = await this.vault.freeStoryFile(file.slice(STORIES_DIR.length + 1, -'.md'.length));
      return { target, record: await this.vault.writeStoryText(target, text) };
    }
    const taken = new Set(this.vault.snapshot().stories.map((record) => record.story.id));
    const story = { ...parsed.story, id: uniqueId(parsed.story.id, taken) };
    const target = await this.vault.freeStoryFile(story.title);
    const moved = storyFileText(story, text, parseStoryFile, { file: target });
    return { target, record: await this.vault.writeStoryText(target, moved) };
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
    return await fileAt(root, `${commit}^`, `./${file}`);
  } catch {
    throw new StoryBankError('not-found', `commit ${commit.slice(0, 8)} did not delete ${file}`);
  }
}
