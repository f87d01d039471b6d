import { chmod, chown, cp, mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Vault } from '../src/main/vault/vault';
import { tempDir } from './helpers/tempDir';

const SAMPLE = join(process.cwd(), 'resources', 'sample-vault');
const NOBODY = 65534;
const opened: Vault[] = [];
afterEach(async () => {
  for (const vault of opened.splice(0)) await vault.close();
});

async function sampleVault(): Promise<string> {
  const root = join(await tempDir(), 'vault');
  await cp(SAMPLE, root, { recursive: true });
  return root;
}

async function open(root: string): Promise<Vault> {
  const vault = await Vault.open(root);
  opened.push(vault);
  return vault;
}

describe('files and folders the app may not write', () => {
  it('a story file made read-only: saving it says so and changes nothing; the others still save', async () => {
    const root = await sampleVault();
    const vault = await open(root);
    const [locked, other] = vault.snapshot().stories;
    await chmod(join(root, locked.file), 0o444);
    const before = await readFile(join(root, locked.file), 'utf8');

    await expect(vault.save({ ...locked.story, metric: `${locked.story.metric} (changed)` })).rejects.toThrow(
      `could not save ${locked.file}: permission denied (the file or its folder is read-only, or belongs to another user) (EACCES)`,
    );
    expect(await readFile(join(root, locked.file), 'utf8')).toBe(before);
    expect((await readdir(join(root, 'stories'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    const saved = await vault.save({ ...other.story, metric: `${other.story.metric} (changed)` });
    expect(saved.record.story.metric).toBe(`${other.story.metric} (changed)`);
  });

  it('a story file replaced by a folder: listed as a problem, the other stories load and save', async () => {
    const root = await sampleVault();
    const names = (await readdir(join(root, 'stories'))).filter((name) => name.endsWith('.md'));
    await rm(join(root, 'stories', names[0]));
    await mkdir(join(root, 'stories', names[0]));
    const vault = await open(root);
    const snapshot = vault.snapshot();
    expect(snapshot.stories).toHaveLength(names.length - 1);
    expect(snapshot.problems.map((problem) => problem.file)).toContain(`stories/${names[0]}`);
    const other = snapshot.stories[0];
    const saved = await vault.save({ ...other.story, metric: `${other.story.metric} (changed)` });
    expect(saved.written).toBe(true);
  });

  it('a stories folder made read-only: saving says so and changes nothing (as an unprivileged user)', async () => {
    const root = await sampleVault();
    const vault = await open(root);
    const record = vault.snapshot().stories[0];
    const before = await readFile(join(root, record.file), 'utf8');
    // Root writes into read-only folders regardless, so as root the save runs with the
    // effective user "nobody" (this file's test process only: the pool runs files in forks).
    const asRoot = process.getuid?.() === 0;
    if (asRoot) await chownTree(join(root, '..'), NOBODY);
    await chmod(join(root, 'stories'), 0o555);
    if (asRoot) process.seteuid!(NOBODY);
    try {
      await expect(vault.save({ ...record.story, metric: `${record.story.metric} (changed)` })).rejects.toThrow(
        /^could not save stories\/.+\.md: permission denied .* \(EACCES\)$/,
      );
    } finally {
      if (asRoot) process.seteuid!(0);
      await chmod(join(root, 'stories'), 0o755);
    }
    expect(await readFile(join(root, record.file), 'utf8')).toBe(before);
    expect(vault.snapshot().stories).toHaveLength(8);
  });
});

async function chownTree(path: string, id: number): Promise<void> {
  await chown(path, id, id);
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) await chownTree(child, id);
    else await chown(child, id, id);
  }
}
