import { spawn } from 'node:child_process';
import { cp, mkdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoriesChanged, WatchState } from '../../core/api';
import { renderStoryFile } from '../../core/frontmatter/renderStoryFile';
import { builtFile } from '../../../test/helpers/builtApp';
import { sampleStory } from '../../../test/helpers/sampleStory';
import { slowDisk } from '../../../test/helpers/slowDisk';
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

/**
 * Proves an absence without sleeping: after what must not echo, another program writes another
 * file, and its event is awaited. Events come in the order the writes happened, so whatever the
 * first write was going to cause has arrived by then (in an earlier event or in the same batch).
 * Returns the file written.
 */
let barriers = 0;
async function barrier(vault: Vault, root: string): Promise<string> {
  barriers += 1;
  const file = `stories/zz-barrier-${barriers}.md`;
  const id = `barrier-${barriers}`;
  const seen = nextChange(vault, (c) => c.upserted.some((r) => r.file === file), `the barrier file ${file}`);
  await writeFile(join(root, file), renderStoryFile(sampleStory({ id, title: `Barrier ${barriers}` })));
  await seen;
  return file;
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

  it('reads again a file edited in place that kept its size and modification time', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'stories'));
    const path = join(root, 'stories', 'story.md');
    await writeFile(path, renderStoryFile({ ...sampleStory(), title: 'Title AAAA' }));
    // Whole seconds, which utimes sets exactly.
    await utimes(path, 1_700_000_000, 1_700_000_000);
    const before = await stat(path);
    // Read long after the write, as a vault usually is: the file's look is then trusted (fileStamps.ts).
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 60_000);
      expect((await Vault.read(root)).stories[0].story.title).toBe('Title AAAA');
      expect((await Vault.read(root)).stories[0].story.title).toBe('Title AAAA');
      await new Promise((resolve) => setTimeout(resolve, 30));
      await writeFile(path, renderStoryFile({ ...sampleStory(), title: 'Title BBBB' }));
      await utimes(path, 1_700_000_000, 1_700_000_000);
      const after = await stat(path);
      expect([after.size, after.mtimeMs, after.ino]).toEqual([before.size, before.mtimeMs, before.ino]);
      expect((await Vault.read(root)).stories[0].story.title).toBe('Title BBBB');
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports what changed between its load and its watcher being ready, which no watcher event names', async () => {
    const root = join(await tempDir(), 'vault');
    await cp(join(process.cwd(), 'resources', 'sample-vault'), root, { recursive: true });
    const vault = await Vault.open(root);
    open.push(vault);
    const [changed, removed] = vault.snapshot().stories;
    await writeFile(join(root, changed.file), renderStoryFile({ ...changed.story, title: 'Changed before watching' }));
    await unlink(join(root, removed.file));
    await writeFile(
      join(root, 'stories', 'added.md'),
      renderStoryFile(sampleStory({ id: 'added-early', title: 'Added' })),
    );
    const seen: StoriesChanged[] = [];
    vault.onChange((change) => seen.push(change));
    await vault.startWatching();
    await expect.poll(() => vault.snapshot().stories.map((r) => r.story.title)).toContain('Changed before watching');
    await expect.poll(() => vault.findById('added-early')?.file).toBe('stories/added.md');
    await expect.poll(() => vault.findById(removed.story.id)).toBeUndefined();
    expect(seen.flatMap((c) => c.removed)).toEqual([removed.file]);
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
    const later = await barrier(vault, root);
    expect(events.flatMap((e) => e.removed)).toEqual([]);
    expect(events.flatMap((e) => e.upserted.map((r) => r.file))).toEqual(['stories/raft.md', later]);
  });

  it('saves atomically, announces its own save once, and does not echo it back from the watcher', async () => {
    const root = await tempDir();
    const vault = await openVault(root);
    const events: StoriesChanged[] = [];
    vault.onChange((c) => events.push(c));
    const { record, written } = await vault.save(sampleStory());
    expect(written).toBe(true);
    expect(record.file).toBe('stories/cutting-failover-time-with-raft.md');
    const later = await barrier(vault, root);
    // Our save once, then the barrier alone: an echo would be an event between them, or in the barrier's.
    expect(events.map((e) => [e.upserted.map((r) => r.file), e.removed])).toEqual([
      [[record.file], []],
      [[later], []],
    ]);
    expect(await vault.save(sampleStory())).toMatchObject({ written: false });
    expect(await readFile(join(root, record.file), 'utf8')).toBe(renderStoryFile(sampleStory()));
  });

  it('sees another program’s edit made just after its own save, on a disk slow to flush', async () => {
    // chokidar leaves out a change within 50 ms of the last one it reported for a file. With a
    // slow flush the saved file is already old by then, so a look judged by its time found nothing.
    const root = await tempDir();
    const vault = await Vault.open(root, { fileSystem: slowDisk(80) });
    open.push(vault);
    await vault.startWatching();
    const story = sampleStory();
    for (const delay of [5, 15, 25, 35, 45]) {
      const { record } = await vault.save({ ...story, metric: `saved before a ${delay} ms pause` });
      await new Promise((resolve) => setTimeout(resolve, delay));
      const outside = `edited elsewhere ${delay} ms after a save`;
      const seen = nextChange(vault, (c) => c.upserted.some((r) => r.story.metric === outside), outside);
      const path = join(root, record.file);
      await writeFile(path, renderStoryFile({ ...story, metric: outside }));
      await seen;
      expect(vault.findById(story.id)?.story.metric).toBe(outside);
    }
  });

  it('refuses a story that would not read back (NUL, over 1 MiB) before renaming or writing its file', async () => {
    const root = await tempDir();
    const vault = await openVault(root);
    const { record } = await vault.save(sampleStory());
    const before = await readFile(join(root, record.file), 'utf8');
    const withNul = sampleStory({ title: 'Renamed', sections: { ...sampleStory().sections, result: 'a\u0000b' } });
    await expect(vault.save(withNul)).rejects.toMatchObject({
      code: 'bad-request',
      message: 'a story cannot hold NUL characters',
    });
    const huge = sampleStory({ sections: { ...sampleStory().sections, action: 'x'.repeat(1024 * 1024) } });
    await expect(vault.save(huge)).rejects.toMatchObject({ code: 'bad-request', message: /too large to save/ });
    expect(await readFile(join(root, record.file), 'utf8')).toBe(before);
    expect(vault.snapshot()).toMatchObject({ stories: [{ file: record.file }], problems: [] });
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

/** What the watching child (test/fixtures/watchVault.mjs) reports, one JSON line each. */
type WatchReport = {
  watching?: WatchState;
  watchState?: WatchState;
  change?: { upserted: string[]; removed: string[] };
};

/**
 * Opens `root` in a child process where the system allows only `watches` inotify watches: a user
 * namespace of its own, whose limit binds only the processes in it (the machine's is untouched).
 */
function watchWithInotifyLimit(root: string, watches: number) {
  const lib = builtFile('out/main/lib.js');
  const child = spawn(
    'unshare',
    [
      '--user',
      '--map-root-user',
      'sh',
      '-c',
      'echo "$0" > /proc/sys/user/max_inotify_watches && exec "$@"',
      String(watches),
      process.execPath,
      join(process.cwd(), 'test', 'fixtures', 'watchVault.mjs'),
      lib,
      root,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const reports: WatchReport[] = [];
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (out + chunk.toString()).split('\n');
    out = lines.pop() ?? '';
    for (const line of lines) reports.push(JSON.parse(line) as WatchReport);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    reports,
    /** Waits for a report matching `test`, failing with what the child said when it exits first. */
    async next(test: (report: WatchReport) => boolean, what: string): Promise<WatchReport> {
      const found = () => reports.find(test);
      const exit = exited.then((code) => {
        throw new Error(`the watching child exited ${code} before ${what} (needs \`unshare --user\`): ${err}`);
      });
      exit.catch(() => {});
      for (let waited = 0; !found(); waited += 20) {
        if (waited > 10_000) throw new Error(`no report of ${what} within 10 s: ${JSON.stringify(reports)} ${err}`);
        await Promise.race([new Promise((resolve) => setTimeout(resolve, 20)), exit]);
      }
      return found() as WatchReport;
    },
    async close(): Promise<void> {
      child.stdin.end();
      await exited;
    },
  };
}

describe('Vault watch failures', () => {
  it('falls back to polling when inotify runs out of watches (a real ENOSPC), tells the user the fix, and still sees outside edits', async () => {
    const root = join(await tempDir(), 'vault');
    await mkdir(join(root, 'stories'), { recursive: true });
    for (const id of ['first', 'second'])
      await writeFile(join(root, 'stories', `${id}.md`), renderStoryFile(sampleStory({ id, title: id })));
    // One watch for stories/ and one for each file in it: the next file is one too many.
    const watcher = watchWithInotifyLimit(root, 3);
    try {
      const started = await watcher.next((r) => r.watching !== undefined, 'watching');
      expect(started.watching).toMatchObject({ mode: 'native' });

      await writeFile(join(root, 'stories', 'third.md'), renderStoryFile(sampleStory({ id: 'third', title: 'third' })));
      const { watchState } = await watcher.next((r) => r.watchState !== undefined, 'the fallback to polling');
      expect(watchState?.mode).toBe('polling');
      expect(watchState?.message).toMatch(/^watching the vault failed \(ENOSPC: .*stories\/third\.md/);
      expect(watchState?.fix).toMatch(/max_user_watches/);
      // The file whose watch failed is not lost: the fallback reads the folder again.
      await watcher.next((r) => r.change?.upserted.includes('stories/third.md') === true, 'the third file');

      await writeFile(
        join(root, 'stories', 'fourth.md'),
        renderStoryFile(sampleStory({ id: 'fourth', title: 'fourth' })),
      );
      await watcher.next((r) => r.change?.upserted.includes('stories/fourth.md') === true, 'a write seen by polling');
      expect(watcher.reports.filter((r) => r.watchState)).toHaveLength(1);
    } finally {
      await watcher.close();
    }
  });
});
