import { readFile, rename, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/tempDir';
import { contentHash } from './hash';
import { lookAtFile } from './fileStamps';

/** A moment long after anything a test writes: what it remembers then is settled. */
const later = () => Date.now() + 60_000;
/** A modification time in whole seconds (2023-11-14). */
const WHOLE_SECONDS = 1_700_000_000;
/** Long enough for the next write to get a later change time on a disk whose clock ticks coarsely. */
const nextTick = () => new Promise((resolve) => setTimeout(resolve, 30));

/** Looks at `path` and, when told to read it, reads and remembers it; returns what the look said. */
async function readThrough(path: string, nowMs: number): Promise<'unchanged' | 'read'> {
  const look = await lookAtFile(path, nowMs);
  if (look.kind === 'unchanged') return 'unchanged';
  const text = await readFile(path, 'utf8');
  look.remember(contentHash(text), text);
  return 'read';
}

describe('lookAtFile', () => {
  it('answers a settled file unchanged since it was read with its text, without a read', async () => {
    const path = join(await tempDir(), 'story.md');
    await writeFile(path, 'first text');
    expect(await readThrough(path, later())).toBe('read');
    expect(await lookAtFile(path, later())).toEqual({
      kind: 'unchanged',
      hash: contentHash('first text'),
      text: 'first text',
    });
  });

  it('reads a file again while its last change is recent, until a read comes after it settled', async () => {
    const path = join(await tempDir(), 'story.md');
    await writeFile(path, 'fresh');
    expect(await readThrough(path, Date.now())).toBe('read');
    expect(await readThrough(path, Date.now())).toBe('read');
    expect(await readThrough(path, later())).toBe('read');
    expect(await readThrough(path, later())).toBe('unchanged');
  });

  it('sees an edit in place that keeps the size and puts the modification time back', async () => {
    const path = join(await tempDir(), 'story.md');
    await writeFile(path, 'aaaa');
    // Whole seconds, which utimes sets exactly (a fraction would come back rounded).
    await utimes(path, WHOLE_SECONDS, WHOLE_SECONDS);
    const before = await stat(path);
    expect(await readThrough(path, later())).toBe('read');
    await nextTick();
    await writeFile(path, 'bbbb');
    await utimes(path, WHOLE_SECONDS, WHOLE_SECONDS);
    const after = await stat(path);
    expect([after.size, after.mtimeMs, after.ino]).toEqual([before.size, before.mtimeMs, before.ino]);
    const look = await lookAtFile(path, later());
    expect(look.kind).toBe('read');
  });

  it('reads a file replaced by another under its name, and never trusts a link', async () => {
    const dir = await tempDir();
    const path = join(dir, 'story.md');
    await writeFile(path, 'same');
    expect(await readThrough(path, later())).toBe('read');
    await writeFile(join(dir, 'other.md'), 'same');
    await rename(join(dir, 'other.md'), path);
    expect((await lookAtFile(path, later())).kind).toBe('read');
    expect(await readThrough(path, later())).toBe('read');
    await writeFile(join(dir, 'target.md'), 'same');
    await rename(join(dir, 'target.md'), join(dir, 'kept.md'));
    await symlink(join(dir, 'kept.md'), join(dir, 'link.md'));
    await rename(join(dir, 'link.md'), path);
    expect((await lookAtFile(path, later())).kind).toBe('read');
    // Nothing is remembered for a link: a regular file put back is read, not answered.
    await rename(join(dir, 'kept.md'), path);
    expect((await lookAtFile(path, later())).kind).toBe('read');
  });

  it('reads a file that is gone and then back', async () => {
    const dir = await tempDir();
    const path = join(dir, 'story.md');
    expect((await lookAtFile(path, later())).kind).toBe('read');
    await writeFile(path, 'back');
    expect(await readThrough(path, later())).toBe('read');
  });
});
