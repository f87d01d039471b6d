import { lstat, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/tempDir';
import { atomicWriteFile, nodeAtomicFileSystem, renameNoReplace, type AtomicFileSystem } from './atomicWrite';
import { exportDeliverable } from '../export/exportDeliverable';
import { sampleStory } from '../../../test/helpers/sampleStory';

/** The real file system, noting which files were flushed (by the temp file's target name). */
function flushRecorder() {
  const flushed: string[] = [];
  const fileSystem: AtomicFileSystem = {
    ...nodeAtomicFileSystem,
    async create(path, mode) {
      const file = await nodeAtomicFileSystem.create(path, mode);
      const target = path.replace(/\/\.([^/]+)\.[0-9a-f]{12}\.tmp$/, '/$1');
      return { ...file, sync: async () => (flushed.push(`file ${target}`), file.sync()) };
    },
    syncFolder: async (path) => (flushed.push(`folder ${path}`), nodeAtomicFileSystem.syncFolder(path)),
  };
  return { flushed, fileSystem };
}

describe('atomicWriteFile', () => {
  it('flushes the file and its folder unless told the file is not durable, and replaces it either way', async () => {
    const dir = await tempDir();
    const { flushed, fileSystem } = flushRecorder();
    await atomicWriteFile(join(dir, 'kept.md'), 'one', fileSystem);
    expect(flushed).toEqual([`file ${join(dir, 'kept.md')}`, `folder ${dir}`]);
    flushed.length = 0;
    await atomicWriteFile(join(dir, 'cache.json'), '{}', fileSystem, { durable: false });
    await atomicWriteFile(join(dir, 'cache.json'), '{"a":1}', fileSystem, { durable: false });
    expect(flushed).toEqual([]);
    expect(await readFile(join(dir, 'cache.json'), 'utf8')).toBe('{"a":1}');
    expect((await readdir(dir)).sort()).toEqual(['cache.json', 'kept.md']);
  });

  it('an export flushes the deliverable and its folder, never skips them, and only the record is not flushed', async () => {
    const vaultRoot = await tempDir();
    const { flushed, fileSystem } = flushRecorder();
    const outcome = await exportDeliverable({ vaultRoot, gitRoot: null, stories: [sampleStory()], fileSystem });
    expect(outcome.kind).toBe('written');
    const deliverable = join(vaultRoot, 'week-23', 'day5-interview-story-bank.md');
    expect(flushed).toEqual([`file ${deliverable}`, `folder ${join(vaultRoot, 'week-23')}`]);
    expect(JSON.parse(await readFile(join(vaultRoot, '.storybank', 'exports.json'), 'utf8'))).toHaveProperty(
      deliverable,
    );
  });

  it('replaces a link rather than writing through it; a new file (replace: false) never replaces anything', async () => {
    const dir = await tempDir();
    const outside = join(await tempDir(), 'outside.txt');
    await writeFile(outside, 'outside');
    await symlink(outside, join(dir, 'state.json'));
    await atomicWriteFile(join(dir, 'state.json'), '{}');
    expect((await lstat(join(dir, 'state.json'))).isFile()).toBe(true);

    await symlink(outside, join(dir, 'new-link.md'));
    await writeFile(join(dir, 'new-file.md'), 'theirs');
    for (const name of ['new-link.md', 'new-file.md'])
      await expect(atomicWriteFile(join(dir, name), 'mine', undefined, { replace: false })).rejects.toMatchObject({
        code: 'EEXIST',
      });
    await atomicWriteFile(join(dir, 'fresh.md'), 'mine', undefined, { replace: false });
    expect(await readFile(join(dir, 'fresh.md'), 'utf8')).toBe('mine');
    expect(await readFile(join(dir, 'new-file.md'), 'utf8')).toBe('theirs');
    expect(await readFile(outside, 'utf8')).toBe('outside');

    await expect(renameNoReplace(join(dir, 'fresh.md'), join(dir, 'new-file.md'))).rejects.toMatchObject({
      code: 'EEXIST',
    });
    await renameNoReplace(join(dir, 'fresh.md'), join(dir, 'moved.md'));
    expect((await readdir(dir)).sort()).toEqual(['moved.md', 'new-file.md', 'new-link.md', 'state.json']);
    expect(await readFile(join(dir, 'new-file.md'), 'utf8')).toBe('theirs');
  });
});
