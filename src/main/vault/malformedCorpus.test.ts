import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleStory } from '../../../test/helpers/sampleStory';
import { good, malformedStoryFiles } from '../../../test/helpers/malformedStoryFiles';
import { tempDir } from '../../../test/helpers/tempDir';
import { Vault } from './vault';

describe('a corpus of malformed story files', () => {
  it('lists every one as needing attention, modifies none, runs no code, and keeps the vault working', async () => {
    const root = await tempDir();
    const marker = join(root, 'pwned');
    await mkdir(join(root, 'stories'), { recursive: true });
    await writeFile(join(root, 'stories', '000-good.md'), good);
    // Each broken file gets its own id, so none is listed merely as a duplicate of the good one.
    const files = malformedStoryFiles(marker).map(([name, content], i): [string, string | Buffer] => [
      name,
      typeof content === 'string' && name !== 'duplicate-id.md'
        ? content.replace('id: raft-failover', `id: case-${i}`)
        : content,
    ]);
    expect(files.length).toBeGreaterThanOrEqual(30);
    for (const [name, content] of files) await writeFile(join(root, 'stories', name), content);
    const before = new Map<string, Buffer>();
    for (const name of await readdir(join(root, 'stories')))
      before.set(name, await readFile(join(root, 'stories', name)));

    const vault = await Vault.open(root);
    const { stories, problems } = vault.snapshot();
    expect(stories.map((r) => r.file)).toEqual(['stories/000-good.md']);
    const listed = new Set(problems.map((p) => p.file.replace('stories/', '')));
    const unlisted = files.map(([name]) => name).filter((name) => !listed.has(name));
    expect(unlisted).toEqual([]);
    expect(problems.find((p) => p.file === 'stories/duplicate-id.md')?.message).toMatch(/already used/);
    expect(problems.filter((p) => /already used/.test(p.message))).toHaveLength(1);
    for (const problem of problems) {
      expect(problem.line).toBeGreaterThanOrEqual(1);
      expect(problem.message.length).toBeGreaterThan(3);
    }
    expect(existsSync(marker)).toBe(false);
    for (const [name, bytes] of before)
      expect((await readFile(join(root, 'stories', name))).equals(bytes), name).toBe(true);

    // The rest of the vault keeps working: a save still goes through.
    await vault.save(sampleStory({ metric: 'still works' }));
    expect(vault.findById('raft-failover')?.story.metric).toBe('still works');
  });
});
