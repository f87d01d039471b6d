import type { ConflictResult, MergedResult, SavedResult } from '../../core/api';
import { StoryBankError } from '../../core/apiError';
import { applyFieldChoices, changedOnOneSide, fieldConflicts } from '../../core/conflictFields';
import { patchStoryFile } from '../../core/frontmatter/patchStoryFile';
import type { Story } from '../../core/story';
import { changedFields, rebaseEdits } from '../../core/storyFields';
import type { AutoCommitter } from '../git/autoCommitter';
import { mergeText } from '../git/mergeText';
import { committedText } from '../git/storyHistory';
import { contentHash } from './hash';
import { parseStoryFile } from '../../core/frontmatter/parseStoryFile';
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
  const theirs = parseStoryFile(current.text);
  const from = base ? parseStoryFile(base) : null;
  // Per field, what I typed against the file on disk, each with the version both began from.
  const fields = theirs.ok ? fieldConflicts(from?.ok ? from.story : null, story, theirs.story) : null;
  // Lines can clash where fields do not (edits to neighbouring lines): when each field changed
  // on one side only, my fields patched into the file on disk lose nothing of either.
  const fieldwise =
    !merged.clean && theirs.ok && fields && changedOnOneSide(fields)
      ? patchStoryFile(current.text, applyFieldChoices(theirs.story, fields, {}).story)
      : null;
  const text = merged.clean ? merged.text : fieldwise;
  const parsed = text === null ? null : parseStoryFile(text);
  if (text !== null && parsed?.ok) {
    await committer?.commitNow([current.file], `outside edit: ${story.title}`);
    const record = await vault.writeStoryText(current.file, text);
    if (record) {
      await committer?.commitNow([current.file], `story: ${story.title} (merged with an outside edit)`);
      return { kind: 'merged', record };
    }
  }
  return {
    kind: 'conflict',
    file: current.file,
    // "Mine" is the outside version with my edits on it: a field only the outside edit changed
    // is theirs, so it is neither shown as a difference nor written back by "Keep mine".
    mine: theirs.ok && from?.ok ? rebaseEdits(theirs.story, from.story, story, 'edits').story : story,
    theirs: theirs.ok ? theirs.story : null,
    theirsText: current.text,
    mergedText: merged.text,
    fields,
    theirsProblem: theirs.ok
      ? null
      : `line ${theirs.line}${theirs.field ? ` (${theirs.field})` : ''}: ${theirs.message}`,
  };
}

/**
 * Applies the user's answer to a conflict. Whichever side wins, the other is committed first, so
 * `git log -p` shows both versions; picks per field (`use-fields`, the story in `picked`) commit
 * both whole versions first, so no value left unpicked is lost.
 */
export async function resolveConflict(
  vault: Vault,
  committer: AutoCommitter | null,
  resolution: 'keep-mine' | 'take-theirs' | 'use-merged' | 'use-fields',
  mine: Story,
  mergedText: string | undefined,
  picked?: Story,
): Promise<SavedResult> {
  const current = await vault.currentText(mine.id);
  const file = current?.file;
  if (file) await committer?.commitNow([file], `outside edit: ${mine.title}`);
  if (resolution === 'use-fields') return savePicked(vault, committer, mine, picked, current);
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

/** Saves the story picked field by field, after committing my whole version when it differs. */
async function savePicked(
  vault: Vault,
  committer: AutoCommitter | null,
  mine: Story,
  picked: Story | undefined,
  current: { file: string; text: string } | null,
): Promise<SavedResult> {
  if (!picked) throw new StoryBankError('bad-request', 'use-fields needs the picked story');
  if (picked.id !== mine.id) throw new StoryBankError('bad-request', `the picked story must keep the id "${mine.id}"`);
  if (current && changedFields(mine, picked).length) {
    await vault.writeStoryText(current.file, patchStoryFile(current.text, mine));
    await committer?.commitNow([current.file], `story: ${mine.title} (my version, before picking per field)`);
    // Back to the version on disk (committed above), so the picks are saved against it: a title
    // picked from there keeps the file's name instead of renaming it after my version's title.
    await vault.writeStoryText(current.file, current.text);
  }
  // The ordinary save: the picked story is patched into the file and must read back as itself.
  const saved = await vault.save(picked);
  await committer?.commitNow(
    saved.renamedFrom ? [saved.renamedFrom, saved.record.file] : [saved.record.file],
    `story: ${picked.title} (merged field by field with an outside edit)`,
  );
  return { kind: 'saved', record: saved.record, written: saved.written };
}
