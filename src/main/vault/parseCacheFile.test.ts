import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderStoryFile } from '../../core/frontmatter/renderStoryFile';
import { builtFile } from '../../../test/helpers/builtApp';
import { sampleStory } from '../../../test/helpers/sampleStory';
import { tempDir } from '../../../test/helpers/tempDir';
import { userCacheDir } from '../appPaths';

/** Titles and problems of `Vault.read(root)` in a new node process of the built app, with its cache in `cache`. */
async function readInNewProcess(root: string, cache: string): Promise<{ titles: string[]; problems: string[] }> {
  const lib = pathToFileURL(builtFile('out/main/lib.js')).href;
  const script = `const lib = await import(${JSON.stringify(lib)});
const snapshot = await lib.Vault.read(${JSON.stringify(root)});
console.log(JSON.stringify({ titles: snapshot.stories.map((r) => r.story.title), problems: snapshot.problems.map((p) => p.file) }));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, STORY_BANK_CACHE_DIR: cache },
  });
  return JSON.parse(stdout) as { titles: string[]; problems: string[] };
}

async function vaultOf(titles: string[]): Promise<string> {
  const root = await tempDir();
  await import('node:fs/promises').then(({ mkdir }) => mkdir(join(root, 'stories')));
  for (const [index, title] of titles.entries()) {
    const story = sampleStory({ id: `story-${index}`, title, metric: `metric ${index}: ${index + 2} to ${index + 1}` });
    await writeFile(join(root, 'stories', `${index}.md`), renderStoryFile(story));
  }
  await writeFile(join(root, 'stories', 'broken.md'), '---\ntitle: [unclosed\n---\n');
  return root;
}

/** Every path under `root` with its size and modification time: the vault as found. */
async function listing(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true });
  return Promise.all(
    entries.sort().map(async (entry) => {
      const info = await stat(join(root, entry));
      return `${entry} ${info.size} ${info.mtimeMs}`;
    }),
  );
}

type CacheJson = { build: string; outcomes: Record<string, { ok: boolean; story?: { title: string } }> };

async function theCacheFile(cache: string): Promise<{ path: string; json: CacheJson }> {
  const names = await readdir(cache);
  expect(names).toHaveLength(1);
  const path = join(cache, names[0]);
  return { path, json: JSON.parse(await readFile(path, 'utf8')) as CacheJson };
}

describe('the parse cache file', () => {
  it('keeps what a run parsed, outside the vault, and the next run uses it instead of parsing', async () => {
    const root = await vaultOf(['First', 'Second', 'Third']);
    const cache = await tempDir('story-bank-cache-');
    const before = await listing(root);

    const first = await readInNewProcess(root, cache);
    expect(first).toEqual({ titles: ['First', 'Second', 'Third'], problems: ['stories/broken.md'] });
    expect(await listing(root)).toEqual(before);
    const { path, json } = await theCacheFile(cache);
    // Three stories and the broken file's problem, each under its file's hash.
    expect(Object.values(json.outcomes).map((outcome) => outcome.ok)).toEqual(
      expect.arrayContaining([true, true, true, false]),
    );
    expect(Object.keys(json.outcomes)).toHaveLength(4);

    // What the file says is what the next run takes: an outcome marked here comes back as marked.
    for (const outcome of Object.values(json.outcomes)) if (outcome.story) outcome.story.title += ' (kept)';
    await writeFile(path, JSON.stringify(json));
    const kept = (await stat(path)).mtimeMs;
    expect((await readInNewProcess(root, cache)).titles).toEqual(['First (kept)', 'Second (kept)', 'Third (kept)']);
    // Nothing new was parsed, so the file was left alone.
    expect((await stat(path)).mtimeMs).toBe(kept);

    // A file whose bytes changed is parsed again; the others still come from the file.
    const changed = (await readFile(join(root, 'stories', '1.md'), 'utf8')).replace(
      'title: Second',
      'title: Second, edited',
    );
    await writeFile(join(root, 'stories', '1.md'), changed);
    expect((await readInNewProcess(root, cache)).titles).toEqual(['First (kept)', 'Second, edited', 'Third (kept)']);
    expect(Object.keys((await theCacheFile(cache)).json.outcomes)).toHaveLength(4);
    expect(await listing(root)).not.toEqual(before);
  });

  it('keeps the files as read: the next run does not read one still under its stamp, and reads an edited one', async () => {
    const root = await vaultOf(['First', 'Second']);
    // Files changed within 2 s of a read are never trusted unread (fileStamps.ts): let them settle.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const cache = await tempDir('story-bank-cache-');
    await readInNewProcess(root, cache);
    const { path, json } = await theCacheFile(cache);
    const files = (json as CacheJson & { files: [string, string, string, string][] }).files;
    expect(files.map(([file]) => file).sort()).toEqual(['stories/0.md', 'stories/1.md', 'stories/broken.md']);

    // The kept text of 0.md, marked, under its own hash and parse: shown only if 0.md is not read.
    const entry = files.find(([file]) => file === 'stories/0.md') as [string, string, string, string];
    const marked = entry[3].replace('title: First', 'title: First (kept text)');
    const markedHash = createHash('sha256').update(marked).digest('hex');
    json.outcomes[markedHash] = {
      ...json.outcomes[entry[2]],
      story: { ...json.outcomes[entry[2]].story, title: 'First (kept text)' },
    };
    entry[2] = markedHash;
    entry[3] = marked;
    await writeFile(path, JSON.stringify(json));
    expect((await readInNewProcess(root, cache)).titles).toEqual(['First (kept text)', 'Second']);

    // The same bytes written again: the change time moves, so the file is read, and is what it says.
    await writeFile(join(root, 'stories', '0.md'), await readFile(join(root, 'stories', '0.md')));
    expect((await readInNewProcess(root, cache)).titles).toEqual(['First', 'Second']);
  });

  it('reads a file whose kept text does not hash to its kept hash', async () => {
    const root = await vaultOf(['Only']);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const cache = await tempDir('story-bank-cache-');
    await readInNewProcess(root, cache);
    const { path, json } = await theCacheFile(cache);
    const files = (json as CacheJson & { files: [string, string, string, string][] }).files;
    const entry = files.find(([file]) => file === 'stories/0.md') as [string, string, string, string];
    // A damaged cache: the file's entry names another hash, with a parse of its own.
    const other = 'f'.repeat(64);
    json.outcomes[other] = { ...json.outcomes[entry[2]], story: { ...json.outcomes[entry[2]].story, title: 'Wrong' } };
    entry[2] = other;
    await writeFile(path, JSON.stringify(json));
    expect((await readInNewProcess(root, cache)).titles).toEqual(['Only']);
    // …and the entry is written again as the file was read.
    const again = (await theCacheFile(cache)).json as CacheJson & { files: [string, string, string, string][] };
    expect(again.files.find(([file]) => file === 'stories/0.md')?.[2]).not.toBe(other);
  });

  it('parses afresh when the file is of another build, is not JSON, or holds an entry of the wrong shape', async () => {
    const root = await vaultOf(['One', 'Two']);
    const cache = await tempDir('story-bank-cache-');
    await readInNewProcess(root, cache);
    const { path, json } = await theCacheFile(cache);
    const marked = (build: string): CacheJson => ({
      build,
      outcomes: Object.fromEntries(
        Object.entries(json.outcomes).map(([hash, outcome]) => [
          hash,
          outcome.story ? { ...outcome, story: { ...outcome.story, title: 'stale' } } : outcome,
        ]),
      ),
    });

    await writeFile(path, JSON.stringify(marked('another build')));
    expect((await readInNewProcess(root, cache)).titles).toEqual(['One', 'Two']);
    // …and the file is written again for this build.
    expect((await theCacheFile(cache)).json.build).toBe(json.build);

    await writeFile(path, JSON.stringify(marked(json.build)).slice(0, 200));
    expect((await readInNewProcess(root, cache)).titles).toEqual(['One', 'Two']);

    const wrong = marked(json.build);
    const [firstHash] = Object.keys(wrong.outcomes).filter((hash) => wrong.outcomes[hash].ok);
    wrong.outcomes[firstHash] = { ok: true, story: 5 as unknown as { title: string } };
    await writeFile(path, JSON.stringify(wrong));
    const titles = (await readInNewProcess(root, cache)).titles;
    expect(titles.filter((title) => title === 'stale')).toHaveLength(1);
    expect(titles).not.toContain(undefined);
  });

  it('lives in the user’s cache folder of each system, or in STORY_BANK_CACHE_DIR', () => {
    expect(userCacheDir({ STORY_BANK_CACHE_DIR: '/tmp/sb-cache' }, 'linux')).toBe('/tmp/sb-cache');
    expect(userCacheDir({ XDG_CACHE_HOME: '/home/u/.xdg-cache' }, 'linux')).toBe('/home/u/.xdg-cache/Story Bank');
    expect(userCacheDir({ LOCALAPPDATA: 'C:/Users/u/AppData/Local' }, 'win32')).toBe(
      join('C:/Users/u/AppData/Local', 'Story Bank', 'Cache'),
    );
    expect(userCacheDir({}, 'darwin')).toMatch(/Library\/Caches\/Story Bank$/);
  });
});
