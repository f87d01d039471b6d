/* eslint-disable no-restricted-imports --
   The renderer never imports main or Node; this test does on purpose: it drives the editor's
   state against the real service, vault and git in a temp folder, as the app does over IPC. */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newStory } from '@core/newStory';
import { parseStoryFile } from '@core/frontmatter/parseStoryFile';
import { StoryEditorState } from './StoryEditorState.svelte';
import { openSampleVault } from '../../../../../test/helpers/inProcessApi';

const TITLE = 'Making the cache honest';
const SLUG = 'making-the-cache-honest';
const opened: Array<{ close: () => Promise<void>; editor: StoryEditorState }> = [];
afterEach(async () => {
  for (const { close, editor } of opened.splice(0)) {
    editor.dispose();
    await close();
  }
});

/** The sample vault with a new story in it, as the board makes one, open in the editor. */
async function setup() {
  const v = await openSampleVault({ watch: false });
  const story = newStory('architecture', new Set(v.vault.snapshot().stories.map((r) => r.story.id)));
  const created = await v.api.saveStory({ story });
  if (created.kind === 'conflict') throw new Error('a new story cannot conflict');
  const renames: Array<[string, string]> = [];
  const editor = new StoryEditorState(v.api, created.record, { onIdChange: (from, to) => renames.push([from, to]) });
  opened.push({ close: v.close, editor });
  const storyFiles = async () => (await readdir(join(v.root, 'stories'))).filter((name) => !name.startsWith('.'));
  const onDisk = async (file: string) => {
    const parsed = parseStoryFile(await readFile(join(v.root, file), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.story;
  };
  return { ...v, story, editor, renames, storyFiles, onDisk };
}

describe('a new story in the editor takes its title’s id', () => {
  it('not on every save of the title, but when the title is settled', async () => {
    const { story, editor, renames, storyFiles, onDisk, vault } = await setup();
    for (const title of ['M', 'Ma', 'Mak', TITLE]) {
      editor.edit('title', title);
      await editor.save();
      expect(editor.id).toBe(story.id);
    }
    await editor.settle();
    expect(editor.id).toBe(SLUG);
    expect(renames).toEqual([[story.id, SLUG]]);
    expect(await onDisk(`stories/${SLUG}.md`)).toMatchObject({ id: SLUG, title: TITLE });
    expect((await storyFiles()).filter((name) => name.includes('untitled') || name.startsWith('m'))).toEqual([
      `${SLUG}.md`,
    ]);

    // Saving on goes to the same file, as a plain save (its base is the renamed file).
    editor.edit('metric', '40 % fewer stale reads');
    await editor.save();
    expect(editor.status).toBe('saved');
    expect(editor.mergedNotice).toBe(false);
    expect(vault.findById(SLUG)?.story.metric).toBe('40 % fewer stale reads');
    // Settling again changes nothing.
    await editor.settle();
    expect(renames).toHaveLength(1);
  });

  it('keeps every key typed while the id changes', async () => {
    const { editor, api, storyFiles, onDisk } = await setup();
    editor.edit('title', TITLE);
    const typed = 'The cache served certificate chains after they were revoked.';
    const real = api.adoptTitleId;
    api.adoptTitleId = async (input) => {
      const answer = real(input);
      // The user goes on typing in the next field, a key at a time, while main renames.
      for (const [at] of [...typed].entries()) {
        editor.edit('situation', typed.slice(0, at + 1));
        if (at % 7 === 0) void editor.save();
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      return answer;
    };
    await editor.settle();
    await editor.save();
    expect(editor.id).toBe(SLUG);
    expect(editor.status).toBe('saved');
    expect(await storyFiles()).toContain(`${SLUG}.md`);
    expect((await storyFiles()).filter((name) => name.includes('untitled'))).toEqual([]);
    expect(await onDisk(`stories/${SLUG}.md`)).toMatchObject({ id: SLUG, sections: { situation: typed } });
  });

  it('takes in an outside edit made between the last save and the id change', async () => {
    const { editor, vault, root } = await setup();
    editor.edit('title', TITLE);
    await editor.save();
    const file = vault.findById(editor.id)!.file;
    const text = await readFile(join(root, file), 'utf8');
    await vault.writeStoryText(file, text.replace(/^metric:.*$/m, 'metric: 3 stale reads a day'));
    await editor.settle();
    expect(editor.id).toBe(SLUG);
    expect(editor.draft.metric).toBe('3 stale reads a day');
    expect(editor.baseHash).toBe(vault.findById(SLUG)!.hash);
  });

  it('leaves an untitled story and a story with a real id as they are', async () => {
    const { story, editor, renames } = await setup();
    await editor.settle();
    expect(editor.id).toBe(story.id);
    expect(renames).toEqual([]);
  });
});
