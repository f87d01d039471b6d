/* eslint-disable no-restricted-imports --
   The renderer never imports main or Node; this test does on purpose: it drives the picks through
   the editor's state against the real service, vault and git in a temp folder. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConflictResult } from '@core/api';
import { renderStoryFile } from '@core/frontmatter/renderStoryFile';
import { createStoryBankService, type StoryBankService } from '../../../../../main/api/storyBankService';
import { runGit } from '../../../../../main/git/runGit';
import { Vault } from '../../../../../main/vault/vault';
import { StoryEditorState } from '../StoryEditorState.svelte';
import { ConflictPicksState } from './ConflictPicksState.svelte';
import { sampleStory } from '../../../../../../test/helpers/sampleStory';
import { inProcessClient } from '../../../../../../test/helpers/inProcessApi';
import { tempDir } from '../../../../../../test/helpers/tempDir';

const open: Array<{ vault: Vault; service: StoryBankService; editor: StoryEditorState }> = [];
afterEach(async () => {
  for (const { vault, service, editor } of open.splice(0)) {
    editor.dispose();
    await service.close();
    await vault.close();
  }
});

/** An editor whose metric and title edits clash with an outside edit of the same lines. */
async function conflicted() {
  const root = await tempDir();
  await mkdir(join(root, 'stories'), { recursive: true });
  const file = join(root, 'stories', 'raft.md');
  await writeFile(file, renderStoryFile(sampleStory()));
  const vault = await Vault.open(root);
  const service = createStoryBankService(vault, { host: 'browser', version: 'test' }, { commitQuietMs: 60_000 });
  const editor = new StoryEditorState(inProcessClient(service), vault.findById('raft-failover')!);
  open.push({ vault, service, editor });
  editor.edit('metric', 'mine 1 s');
  editor.edit('title', 'Mine title');
  editor.edit('keyPhrases', ['majority quorum', 'term']);
  const text = await readFile(file, 'utf8');
  await writeFile(
    file,
    text.replace(/^metric: .*$/m, 'metric: theirs 3 s').replace(/^title: .*$/m, 'title: Theirs title'),
  );
  await editor.save();
  const conflict = editor.conflict as ConflictResult;
  expect(conflict?.fields?.map((field) => [field.field, field.merge])).toEqual([
    ['title', 'clash'],
    ['metric', 'clash'],
    ['keyPhrases', 'mine'],
  ]);
  const picks = new ConflictPicksState(editor, { ...conflict, theirs: conflict.theirs!, fields: conflict.fields! });
  return { root, file, vault, editor, picks };
}

describe('picking per field', () => {
  it('opens the fields both sides changed, pre-picks the others, and saves nothing while a clash is open', async () => {
    const { file, editor, picks } = await conflicted();
    expect(picks.contested.map((field) => field.field)).toEqual(['title', 'metric']);
    expect(picks.settled.map((field) => field.field)).toEqual(['keyPhrases']);
    expect(picks.picks).toEqual({ title: null, metric: null, keyPhrases: 'mine' });
    const before = await readFile(file, 'utf8');
    await picks.save();
    expect(picks.error).toBe('Pick a version for Title, Metric.');
    expect(editor.conflict).not.toBeNull();
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('refuses a typed value the field cannot hold, then saves the picks and the typed value', async () => {
    const { root, vault, editor, picks } = await conflicted();
    const [title, metric] = picks.contested;
    picks.pick(title, 'edit');
    expect(picks.texts.title).toBe('Mine title');
    picks.texts.title = '  ';
    picks.pick(metric, 'theirs');
    expect(picks.editError(title)).toBe('a title is required');
    await picks.save();
    expect(picks.error).toBe('Fix the typed values first. Title: a title is required.');
    expect(editor.conflict).not.toBeNull();

    picks.texts.title = 'Both titles';
    await picks.save();
    expect(picks.error).toBeNull();
    expect(editor.conflict).toBeNull();
    expect(editor.status).toBe('saved');
    expect(editor.draft).toMatchObject({ title: 'Both titles', metric: 'theirs 3 s' });
    // A title typed anew renames the file after it, as any title edit does.
    const record = vault.findById('raft-failover')!;
    expect(record.file).toBe('stories/both-titles.md');
    const text = await readFile(join(root, record.file), 'utf8');
    expect(text).toContain('metric: theirs 3 s');
    expect(text).toContain('  - term');
    const log = (await runGit(root, ['log', '-p', '--format=%s'])).stdout;
    expect(log).toContain('+metric: mine 1 s');
    expect(log).toContain('+title: Theirs title');
  });
});
