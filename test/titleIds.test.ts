import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoriesChanged } from '../src/core/api';
import { emptyTiming } from '../src/core/rehearsal/take';
import { newStory } from '../src/core/newStory';
import type { Story } from '../src/core/story';
import { openTakeVault, takeFolder, type TakeVault } from './helpers/rehearsalVault';

const TITLE = 'Making the cache honest';
const SLUG = 'making-the-cache-honest';

/** A new story as the board makes one, saved, then given `title` as the editor saves it. */
async function untitledWithTitle(v: TakeVault, title = TITLE): Promise<Story> {
  const taken = new Set(v.vault.snapshot().stories.map((record) => record.story.id));
  const story = newStory('architecture', taken);
  await v.ok('saveStory', { story });
  const titled = { ...story, title, sections: { ...story.sections, situation: 'The cache served stale chains.' } };
  await v.ok('saveStory', { story: titled, baseHash: v.vault.findById(story.id)!.hash });
  return titled;
}

describe('a new story takes its title’s id', () => {
  it('changes the id line in the titled file, keeps one history, and reports the change', async () => {
    const v = await openTakeVault();
    const changes: StoriesChanged[] = [];
    v.service.subscribe((event, payload) => event === 'storiesChanged' && changes.push(payload as StoriesChanged));
    // Committed once under its placeholder name, as closing the editor does.
    const story = await untitledWithTitle(v, 'M');
    await v.ok('commitNow', {});
    await v.ok('saveStory', { story: { ...story, title: TITLE }, baseHash: v.vault.findById(story.id)!.hash });

    const adopted = await v.ok('adoptTitleId', { id: story.id });
    expect(adopted.previousId).toBe(story.id);
    expect(adopted.record.story.id).toBe(SLUG);
    expect(adopted.record.file).toBe(`stories/${SLUG}.md`);
    const text = await readFile(join(v.root, adopted.record.file), 'utf8');
    expect(text).toContain(`id: ${SLUG}\n`);
    expect(text).not.toContain('untitled');
    expect(v.vault.findById(story.id)).toBeUndefined();
    expect(changes.at(-1)?.upserted.map((record) => record.story.id)).toEqual([SLUG]);

    await v.ok('commitNow', {});
    const history = await v.git('log', '--follow', '--format=%s', '--', adopted.record.file);
    expect(history.split('\n')).toEqual([`story: ${TITLE}`, 'story: M']);
    expect(await v.git('status', '--porcelain', '--', 'stories')).toBe('');
  });

  it('gives two stories of one title two ids, and overwrites neither', async () => {
    const v = await openTakeVault();
    const first = await untitledWithTitle(v);
    const second = await untitledWithTitle(v);
    const a = await v.ok('adoptTitleId', { id: first.id });
    const b = await v.ok('adoptTitleId', { id: second.id });
    expect([a.record.story.id, b.record.story.id]).toEqual([SLUG, `${SLUG}-2`]);
    expect(a.record.file).not.toBe(b.record.file);
    for (const { record } of [a, b])
      expect(await readFile(join(v.root, record.file), 'utf8')).toContain(`id: ${record.story.id}\n`);
  });

  it('leaves alone a story still untitled, one with a real id, and one whose id was adopted', async () => {
    const v = await openTakeVault();
    const story = newStory('architecture', new Set());
    await v.ok('saveStory', { story });
    expect((await v.ok('adoptTitleId', { id: story.id })).record.story.id).toBe(story.id);
    const real = v.vault.snapshot().stories[0].story.id;
    expect(await v.ok('adoptTitleId', { id: real })).toMatchObject({
      previousId: real,
      record: { story: { id: real } },
    });
    const titled = await untitledWithTitle(v);
    await v.ok('adoptTitleId', { id: titled.id });
    // Asked again (an answer lost on the way): the same story under its new id, nothing renamed twice.
    const again = await v.ok('adoptTitleId', { id: titled.id });
    expect(again).toMatchObject({ previousId: titled.id, record: { story: { id: SLUG } } });
    expect(await v.call('adoptTitleId', { id: 'no-such-story' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('takes a save sent under the old id as the renamed story’s, never as a new file', async () => {
    const v = await openTakeVault();
    const story = await untitledWithTitle(v);
    const baseHash = v.vault.findById(story.id)!.hash;
    await v.ok('adoptTitleId', { id: story.id });
    const late = { ...story, sections: { ...story.sections, task: 'Typed while the id changed.' } };
    const result = await v.ok('saveStory', { story: late, baseHash });
    expect(result.kind).not.toBe('conflict');
    const names = await readdir(join(v.root, 'stories'));
    expect(names.filter((name) => name.startsWith('untitled'))).toEqual([]);
    const text = await readFile(join(v.root, 'stories', `${SLUG}.md`), 'utf8');
    expect(text).toContain('Typed while the id changed.');
    expect(text).toContain(`id: ${SLUG}\n`);
  });

  it('makes a new story under a placeholder id a rename freed, leaving the renamed story alone', async () => {
    const v = await openTakeVault();
    const story = await untitledWithTitle(v);
    await v.ok('adoptTitleId', { id: story.id });
    const before = await readFile(join(v.root, 'stories', `${SLUG}.md`), 'utf8');
    const fresh = newStory('architecture', new Set(v.vault.snapshot().stories.map((record) => record.story.id)));
    expect(fresh.id).toBe(story.id);
    const created = await v.ok('saveStory', { story: fresh });
    expect(created).toMatchObject({ kind: 'saved', record: { story: { id: story.id, title: fresh.title } } });
    expect(await readFile(join(v.root, 'stories', `${SLUG}.md`), 'utf8')).toBe(before);
    expect(v.vault.findById(SLUG)?.story.title).toBe(TITLE);
    // The new one takes its own title's id in turn, not the first story's.
    await v.ok('saveStory', {
      story: { ...fresh, title: TITLE },
      baseHash: created.kind === 'saved' ? created.record.hash : '',
    });
    const adopted = await v.ok('adoptTitleId', { id: fresh.id });
    expect(adopted).toMatchObject({ previousId: fresh.id, record: { story: { id: `${SLUG}-2` } } });
    expect(await readFile(join(v.root, 'stories', `${SLUG}.md`), 'utf8')).toBe(before);
  });

  it('moves the story’s takes to the new id’s folder, and waits while one is recording', async () => {
    const v = await openTakeVault();
    const story = await untitledWithTitle(v);
    const take = await v.ok('startTake', { storyId: story.id, mimeType: null });
    // Recording: the id stays for now.
    expect((await v.ok('adoptTitleId', { id: story.id })).record.story.id).toBe(story.id);
    await v.ok('finishTake', { takeId: take.takeId, sidecar: emptyTiming('no-recording') });

    const adopted = await v.ok('adoptTitleId', { id: story.id });
    expect(adopted.record.story.id).toBe(SLUG);
    expect(existsSync(takeFolder(v.root, story.id))).toBe(false);
    const { takes, problems } = await v.ok('listTakes', { storyId: SLUG });
    expect(problems).toEqual([]);
    expect(takes.map((t) => [t.file, t.sidecar.storyId])).toEqual([[take.file, SLUG]]);
    expect(v.changes.at(-1)).toEqual({ storyId: SLUG });
    await v.ok('commitNow', {});
    expect(await v.git('status', '--porcelain')).toBe('');
    expect(await v.git('ls-files', 'rehearsals')).toBe(`rehearsals/${SLUG}/${take.file}`);
  });

  it('never gives a new story the id of takes left by a deleted one', async () => {
    const v = await openTakeVault();
    await mkdir(takeFolder(v.root, SLUG), { recursive: true });
    const story = await untitledWithTitle(v);
    expect((await v.ok('adoptTitleId', { id: story.id })).record.story.id).toBe(`${SLUG}-2`);
  });
});
