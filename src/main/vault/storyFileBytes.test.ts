import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/tempDir';
import { storyFileBytes } from './storyFileBytes';
import { Vault } from './vault';

const MAX = 1024 * 1024;

/**
 * The vault reads each story file by opening it without following links and checking the open
 * file: the file can change between the listing and the open, so nothing is decided on the listing.
 */
describe('storyFileBytes', () => {
  it('reads a file, refuses links, folders, FIFOs and big files, and says gone for a missing one', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'story.md'), 'text ✓');
    await writeFile(join(dir, 'secret.txt'), 'SECRET');
    await symlink(join(dir, 'secret.txt'), join(dir, 'link.md'));
    await mkdir(join(dir, 'folder.md'));
    await writeFile(join(dir, 'big.md'), Buffer.alloc(MAX + 1, 'a'));
    if (process.platform !== 'win32') execFileSync('mkfifo', [join(dir, 'fifo.md')]);
    const read = (name: string) => storyFileBytes(join(dir, name), `stories/${name}`, MAX);
    expect(await read('story.md')).toEqual({ kind: 'bytes', bytes: Buffer.from('text ✓') });
    expect(await read('link.md')).toEqual({
      kind: 'refused',
      message: 'stories/link.md is a symbolic link (not followed)',
    });
    expect(await read('folder.md')).toEqual({ kind: 'refused', message: 'stories/folder.md is not a regular file' });
    expect(await read('big.md')).toEqual({
      kind: 'refused',
      message: `the file is ${MAX + 1} bytes; a story file is at most 1 MiB`,
    });
    // A FIFO with no writer would hold a plain open forever; this returns at once.
    if (process.platform !== 'win32')
      expect(await read('fifo.md')).toEqual({ kind: 'refused', message: 'stories/fifo.md is not a regular file' });
    expect(await read('missing.md')).toEqual({ kind: 'gone' });
    expect(await read('story.md/below.md')).toEqual({ kind: 'gone' });
  });

  it('an empty story file is read as empty text (and listed as a problem by the vault)', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'stories'));
    await writeFile(join(root, 'stories', 'empty.md'), '');
    expect(await storyFileBytes(join(root, 'stories', 'empty.md'), 'stories/empty.md', MAX)).toEqual({
      kind: 'bytes',
      bytes: Buffer.alloc(0),
    });
    const { problems } = await Vault.read(root);
    expect(problems.map((p) => p.file)).toEqual(['stories/empty.md']);
  });
});
