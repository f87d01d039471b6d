import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/tempDir';
import type { ExportOutcome } from '../../core/api';
import { runGit } from '../git/runGit';
import { Vault } from '../vault/vault';
import { DEFAULT_EXPORT_PATH, exportDeliverable, type ExportOptions } from './exportDeliverable';

const SAMPLE = join(process.cwd(), 'resources', 'sample-vault');
const GOLDEN = join(process.cwd(), 'test', 'golden', 'sample-deliverable.md');

async function sampleVault(parent?: string): Promise<Vault> {
  const root = join(parent ?? (await tempDir()), 'vault');
  await cp(SAMPLE, root, { recursive: true });
  return Vault.open(root);
}

function run(vault: Vault, options: ExportOptions = {}): Promise<ExportOutcome> {
  const stories = vault.snapshot().stories.map((record) => record.story);
  return exportDeliverable({ vaultRoot: vault.root, gitRoot: vault.gitRoot, stories }, options);
}

const subjects = async (root: string) => (await runGit(root, ['log', '--format=%s'])).stdout.trim().split('\n');

describe('export to disk', () => {
  it('writes the golden deliverable at week-23/ under the git root, passing all five criteria, and commits it', async () => {
    const vault = await sampleVault();
    const outcome = await run(vault);
    const path = join(vault.root, DEFAULT_EXPORT_PATH);
    const text = await readFile(path, 'utf8');
    if (process.env.UPDATE_GOLDEN) await writeFile(GOLDEN, text);
    expect(text).toBe(await readFile(GOLDEN, 'utf8'));
    expect(outcome).toMatchObject({ kind: 'written', path, shownPath: DEFAULT_EXPORT_PATH, committed: true });
    if (outcome.kind !== 'written') throw new Error(outcome.kind);
    expect(outcome.report.pass).toBe(true);
    expect(outcome.diff.added).toBe(text.split('\n').length - 1);
    expect((await subjects(vault.root))[0]).toBe('export: interview story bank');
    expect((await runGit(vault.root, ['status', '--porcelain', '--', DEFAULT_EXPORT_PATH])).stdout).toBe('');

    // Same stories, same bytes: a second export writes nothing and commits nothing.
    const again = await run(vault);
    expect(again).toMatchObject({ kind: 'unchanged', committed: false, diff: { patch: '' } });
    expect((await subjects(vault.root)).filter((s) => s.startsWith('export:'))).toHaveLength(1);
  });

  it('keeps a hand edit the export does not touch, and replaces it only when forced', async () => {
    const vault = await sampleVault();
    await run(vault);
    const path = join(vault.root, DEFAULT_EXPORT_PATH);
    const edited = (await readFile(path, 'utf8')).replace('# Interview Story Bank', '# My Story Bank (edited)');
    await writeFile(path, edited);

    // Nothing in the stories changed: the merge is the hand-edited file, committed as it is.
    const kept = await run(vault);
    expect(kept).toMatchObject({ kind: 'unchanged', committed: true, text: edited });
    expect(await readFile(path, 'utf8')).toBe(edited);
    expect((await subjects(vault.root))[0]).toBe('export: interview story bank (with your edits merged)');

    const forced = await run(vault, { force: true });
    expect(forced).toMatchObject({ kind: 'written', committed: true, keptEdits: null });
    expect(await readFile(path, 'utf8')).toBe(await readFile(GOLDEN, 'utf8'));
    expect((await runGit(vault.root, ['show', `HEAD~1:${DEFAULT_EXPORT_PATH}`])).stdout).toBe(edited);
  });

  it('follows story edits: the next export shows what changed since the previous one', async () => {
    const vault = await sampleVault();
    await run(vault);
    const [first] = vault.snapshot().stories;
    await vault.save({ ...first.story, metric: 'a new metric of 7 ms' });
    const next = await run(vault);
    expect(next.kind).toBe('written');
    expect(next.diff).toMatchObject({ added: 1, removed: 1 });
    expect(next.diff.patch).toContain('+**Metric:** a new metric of 7 ms');
  });

  it('knows its own file from git when the vault forgot (a fresh clone), and refuses a file it never wrote', async () => {
    const vault = await sampleVault();
    await run(vault);
    await rm(join(vault.root, '.storybank'), { recursive: true, force: true });
    const [first] = vault.snapshot().stories;
    await vault.save({ ...first.story, metric: 'changed after the export: 9 ms' });
    expect((await run(vault)).kind).toBe('written');

    const other = await sampleVault();
    await mkdir(join(other.root, 'week-23'), { recursive: true });
    await writeFile(join(other.root, DEFAULT_EXPORT_PATH), '# My own story bank, written by hand\n');
    const refused = await run(other);
    expect(refused.kind).toBe('refused');
    expect(await readFile(join(other.root, DEFAULT_EXPORT_PATH), 'utf8')).toBe(
      '# My own story bank, written by hand\n',
    );
  });

  it('exports to the top of an enclosing repository, to --out, and without git, saying what it committed', async () => {
    const top = await tempDir();
    await runGit(top, ['init', '--quiet']);
    const vault = await sampleVault(top);
    expect(vault.gitRoot).toBe(top);
    const outcome = await run(vault);
    expect(outcome).toMatchObject({ path: join(top, DEFAULT_EXPORT_PATH), committed: true });

    const elsewhere = join(await tempDir(), 'bank.md');
    const out = await run(vault, { out: elsewhere });
    expect(out).toMatchObject({ kind: 'written', path: elsewhere, committed: false });
    if (out.kind === 'written') expect(out.gitMessage).toMatch(/outside the vault’s repository/);
    expect(await readFile(elsewhere, 'utf8')).toBe(await readFile(join(top, DEFAULT_EXPORT_PATH), 'utf8'));

    const noGit = await tempDir();
    await cp(SAMPLE, noGit, { recursive: true });
    const stories = (await Vault.read(noGit)).stories.map((r) => r.story);
    const plain = await exportDeliverable({ vaultRoot: noGit, gitRoot: null, stories });
    expect(plain).toMatchObject({ kind: 'written', committed: false, path: join(noGit, DEFAULT_EXPORT_PATH) });
    expect(await readdir(noGit)).not.toContain('.git');
  });

  it('reports an unwritable target as an error and leaves the previous deliverable intact', async () => {
    const vault = await sampleVault();
    await run(vault);
    const path = join(vault.root, DEFAULT_EXPORT_PATH);
    const before = await readFile(path, 'utf8');
    const [first] = vault.snapshot().stories;
    await vault.save({ ...first.story, metric: 'another metric, 3 ms' });
    await rm(path);
    await mkdir(path); // a folder where the file should be
    await expect(run(vault)).rejects.toThrow(/it is a folder/);
    await rm(path, { recursive: true });
    await writeFile(path, before);
    expect((await run(vault)).kind).toBe('written');
  });
});
