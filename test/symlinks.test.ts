import { cp, mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportDeliverable } from '../src/main/export/exportDeliverable';
import { readImportSources } from '../src/main/import/importStories';
import { Vault } from '../src/main/vault/vault';
import { tempDir } from './helpers/tempDir';

/** A temp copy of the sample vault beside a folder "outside" it holding a secret. */
async function vaultBesideSecret() {
  const dir = await tempDir();
  const root = join(dir, 'vault');
  const outside = join(dir, 'outside');
  await cp(join(process.cwd(), 'resources', 'sample-vault'), root, { recursive: true });
  await mkdir(outside);
  await writeFile(join(outside, 'secret.md'), 'SECRET');
  return { root, outside };
}

describe('symbolic links in the vault pointing outside it are not followed', () => {
  it('a story file that is a link is listed as a problem, never read, and saving elsewhere leaves its target alone', async () => {
    const { root, outside } = await vaultBesideSecret();
    await symlink(join(outside, 'secret.md'), join(root, 'stories', 'zz-link.md'));
    const vault = await Vault.open(root);
    expect(vault.snapshot().problems).toEqual([
      { file: 'stories/zz-link.md', line: 1, message: 'stories/zz-link.md is a symbolic link (not followed)' },
    ]);
    expect(vault.snapshot().stories).toHaveLength(8);
    expect(JSON.stringify(vault.snapshot())).not.toContain('SECRET');
    await vault.writeStoryText('stories/zz-link.md', 'replaced');
    // The link was replaced by a file in the vault; its target outside is untouched.
    expect(await readFile(join(outside, 'secret.md'), 'utf8')).toBe('SECRET');
    expect(await readFile(join(root, 'stories', 'zz-link.md'), 'utf8')).toBe('replaced');
    await vault.close();
  });

  it('a stories/, rehearsals/ or .storybank/ folder that is a link: the vault is not opened, with the reason', async () => {
    for (const dir of ['stories', 'rehearsals', '.storybank']) {
      const { root, outside } = await vaultBesideSecret();
      await mkdir(join(root, 'rehearsals'), { recursive: true });
      await mkdir(join(root, '.storybank'), { recursive: true });
      await rm(join(root, dir), { recursive: true, force: true });
      await symlink(outside, join(root, dir));
      await expect(Vault.open(root)).rejects.toThrow(
        `${dir}/ in ${root} is a symbolic link; Story Bank does not follow links out of a vault. Replace it with a real folder.`,
      );
      expect(await readdir(outside)).toEqual(['secret.md']);
    }
  });

  it('an export refuses a linked week-23 folder or deliverable, and writes nothing outside', async () => {
    const { root, outside } = await vaultBesideSecret();
    const vault = await Vault.open(root);
    const stories = vault.snapshot().stories.map((record) => record.story);
    await symlink(outside, join(root, 'week-23'));
    await expect(exportDeliverable({ vaultRoot: root, gitRoot: vault.gitRoot, stories })).rejects.toThrow(
      /week-23 is a symbolic link, and Story Bank does not follow links/,
    );
    expect(await readdir(outside)).toEqual(['secret.md']);
    const out = join(root, 'deliverable.md');
    await symlink(join(outside, 'secret.md'), out);
    await expect(
      exportDeliverable({ vaultRoot: root, gitRoot: vault.gitRoot, stories }, { out, force: true }),
    ).rejects.toThrow(/deliverable\.md is a symbolic link/);
    expect(await readFile(join(outside, 'secret.md'), 'utf8')).toBe('SECRET');
    await vault.close();
  });

  it('an imported folder skips its links with the reason', async () => {
    const { outside } = await vaultBesideSecret();
    const folder = join(await tempDir(), 'answers');
    await mkdir(folder);
    await writeFile(join(folder, 'a.md'), '## Situation\nReal answer.\n');
    await symlink(join(outside, 'secret.md'), join(folder, 'b.md'));
    const { sources, skipped } = await readImportSources(folder);
    expect(sources.map((source) => source.name)).toEqual(['a.md']);
    expect(skipped).toEqual([{ source: 'b.md', reason: 'the file is a symbolic link (not followed)' }]);
  });
});
