/* eslint-disable no-restricted-imports --
   The renderer never imports main or Node; this test does on purpose: it drives the editor's
   state against the real service, vault and git in a temp folder, as the app does over IPC. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoryBankApi, StoryRecord } from '@core/api';
import { renderStoryFile } from '@core/frontmatter/renderStoryFile';
import { createStoryBankService, type StoryBankService } from '../../../../main/api/storyBankService';
import { parseStoryFile } from '@core/frontmatter/parseStoryFile';
import { Vault } from '../../../../main/vault/vault';
import { StoryEditorState, UNDO_GROUP_MS } from './StoryEditorState.svelte';
import { sampleStory } from '../../../../../test/helpers/sampleStory';
import { inProcessClient } from '../../../../../test/helpers/inProcessApi';
import { tempDir } from '../../../../../test/helpers/tempDir';

const open: Array<{ vault: Vault; service: StoryBankService; editor?: StoryEditorState }> = [];
afterEach(async () => {
  for (const { vault, service, editor } of open.splice(0)) {
    editor?.dispose();
    await service.close();
    await vault.close();
  }
});

/** A vault holding the sample story (committed), its service, and an editor on the story. */
async function setup() {
  const root = await tempDir();
  await mkdir(join(root, 'stories'), { recursive: true });
  const file = join(root, 'stories', 'raft.md');
  await writeFile(file, renderStoryFile(sampleStory()));
  const vault = await Vault.open(root);
  const service = createStoryBankService(vault, { host: 'browser', version: 'test' }, { commitQuietMs: 60_000 });
  const api = inProcessClient(service);
  let now = 1_000_000;
  const clock = {
    advance: (ms: number) => (now += ms),
  };
  const editor = new StoryEditorState(api, vault.findById('raft-failover')!, { now: () => now });
  open.push({ vault, service, editor });
  const onDisk = async () => {
    const parsed = parseStoryFile(await readFile(file, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.story;
  };
  /** Edits the file as another program would. */
  const editOutside = async (change: (text: string) => string) => writeFile(file, change(await readFile(file, 'utf8')));
  return { root, file, vault, api, editor, clock, onDisk, editOutside };
}

/** Runs `during` once, right after the first saveStory request has left (the user keeps typing). */
function typeDuringSave(api: StoryBankApi, during: () => void | Promise<void>): void {
  const real = api.saveStory;
  let done = false;
  api.saveStory = async (input) => {
    const pending = real(input);
    if (!done) {
      done = true;
      await during();
    }
    return pending;
  };
}

const ACTION = sampleStory().sections.action;

describe('StoryEditorState: saving while the file changes on disk', () => {
  it('keeps every character typed while a merge with an outside edit was under way', async () => {
    const { api, editor, onDisk, editOutside } = await setup();
    editor.edit('metric', 'mine: 1.5 s');
    await editOutside((text) =>
      text.replace('Recover from a node crash in under 5 s.', 'Recover within 5 s (outside).'),
    );
    typeDuringSave(api, () => {
      editor.edit('metric', 'mine: 1.5 s median');
      editor.edit('action', `${ACTION} Then I measured it.`);
      editor.edit('keyPhrases', ['majority quorum', 'typed during the save'], { step: true });
    });
    await editor.save();

    expect(editor.mergedNotice).toBe(true);
    expect(editor.draft.metric).toBe('mine: 1.5 s median');
    expect(editor.draft.sections.action).toBe(`${ACTION} Then I measured it.`);
    expect(editor.draft.keyPhrases).toEqual(['majority quorum', 'typed during the save']);
    expect(editor.draft.sections.task).toBe('Recover within 5 s (outside).');
    // The keys typed during the save are not on disk yet, and are saved next.
    expect(editor.status).toBe('unsaved');
    await editor.save();
    expect(editor.status).toBe('saved');
    const saved = await onDisk();
    expect(saved.metric).toBe('mine: 1.5 s median');
    expect(saved.sections.action).toBe(`${ACTION} Then I measured it.`);
    expect(saved.keyPhrases).toEqual(['majority quorum', 'typed during the save']);
    expect(saved.sections.task).toBe('Recover within 5 s (outside).');
  });

  it('keeps typing in the very section the outside edit changed', async () => {
    const { api, editor, onDisk, editOutside } = await setup();
    editor.edit('metric', 'mine: 1.5 s');
    await editOutside((text) => text.replace('I compared primary-backup', 'First I compared primary-backup'));
    typeDuringSave(api, () => editor.edit('action', `${ACTION} Then I measured it.`));
    await editor.save();
    expect(editor.draft.sections.action).toBe(`First ${ACTION} Then I measured it.`);
    await editor.save();
    expect((await onDisk()).sections.action).toBe(`First ${ACTION} Then I measured it.`);
    expect((await onDisk()).metric).toBe('mine: 1.5 s');
  });

  it('takes an outside edit reported while its own save was under way', async () => {
    const { api, vault, editor } = await setup();
    editor.edit('metric', 'mine: 1.5 s');
    let outside: StoryRecord | null = null;
    const real = api.saveStory;
    api.saveStory = async (input) => {
      const result = await real(input);
      // Another program saves right after us; the vault reports it before our answer arrives.
      const record = vault.findById('raft-failover')!;
      const text = renderStoryFile({ ...record.story, title: 'Renamed elsewhere' });
      outside = await vault.writeStoryText(record.file, text);
      editor.receive(outside!);
      return result;
    };
    await editor.save();
    expect(editor.draft.title).toBe('Renamed elsewhere');
    expect(editor.draft.metric).toBe('mine: 1.5 s');
    expect(editor.baseHash).toBe(outside!.hash);
    expect(editor.status).toBe('saved');
  });
});

describe('StoryEditorState: undo and redo', () => {
  it('groups keystrokes less than a second apart in one field into one step', async () => {
    const { editor, clock } = await setup();
    editor.edit('metric', '1');
    clock.advance(300);
    editor.edit('metric', '1.');
    clock.advance(300);
    editor.edit('metric', '1.5');
    clock.advance(UNDO_GROUP_MS + 1);
    editor.edit('metric', '1.5 s');
    expect(editor.canUndo).toBe(true);
    expect(editor.undo()).toEqual(['metric']);
    expect(editor.draft.metric).toBe('1.5');
    expect(editor.undo()).toEqual(['metric']);
    expect(editor.draft.metric).toBe('1.8 s median leader election');
    expect(editor.canUndo).toBe(false);
    expect(editor.undo()).toEqual([]);
    expect(editor.redo()).toEqual(['metric']);
    expect(editor.draft.metric).toBe('1.5');
    expect(editor.redo()).toEqual(['metric']);
    expect(editor.draft.metric).toBe('1.5 s');
    expect(editor.canRedo).toBe(false);
  });

  it('starts a new step for another field, a list change, and after an undo', async () => {
    const { editor, clock } = await setup();
    editor.edit('title', 'T');
    clock.advance(10);
    editor.edit('metric', 'M');
    clock.advance(10);
    editor.edit('keyPhrases', ['majority quorum', 'new'], { step: true });
    clock.advance(10);
    editor.edit('keyPhrases', ['majority quorum', 'newer']);
    editor.undo();
    expect(editor.draft.keyPhrases).toEqual(['majority quorum', 'new']);
    editor.undo();
    expect(editor.draft.keyPhrases).toEqual(['majority quorum']);
    expect(editor.draft.metric).toBe('M');
    clock.advance(10);
    // A new edit right after an undo is its own step, and clears what could be redone.
    editor.edit('metric', 'M2');
    expect(editor.canRedo).toBe(false);
    editor.undo();
    expect(editor.draft.metric).toBe('M');
    editor.undo();
    expect(editor.draft.metric).toBe('1.8 s median leader election');
    editor.undo();
    expect(editor.draft.title).toBe('Cutting failover time with Raft');
  });

  it('undoes your own edit, not an outside change applied since', async () => {
    const { editor, vault, onDisk, editOutside, file } = await setup();
    editor.edit('metric', 'mine: 1.5 s');
    await editor.save();
    await editOutside((text) => text.replace('Three nodes had to agree', 'Three nodes (outside) had to agree'));
    // The vault reports the outside edit; with nothing unsaved, the editor takes it.
    const text = await readFile(file, 'utf8');
    const record = await vault.writeStoryText('stories/raft.md', text);
    editor.receive(record!);
    expect(editor.draft.sections.situation).toContain('(outside)');

    expect(editor.undo()).toEqual(['metric']);
    expect(editor.draft.metric).toBe('1.8 s median leader election');
    expect(editor.draft.sections.situation).toContain('(outside)');
    expect(editor.status).toBe('unsaved');
    await editor.save();
    expect(await onDisk()).toMatchObject({ metric: '1.8 s median leader election' });
    expect((await onDisk()).sections.situation).toContain('(outside)');

    expect(editor.redo()).toEqual(['metric']);
    expect(editor.draft.metric).toBe('mine: 1.5 s');
    expect(editor.draft.sections.situation).toContain('(outside)');
  });

  it('undoes typing in a section an outside edit also changed, keeping the outside words', async () => {
    const { editor, vault, editOutside, file } = await setup();
    editor.edit('action', `${ACTION} Then I measured it.`);
    await editor.save();
    await editOutside((text) => text.replace('I compared primary-backup', 'First I compared primary-backup'));
    editor.receive((await vault.writeStoryText('stories/raft.md', await readFile(file, 'utf8')))!);
    editor.undo();
    expect(editor.draft.sections.action).toBe(`First ${ACTION}`);
    editor.redo();
    expect(editor.draft.sections.action).toBe(`First ${ACTION} Then I measured it.`);
  });

  it('skips a step an outside change already reverted', async () => {
    const { editor, clock } = await setup();
    editor.edit('title', 'Mine');
    clock.advance(2_000);
    editor.edit('metric', 'mine');
    await editor.save();
    // Someone else puts the metric back as it was; undo then has nothing to do there.
    editor.receive({
      file: 'stories/raft.md',
      hash: 'f'.repeat(64),
      story: { ...structuredClone($state.snapshot(editor.draft)), metric: '1.8 s median leader election' },
    });
    expect(editor.undo()).toEqual(['title']);
    expect(editor.draft.title).toBe('Cutting failover time with Raft');
  });

  it('does nothing while a conflict waits', async () => {
    const { editor, editOutside } = await setup();
    editor.edit('metric', 'mine');
    await editOutside((text) => text.replace(/^metric: .*$/m, 'metric: theirs'));
    await editor.save();
    expect(editor.status).toBe('conflict');
    expect(editor.undo()).toEqual([]);
    editor.edit('metric', 'ignored');
    expect(editor.draft.metric).toBe('mine');
  });
});

describe('StoryEditorState: focus requests', () => {
  it('shows the fields and asks for the field', async () => {
    const { editor } = await setup();
    editor.view = 'preview';
    editor.focusField('keyPhrases');
    expect(editor.view).toBe('edit');
    expect(editor.focusRequest).toEqual({ field: 'keyPhrases' });
  });
});
