import { cp, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoriesChanged } from '../../core/api';
import { renderStoryFile } from '../../core/storyFile';
import { sampleStory } from '../../../test/helpers/sampleStory';
import { tempDir } from '../../../test/helpers/tempDir';
import { runGit } from '../git/runGit';
import { Vault } from './vault';

const open: Vault[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((vault) => vault.close()));
});

async function openVault(root: string): Promise<Vault> {
  const vault = await Vault.open(root);
  open.push(vault);
  await vault.startWatching();
  return vault;
}

/** Resolves with the next change event matching `until`, failing the test after 5 s. */
function nextChange(
  vault: Vault,
  until: (change: StoriesChanged) => boolean = () => true,
  what = 'a change',
): Promise<StoriesChanged> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no event for ${what} within 10 s`)), 10_000);
    const stop = vault.onChange((change) => {
      if (!until(change)) return;
      clearTimeout(timer);
      stop();
      resolve(change);
    });
  });
}

describe('Vault', () => {
  it('sets up a plain folder as a vault without touching what is in it, and starts a git repository', async () => {
    const root = await tempDir();
    await writeFile(join(root, 'notes.txt'), 'mine');
    await writeFile(join(root, '.gitignore'), 'secret.txt');
    const vault = await openVault(root);
    expect(await readFile(join(root, 'notes.txt'), 'utf8')).toBe('mine');
    expect(await readFile(join(root, '.gitignore'), 'utf8')).toMatch(
      /^secret.txt\n# Story Bank.*\nrehearsals\/\*\*\/\*.webm\n\.storybank\/\n$/s,
    );
    expect(vault.gitRoot).toBeTruthy();
    const { stdout } = await runGit(root, ['log', '--format=%s']);
    expect(stdout).toContain('vault: start a Story Bank vault');
  });

  it('loads the sample vault: eight valid stories, no problems', async () => {
    const root = join(await tempDir(), 'vault');
    await cp(join(process.cwd(), 'resources', 'sample-vault'), root, { recursive: true });
    const vault = await openVault(root);
    const snapshot = vault.snapshot();
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.stories).toHaveLength(8);
    expect(new Set(snapshot.stories.map((r) => r.story.competency)).size).toBe(8);
  });

  it('reads a vault of hundreds of files in file order: of two files with one id, the first wins', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'stories'));
    const count = 300;
    await Promise.all(
      Array.from({ length: count }, (_, i) => {
        // Every tenth file repeats the id of the one before it: the first in file order wins.
        const id = `story-${i - (i % 10 === 9 ? 1 : 0)}`;
        const text = renderStoryFile({ ...sampleStory(), id, title: `Story ${i}` });
        return writeFile(join(root, 'stories', `${String(i).padStart(4, '0')}.md`), text);
      }),
    );
    const { stories, problems } = await Vault.read(root);
    expect(stories).toHaveLength(count - count / 10);
    expect(problems).toHaveLength(count / 10);
    expect(problems[0]).toMatchObject({ file: 'stories/0009.md', field: 'id' });
    expect(problems[0].message).toContain('already used by stories/0008.md');
    expect(stories.find((r) => r.story.id === 'story-8')?.story.title).toBe('Story 8');
  });

  it('reports files written, changed, renamed and deleted by another program', async () => {
    const root = await tempDir();
    const vault = await openVault(root);
    const path = join(root, 'stories', 'raft.md');

    let change = nextChange(vault);
    await writeFile(path, renderStoryFile(sampleStory()));
    expect((await change).upserted.map((r) => r.file)).toEqual(['stories/raft.md']);

    change = nextChange(
      vault,
      (c) => c.upserted.some((r) => r.story.title === 'Changed elsewhere'),
      'an in-place write',
    );
    await writeFile(path, renderStoryFile(sampleStory({ title: 'Changed elsewhere' })));
    expect((await change).upserted[0].story.title).toBe('Changed elsewhere');

    change = nextChange(vault, (c) => c.upserted.some((r) => r.file === 'stories/moved.md'), 'a rename');
    await rename(path, join(root, 'stories', 'moved.md'));
    expect((await change).upserted[0].file).toBe('stories/moved.md');
    expect(vault.snapshot().stories.map((r) => r.file)).toEqual(['stories/moved.md']);

    change = nextChange(vault, (c) => c.removed.length > 0, 'a delete');
    await unlink(join(root, 'stories', 'moved.md'));
    expect((await change).removed).toEqual(['stories/moved.md']);
    expect(vault.snapshot().stories).toEqual([]);
  });

  it('reports an editor’s save-by-rename as one change, not a delete and an add', async () => {
    const root = await tempDir();
    const vault = await openVault(root);
    const path = join(root, 'stories', 'raft.md');
    let change = nextChange(vault);
    await writeFile(path, renderStoryFile(sampleStory()));
    await change;
    const events: StoriesChanged[] = [];
    vault.onChange((c) => events.push(c));
    change = nextChange(vault, (c) => c.upserted.length > 0);
    await writeFile(`${path}.tmp~`, renderStoryFile(sampleStory({ title: 'Saved by rename' })));
    await rename(`${path}.tmp~`, path);
    expect((await change).upserted[0].story.title).toBe('Saved by rename');
    await new Promise((r) => setTimeout(r, 300));
    expect(events.flatMap((e) => e.removed)).toEqual([]);
  });

  it('saves atomically, announces its own save once, and does not echo it back from the watcher', async () => {
    const root = await tempDir();
    const vault = await openVault(root);
    const events: StoriesChanged[] = [];
    vault.onChange((c) => events.push(c));
    const { record, written } = await vault.save(sampleStory());
    expect(written).toBe(true);
    expect(record.file).toBe('stories/cutting-failover-time-with-raft.md');
    await new Promise((r) => setTimeout(r, 500));
    expect(events).toHaveLength(1);
    expect(await vault.save(sampleStory())).toMatchObject({ written: false });
    expect(await readFile(join(root, record.file), 'utf8')).toBe(renderStoryFile(sampleStory()));
  });

  it('lists a broken file as needing attention, leaves it as it is, and keeps the rest working', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'stories'), { recursive: true });
    await writeFile(join(root, 'stories', 'good.md'), renderStoryFile(sampleStory()));
    await writeFile(join(root, 'stories', 'bad.md'), '---\nid: bad\ntitle: [oops\n---\n');
    await writeFile(join(root, 'stories', 'twin.md'), renderStoryFile(sampleStory({ title: 'Same id' })));
    const vault = await openVault(root);
    const { stories, problems } = vault.snapshot();
    expect(stories.map((r) => r.file)).toEqual(['stories/good.md']);
    expect(problems.map((p) => `${p.file}:${p.line}`)).toEqual(['stories/bad.md:3', 'stories/twin.md:2']);
    expect(problems[1].message).toContain('already used by stories/good.md');
    expect(await readFile(join(root, 'stories', 'bad.md'), 'utf8')).toBe('---\nid: bad\ntitle: [oops\n---\n');
  });
});

describe('Vault watch failures', () => {
  it('falls back to polling on ENOSPC, tells the user the fix, and still sees outside edits', async () => {
    const root = await tempDir();
    const vault = await openVault(root);
    const states: string[] = [];
    vault.onWatchState((state) => states.push(`${state.mode}: ${state.fix}`));
    const error = Object.assign(new Error('inotify watch limit reached'), { code: 'ENOSPC' });
    await vault.handleWatchError(error);
    expect(vault.watchState.mode).toBe('polling');
    expect(states[0]).toMatch(/^polling: .*max_user_watches/);
    const change = nextChange(vault, (c) => c.upserted.length > 0, 'a write seen by polling');
    await writeFile(join(root, 'stories', 'raft.md'), renderStoryFile(sampleStory()));
    expect((await change).upserted[0].file).toBe('stories/raft.md');
  });
});
