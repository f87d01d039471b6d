import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/tempDir';
import type { ExportOutcome } from '../../core/api';
import { runGit } from '../git/runGit';
import { contentHash } from '../vault/hash';
import { Vault } from '../vault/vault';
import { DEFAULT_EXPORT_PATH, exportDeliverable, exportStatus, type ExportOptions } from './exportDeliverable';

const SAMPLE = join(process.cwd(), 'resources', 'sample-vault');
const NAME = 'Name: Ada Lovelace, cohort 7\n\n';
const NOTE = 'Note to self: open with the 500 crashes.\n';
const FIRST_METRIC_LINE = /^\*\*Metric:\*\* 1\.4 s median.*$/m;

async function sampleVault(): Promise<Vault> {
  const root = join(await tempDir(), 'vault');
  await cp(SAMPLE, root, { recursive: true });
  return Vault.open(root);
}

function run(vault: Vault, options: ExportOptions = {}): Promise<ExportOutcome> {
  const stories = vault.snapshot().stories.map((record) => record.story);
  return exportDeliverable({ vaultRoot: vault.root, gitRoot: vault.gitRoot, stories }, options);
}

/** The user's additions: a name line on top and a note under story 1's metric. */
const withAdditions = (text: string) => NAME + text.replace(FIRST_METRIC_LINE, (line) => `${line}\n${NOTE}`);

async function changeMetric(vault: Vault, index: number, metric: string): Promise<void> {
  const record = vault.snapshot().stories[index];
  await vault.save({ ...record.story, metric });
}

const subject = async (root: string) => (await runGit(root, ['log', '-1', '--format=%s'])).stdout.trim();

