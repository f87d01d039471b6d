import type { ConflictResult, MergedResult, SavedResult } from '../../core/api';
import { StoryBankError } from '../../core/apiError';
import { patchStoryFile } from '../../core/patchStoryFile';
import type { Story } from '../../core/story';
import { rebaseEdits } from '../../core/storyFields';
import type { AutoCommitter } from '../git/autoCommitter';
import { mergeText } from '../git/mergeText';
import { committedText } from '../git/storyHistory';
import { contentHash } from './hash';
import { parseStoryFile } from './parseStoryFile';
import type { Vault } from './vault';
import { conflictMarkerLine } from '../../core/text/conflictMarkers';

/**
 * Saves edits that began from the file version `baseHash`. When the file is still that version,
 * it is an ordinary save. When someone changed it meanwhile, nothing is overwritten: the edits
 * and the file are merged three ways against the version the edits began from (the vault keeps
 * recent versions by hash; an older one falls back to the last commit); a clean merge is saved
 * (after committing the outside edit, so both versions stay in history), an unclean one is
 * returned for the user to decide.
 */
export async function saveAgainstBase(
  vault: Vault,
  committer: AutoCommitter | null,
  story: Story,
  baseHash: string | undefined,
): Promise<SavedResult | MergedResult | ConflictResult> {
  const current = await vault.currentText(story.id);
  if (!baseHash || !current || contentHash(current.text) === baseHash) return vault.save(story);

  const base = vault.versions.get(baseHash) ?? (await committedText(vault.root, current.file)) ?? '';
  const mine = patchStoryFile(base || current.text, story);
  const merged = await mergeText(mine, base, current.text);
  const parsed = merged.clean ? parseStoryFile(merged.text) : null;
  if (parsed?.ok) {
    await committer?.commitNow([current.file], `outside edit: ${story.title}`);
    const record = await vault.writeStoryText(current.file, merged.text);
    if (record) {
      await committer?.commitNow([current.file], `story: ${story.title} (merged with an outside edit)`);
      return { kind: 'merged', record };
    }
  }
  const theirs = parseStoryFile(current.text);
  const from = base ? parseStoryFile(base) : null;
  return {
    kind: 'conflict',
    file: current.file,
    // "Mine" is the outside version with my edits on it: a field only the outside edit changed
    // is theirs, so it is neither shown as a difference nor written back by "Keep mine".
    mine: theirs.ok && from?.ok ? rebaseEdits(theirs.story, from.story, story, 'edits').story : story,
    theirs: theirs.ok ? theirs.story : null,
    theirsText: current.text,
    mergedText: merged.text,
  };
}

/**
 * Applies the user's answer to a conflict. Whichever side wins, the other is committed first, so
 * `git log -p` shows both versions.
 */
export async function resolveConflict(
  vault: Vault,
  committer: AutoCommitter | null,
  resolution: 'keep-mine' | 'take-theirs' | 'use-merged',
  mine: Story,
  mergedText: string | undefined,
): Promise<SavedResult> {
  const current = await vault.currentText(mine.id);
  const file = current?.file;
  if (file) await committer?.commitNow([file], `outside edit: ${mine.title}`);
  if (resolution === 'keep-mine') {
    const saved = await vault.save(mine);
    await committer?.commitNow(
      saved.renamedFrom ? [saved.renamedFrom, saved.record.file] : [saved.record.file],
      `story: ${mine.title} (kept mine over an outside edit)`,
    );
    return { kind: 'saved', record: saved.record, written: saved.written };
  }
  if (!current || !file)
    throw new StoryBankError('not-found', `the file of "${mine.title}" is gone; keep your version to write it again`);
  if (resolution === 'take-theirs') {
    // Record the discarded edits in history, then put the outside version back.
    await vault.writeStoryText(file, patchStoryFile(current.text, mine));
    await committer?.commitNow([file], `story: ${mine.title} (my version, replaced by an outside edit)`);
    const record = await vault.writeStoryText(file, current.text);
    await committer?.commitNow([file], `story: ${mine.title} (took the outside edit)`);
    if (!record)
      throw new StoryBankError('conflict', `${file} on disk is not a valid story; fix it there or keep your version`);
    return { kind: 'saved', record, written: true };
  }
  if (mergedText === undefined) throw new StoryBankError('bad-request', 'use-merged needs the merged text');
  if (conflictMarkerLine(mergedText) !== null) {
    throw new StoryBankError(
      'conflict',
      'the merged text still has conflict markers (<<<<<<<, =======, >>>>>>>): edit them out first',
    );
  }
  const parsed = parseStoryFile(mergedText);
  if (!parsed.ok)
    throw new StoryBankError(
      'bad-request',
      `the merged text is not a valid story: line ${parsed.line} ${parsed.field ?? ''} ${parsed.message}`.replace(
        / +/g,
        ' ',
      ),
    );
  if (parsed.story.id !== mine.id)
    throw new StoryBankError('bad-request', `the merged text must keep the id "${mine.id}"`);
  const record = await vault.writeStoryText(file, mergedText);
  await committer?.commitNow([file], `story: ${mine.title} (merged by hand with an outside edit)`);
  if (!record) throw new StoryBankError('internal', 'the merged story did not read back');
  return { kind: 'saved', record, written: true };
}
