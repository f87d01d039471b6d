import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderStoryFile } from '../src/core/frontmatter/renderStoryFile';
import { sampleStory } from './helpers/sampleStory';
import { openTakeVault, RAFT_ID, RAFT_TITLE } from './helpers/rehearsalVault';

const RAFT_FILE = 'stories/01-replicating-attestations-with-raft.md';
const CACHE_ID = 'chain-verification-cache';
const CACHE_FILE = 'stories/05-caching-verified-certificate-chains.md';

describe('the list of deleted stories', () => {
  it('lists deletions newest first with the title and date they had, until one is restored', async () => {
    const v = await openTakeVault();
    expect(await v.ok('listDeletedStories', {})).toEqual([]);
    const raftText = await readFile(join(v.root, RAFT_FILE), 'utf8');
    const raft = await v.ok('deleteStory', { id: RAFT_ID });
    const cache = await v.ok('deleteStory', { id: CACHE_ID });

    const listed = await v.ok('listDeletedStories', {});
    expect(listed.map(({ id, title, file, commit }) => ({ id, title, file, commit }))).toEqual([
      { id: CACHE_ID, title: 'Caching verified certificate chains', file: CACHE_FILE, commit: cache.commit },
      { id: RAFT_ID, title: RAFT_TITLE, file: RAFT_FILE, commit: raft.commit },
    ]);
    expect(Date.parse(listed[0].date)).not.toBeNaN();

    const restored = await v.ok('restoreDeletedStory', { file: RAFT_FILE, commit: raft.commit });
    expect(restored).toMatchObject({ file: RAFT_FILE, story: { id: RAFT_ID } });
    expect(await readFile(join(v.root, RAFT_FILE), 'utf8')).toBe(raftText);
    expect(await v.git('log', '-1', '--format=%s')).toBe(
      `restore: ${RAFT_TITLE} (deletion ${raft.commit!.slice(0, 12)} undone)`,
    );
    expect((await v.ok('listDeletedStories', {})).map((story) => story.id)).toEqual([CACHE_ID]);
  });

  it('restores beside a story that took the file and id since, under a new file and id', async () => {
    const v = await openTakeVault();
    const deleted = await v.ok('deleteStory', { id: CACHE_ID });
    // A story with the same id, in the same file, written since.
    const mine = renderStoryFile(sampleStory({ id: CACHE_ID, title: 'Mine' }));
    await v.vault.writeStoryText(CACHE_FILE, mine);

    const restored = await v.ok('restoreDeletedStory', { file: CACHE_FILE, commit: deleted.commit });
    expect(restored.story.id).toBe(`${CACHE_ID}-2`);
    expect(restored.file).toBe('stories/caching-verified-certificate-chains.md');
    expect(await readFile(join(v.root, CACHE_FILE), 'utf8')).toBe(mine);
    const text = await readFile(join(v.root, restored.file), 'utf8');
    expect(text).toContain(`id: ${CACHE_ID}-2\n`);
    expect(v.vault.findById(CACHE_ID)?.file).toBe(CACHE_FILE);
    expect(await v.git('log', '-1', '--format=%s')).toBe(
      `restore: Caching verified certificate chains as ${restored.file} (deletion ${deleted.commit!.slice(0, 12)} undone)`,
    );
    expect(await v.ok('listDeletedStories', {})).toEqual([]);
  });

  it('counts a deletion put back with git by hand as restored, and a rename as no deletion', async () => {
    const v = await openTakeVault();
    const deleted = await v.ok('deleteStory', { id: CACHE_ID });
    await v.git('checkout', `${deleted.commit}^`, '--', CACHE_FILE);
    await v.git('commit', '-q', '-m', 'put it back', '--', CACHE_FILE);
    await v.git('mv', RAFT_FILE, 'stories/raft.md');
    await v.git('commit', '-q', '-m', 'rename', '--', RAFT_FILE, 'stories/raft.md');
    expect(await v.ok('listDeletedStories', {})).toEqual([]);
  });

  it('lists a deleted file that was not a valid story by its name', async () => {
    const v = await openTakeVault();
    await writeFile(join(v.root, 'stories', 'notes.md'), 'just notes\n');
    await v.git('add', 'stories/notes.md');
    await v.git('commit', '-q', '-m', 'notes');
    await v.git('rm', '-q', 'stories/notes.md');
    await v.git('commit', '-q', '-m', 'no notes');
    expect(await v.ok('listDeletedStories', {})).toMatchObject([
      { id: null, title: 'notes.md', file: 'stories/notes.md' },
    ]);
  });
});
