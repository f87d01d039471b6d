import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/tempDir';
import { readStoryBytes } from './readStoryBytes';
import { Vault } from './vault';

const MAX = 1024 * 1024;

/**
 * A vault loads each file the listing called regular by opening it without following links and
 * checking the open file. The file can change between the listing and the open, so both ways
 * (`regular` true and false) must refuse the same things with the same words.
 */
describe('readStoryBytes', () => {
  it('reads a file, refuses links, folders, FIFOs and big files, and says gone for a missing one', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'story.md'), 'text ✓');
    await writeFile(join(dir, 'secret.txt'), 'SECRET');
    await symlink(join(dir, 'secret.txt'), join(dir, 'link.md'));
    await mkdir(join(dir, 'folder.md'));
    await writeFile(join(dir, 'big.md'), Buffer.alloc(MAX + 1, 'a'));
    if (process.platform !== 'win32') execFileSync('mkfifo', [join(dir, 'fifo.md')]);
    for (const regular of [true, false]) {
      const read = (name: string) => readStoryBytes(join(dir, name), `stories/${name}`, MAX, regular);
      expect(read('story.md')).toEqual({ kind: 'bytes', bytes: Buffer.from('text ✓') });
      expect(read('link.md')).toEqual({
        kind: 'refused',
        message: 'stories/link.md is a symbolic link (not followed)',
      });
      expect(read('folder.md')).toEqual({ kind: 'refused', message: 'stories/folder.md is not a regular file' });
      expect(read('big.md')).toEqual({
        kind: 'refused',
        message: `the file is ${MAX + 1} bytes; a story file is at most 1 MiB`,
      });
      // A FIFO with no writer would hold a plain open forever; this returns at once.
      if (process.platform !== 'win32')
        expect(read('fifo.md')).toEqual({ kind: 'refused', message: 'stories/fifo.md is not a regular file' });
      expect(read('missing.md')).toEqual({ kind: 'gone' });
    }
  });

  it('an empty story file is read as empty text (and listed as a problem by the vault)', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'stories'));
    await writeFile(join(root, 'stories', 'empty.md'), '');
    expect(readStoryBytes(join(root, 'stories', 'empty.md'), 'stories/empty.md', MAX, true)).toEqual({
      kind: 'bytes',
      bytes: Buffer.alloc(0),
    });
    const { problems } = await Vault.read(root);
    expect(problems.map((p) => p.file)).toEqual(['stories/empty.md']);
  });
});
