import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AdoptedId } from '../../core/api';
import { StoryBankError } from '../../core/apiError';
import { isPlaceholderId, isPlaceholderTitle } from '../../core/newStory';
import type { Story } from '../../core/story';
import { idFromTitle, uniqueId } from '../../core/storyId';
import { storyFileText } from '../../core/storyReadBack';
import { contentHash } from './hash';
import { parseStoryFile } from '../../core/frontmatter/parseStoryFile';
import type { Vault } from './vault';
import { REHEARSALS_DIR } from './vaultLayout';

/** What changing an id needs of the takes: whether one is recording, and moving them. */
export interface TakesOfStory {
  isRecording(storyId: string): boolean;
  /** Moves the takes of `from` to `to`; returns the files to commit. */
  move(from: string, to: string): Promise<string[]>;
}

/**
 * A new story is created as `untitled-story-N`; once it has a real title it takes that title's id
 * (`adopt`), so the deliverable needs no id marker for it and its takes are filed under a name
 * that says what they are. The story's file already follows its title (Vault.save), so only the
 * `id:` line changes, and the takes' folder moves with it. Ids renamed here are remembered for
 * this run: a save still under way with the old id (another window, a board move) reaches the
 * story under its new id (`current`) instead of making a second file for the old one.
 */
export class TitleIds {
  private readonly renamed = new Map<string, string>();

  constructor(
    private readonly vault: Vault,
    private readonly takes: TakesOfStory,
    /** Records the changed files for the next commit. */
    private readonly note: (files: string[], title: string) => void,
  ) {}

  /**
   * The id a story has now: one renamed away in this run leads to its new id, unless a story has
   * taken the freed id since (a placeholder is free again once renamed away).
   */
  current(id: string): string {
    if (this.vault.findById(id)) return id;
    let now = id;
    for (let hops = 0; hops < 100 && this.renamed.has(now); hops += 1) now = this.renamed.get(now) as string;
    return now;
  }

  /**
   * Gives the story `id` its title's id when `id` is still a placeholder and the title is real;
   * otherwise answers the story as it is. An id already renamed answers its new record, so a
   * retried call is harmless. Runs in turn with saves, so it never overlaps a write of the file.
   */
  adopt(id: string): Promise<AdoptedId> {
    return this.vault.serialized(async () => {
      const record = this.vault.findById(this.current(id));
      if (!record) throw new StoryBankError('not-found', `no story has the id "${id}"`);
      const unchanged = { record, previousId: id, previousHash: record.hash };
      if (record.story.id !== id || !isPlaceholderId(id)) return unchanged;
      const current = await this.vault.currentText(id);
      const parsed = current && parseStoryFile(current.text);
      if (!current || !parsed?.ok) return unchanged;
      const { title } = parsed.story;
      // A take being recorded writes into the story's folder: the id changes at a later chance.
      if (!title.trim() || isPlaceholderTitle(title) || this.takes.isRecording(id)) return unchanged;
      const next = uniqueId(idFromTitle(title), await this.takenIds(id));
      const story: Story = { ...parsed.story, id: next };
      const text = storyFileText(story, current.text, parseStoryFile, { file: current.file });
      const takeFiles = await this.takes.move(id, next);
      let renamed;
      try {
        renamed = await this.vault.writeStoryText(current.file, text);
      } catch (error) {
        // The story keeps its old id; so do its takes.
        await this.takes.move(next, id).catch(() => undefined);
        throw error;
      }
      if (!renamed) throw new StoryBankError('internal', `${current.file} did not read back after its id changed`);
      this.renamed.set(id, next);
      this.note([current.file, ...takeFiles], title);
      return { record: renamed, previousId: id, previousHash: contentHash(current.text) };
    });
  }

  /**
   * Ids a new one must not take: the vault's stories' and, so that old takes are never adopted by
   * a stranger, every folder under `rehearsals/` (a deleted story's takes stay there).
   */
  private async takenIds(own: string): Promise<Set<string>> {
    const taken = new Set(this.vault.snapshot().stories.map((record) => record.story.id));
    const folders = await readdir(join(this.vault.root, REHEARSALS_DIR)).catch(() => []);
    for (const folder of folders) taken.add(folder);
    taken.delete(own);
    return taken;
  }
}