describe('export with hand edits: a three-way merge against the last export', () => {
  it('keeps the user’s additions through every later export, with the stories’ changes merged in', async () => {
    const vault = await sampleVault();
    const path = join(vault.root, DEFAULT_EXPORT_PATH);
    await run(vault);
    await writeFile(path, withAdditions(await readFile(path, 'utf8')));

    await changeMetric(vault, 1, 'two signatures on 100% of 12,000 attestations');
    const first = await run(vault);
    const bare = first.kind === 'written' ? first : null;
    expect(first).toMatchObject({ kind: 'written', committed: true });
    expect(bare?.keptEdits).toMatchObject({ diff: { added: 4, removed: 0 }, brokenCriteria: [] });
    expect(bare?.report.pass).toBe(true);
    let text = await readFile(path, 'utf8');
    expect(text.startsWith(NAME)).toBe(true);
    expect(text).toContain(NOTE);
    expect(text).toContain('**Metric:** two signatures on 100% of 12,000 attestations');
    expect(bare?.text).toBe(text);
    expect(await subject(vault.root)).toBe('export: interview story bank (with your edits merged)');
    const target = { vaultRoot: vault.root, gitRoot: vault.gitRoot, stories: [] };
    const stories = vault.snapshot().stories.map((record) => record.story);
    expect(await exportStatus({ ...target, stories })).toMatchObject({ exists: true, upToDate: true, committed: true });

    // The case the user lost their name line in: the export after a merged one.
    await changeMetric(vault, 2, 'verification p99 under 80 ms for 30 days');
    expect((await run(vault)).kind).toBe('written');
    text = await readFile(path, 'utf8');
    expect(text.startsWith(NAME)).toBe(true);
    expect(text).toContain(NOTE);
    expect(text).toContain('**Metric:** verification p99 under 80 ms for 30 days');
    expect(text).toContain('**Metric:** two signatures on 100% of 12,000 attestations');
  });

  it('takes a deliverable checked out with CRLF breaks (git’s autocrlf) as the same text, and keeps its breaks', async () => {
    const vault = await sampleVault();
    const path = join(vault.root, DEFAULT_EXPORT_PATH);
    await run(vault);
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    await writeFile(path, crlf(await readFile(path, 'utf8')));
    const stories = () => vault.snapshot().stories.map((record) => record.story);
    const target = () => ({ vaultRoot: vault.root, gitRoot: vault.gitRoot, stories: stories() });
    expect(await exportStatus(target())).toMatchObject({ exists: true, upToDate: true });
    expect(await run(vault)).toMatchObject({ kind: 'unchanged' });

    // The user's additions, typed with CRLF too, merge with a story's change instead of conflicting on every line.
    await writeFile(
      path,
      crlf(withAdditions(await readFile(path, 'utf8').then((text) => text.replace(/\r\n/g, '\n')))),
    );
    await changeMetric(vault, 1, 'two signatures on 100% of 12,000 attestations');
    expect(await run(vault)).toMatchObject({ kind: 'written', committed: true });
    const text = await readFile(path, 'utf8');
    expect(text.startsWith(crlf(NAME))).toBe(true);
    expect(text).toContain(crlf(NOTE));
    expect(text).toContain('**Metric:** two signatures on 100% of 12,000 attestations\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(await exportStatus(target())).toMatchObject({ upToDate: true, committed: true });
  });

  it('finds the base in git when .storybank/ is gone (a fresh clone), skipping merged commits', async () => {
    const vault = await sampleVault();
    const path = join(vault.root, DEFAULT_EXPORT_PATH);
    await run(vault);
    await writeFile(path, withAdditions(await readFile(path, 'utf8')));
    await changeMetric(vault, 1, 'two signatures on 100% of 12,000 attestations');
    await run(vault);
    await rm(join(vault.root, '.storybank'), { recursive: true, force: true });

    await changeMetric(vault, 3, 'the lost wakeup fixed in 1 of 1 reproductions');
    expect((await run(vault)).kind).toBe('written');
    const text = await readFile(path, 'utf8');
    expect(text.startsWith(NAME)).toBe(true);
    expect(text).toContain(NOTE);
    expect(text).toContain('**Metric:** the lost wakeup fixed in 1 of 1 reproductions');
  });

  it('asks when both changed the same lines, writes nothing, and applies the user’s choice', async () => {
    const vault = await sampleVault();
    const path = join(vault.root, DEFAULT_EXPORT_PATH);
    await run(vault);
    const mine = withAdditions(await readFile(path, 'utf8')).replace(
      FIRST_METRIC_LINE,
      '**Metric:** 1.4 s median failover (my wording)',
    );
    await writeFile(path, mine);
    await changeMetric(vault, 0, '1.3 s median from leader crash to the next committed write');
    const head = await subject(vault.root);

    const conflict = await run(vault);
    if (conflict.kind !== 'conflict') throw new Error(`expected a conflict, got ${conflict.kind}`);
    expect(conflict.hunks).toEqual([
      {
        line: expect.any(Number),
        mine: `**Metric:** 1.4 s median failover (my wording)\n${NOTE}`,
        theirs: '**Metric:** 1.3 s median from leader crash to the next committed write',
      },
    ]);
    expect(conflict.reason).toMatch(/changing the same lines in 1 place; nothing was written/);
    expect(conflict.mergedText.startsWith(NAME)).toBe(true);
    expect(conflict.fileHash).toBe(contentHash(mine));
    expect(await readFile(path, 'utf8')).toBe(mine);
    expect(await subject(vault.root)).toBe(head);

    const { fileHash, exportHash } = conflict;
    // A choice made for another file or export writes nothing.
    await expect(run(vault, { resolve: { choice: 'mine', fileHash: exportHash, exportHash } })).rejects.toThrow(
      /changed while you chose; nothing was written/,
    );
    // Edited text that still has markers is refused, naming the line.
    await expect(
      run(vault, { resolve: { choice: 'edited', fileHash, exportHash, text: conflict.mergedText } }),
    ).rejects.toThrow(`line ${conflict.hunks[0].line} of the edited text is still a conflict marker`);
    expect(await readFile(path, 'utf8')).toBe(mine);

    const keptMine = await run(vault, { resolve: { choice: 'mine', fileHash, exportHash } });
    expect(keptMine.kind).toBe('unchanged');
    expect(await readFile(path, 'utf8')).toBe(mine);

    // The export's lines where they overlap; the name line stays; the user's version is in history.
    await changeMetric(vault, 0, '1.2 s median from leader crash to the next committed write');
    const again = await run(vault);
    if (again.kind !== 'conflict') throw new Error(`expected a conflict, got ${again.kind}`);
    const tookNew = await run(vault, {
      resolve: { choice: 'new', fileHash: again.fileHash, exportHash: again.exportHash },
    });
    expect(tookNew.kind).toBe('written');
    const text = await readFile(path, 'utf8');
    expect(text.startsWith(NAME)).toBe(true);
    expect(text).toContain('**Metric:** 1.2 s median from leader crash to the next committed write');
    expect(text).not.toContain('my wording');
    expect((await runGit(vault.root, ['show', `HEAD~1:${DEFAULT_EXPORT_PATH}`])).stdout).toBe(mine);
  });

  it('writes the user’s edited merge, and says when their edits break a criterion the export passes', async () => {
    const vault = await sampleVault();
    const path = join(vault.root, DEFAULT_EXPORT_PATH);
    await run(vault);
    const mine = (await readFile(path, 'utf8')).replace(FIRST_METRIC_LINE, '**Metric:** much faster failover');
    await writeFile(path, mine);
    await changeMetric(vault, 0, '1.3 s median from leader crash to the next committed write');
    const conflict = await run(vault);
    if (conflict.kind !== 'conflict') throw new Error(`expected a conflict, got ${conflict.kind}`);

    const edited = mine.replace('**Metric:** much faster failover', '**Metric:** failover got faster, a lot');
    const outcome = await run(vault, {
      resolve: { choice: 'edited', fileHash: conflict.fileHash, exportHash: conflict.exportHash, text: edited },
    });
    if (outcome.kind !== 'written') throw new Error(outcome.kind);
    expect(await readFile(path, 'utf8')).toBe(edited);
    expect(outcome.report.pass).toBe(false);
    expect(outcome.keptEdits?.brokenCriteria).toEqual([3]);

    // The next export merges against the export this one generated, so the edit stays.
    await changeMetric(vault, 4, 'cache hits on 97% of 40,000 verifications');
    expect((await run(vault)).kind).toBe('written');
    expect(await readFile(path, 'utf8')).toContain('**Metric:** failover got faster, a lot');
  });
});
