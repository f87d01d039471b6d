/* eslint-disable no-restricted-imports -- this test runs the renderer's state classes against
   the real main-process service in one Node process; the renderer itself never imports main. */
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSampleVault, until } from '../../../../test/helpers/inProcessApi';
import { check } from '@core/checker/check';
import { checkInputFromStories } from '@core/checker/fromStories';
import type { Story } from '@core/story';
import { BankCheckState } from '../features/checklist/BankCheckState.svelte';
import { ExportState } from '../features/transfer/ExportState.svelte';
import { ImportState } from '../features/transfer/ImportState.svelte';
import { VaultState } from './VaultState.svelte';

const DELIVERABLE = join('week-23', 'day5-interview-story-bank.md');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setUp() {
  const opened = await openSampleVault();
  const vault = new VaultState(opened.api);
  const stop = vault.start();
  cleanups.push(stop, opened.close);
  await until(() => vault.status === 'ready');
  return { ...opened, vault };
}

/** A file as an <input type="file"> hands it over. */
const file = (name: string, text: string) => ({
  name,
  size: new TextEncoder().encode(text).length,
  text: async () => text,
});

describe('BankCheckState', () => {
  it('checks the vault as it is, with an unsaved draft standing in for its story', async () => {
    const { vault } = await setUp();
    let draft: Story | null = null;
    const bank = new BankCheckState(() =>
      vault.records.map((record) => (draft && record.story.id === draft.id ? draft : record.story)),
    );
    expect(bank.report.pass).toBe(true);
    expect([...bank.statuses.values()].every((s) => s.star && s.metric && s.tradeoff && s.mapped)).toBe(true);

    draft = { ...structuredClone(vault.records[4].story), metric: 'much faster' };
    expect(bank.report.criteria[2]).toMatchObject({ pass: false });
    expect(bank.statuses.get(draft.id)).toMatchObject({ number: 5, metric: false, star: true });
    draft = null;
    expect(bank.report.pass).toBe(true);
  });
});

describe('ExportState', () => {
  it('exports, knows the deliverable is committed, keeps a hand edit and overwrites only when forced', async () => {
    const { root, vault } = await setUp();
    const exporter = new ExportState(() => vault.api);
    await exporter.refresh();
    expect(exporter.deliverable).toMatchObject({ exists: false, upToDate: false, committed: false });

    await exporter.run();
    expect(exporter.status).toBe('done');
    expect(exporter.outcome).toMatchObject({ kind: 'written', committed: true, report: { pass: true } });
    await until(() => exporter.deliverable?.committed === true, 'the committed status');
    expect(exporter.deliverable).toMatchObject({ exists: true, upToDate: true });
    exporter.close();
    expect(exporter.open).toBe(false);

    const path = join(root, DELIVERABLE);
    const edited = `${await readFile(path, 'utf8')}\nMy own closing note.\n`;
    await writeFile(path, edited);
    // A hand edit the stories do not touch is kept (merged), not refused.
    await exporter.run();
    expect(exporter.outcome).toMatchObject({ kind: 'unchanged', text: edited, keptEdits: { brokenCriteria: [] } });
    expect(await readFile(path, 'utf8')).toBe(edited);

    await exporter.run(true);
    expect(exporter.outcome).toMatchObject({ kind: 'written' });
    expect(await readFile(path, 'utf8')).not.toContain('My own closing note.');
  });
});

describe('ImportState', () => {
  it('imports picked files, and refuses oversized picks before sending anything', async () => {
    const { vault } = await setUp();
    const importer = new ImportState(() => vault.api);
    await importer.run([
      file(
        'answer.md',
        '# Pairing on call\n\n**Situation:** S.\n**Task:** T.\n**Action:** A.\n**Result:** R.\n**Metric:** 4 of 4 pages\n',
      ),
    ]);
    expect(importer.status).toBe('done');
    expect(importer.report?.imported.map((s) => s.title)).toEqual(['Pairing on call']);
    await until(() => vault.records.length === 9, 'the new story on the board');

    importer.close();
    await importer.run([{ name: 'huge.md', size: 2 * 1024 * 1024, text: async () => 'x' }]);
    expect(importer).toMatchObject({ status: 'failed', report: null });
    expect(importer.error).toMatch(/larger than 1 MiB/);
    expect(vault.records).toHaveLength(9);
  });

  it('asks before exporting a failing bank: nothing is written until the user says so', async () => {
    const { root, vault } = await setUp();
    const exporter = new ExportState(() => vault.api);
    const failing = check(checkInputFromStories(vault.records.slice(0, 7).map((record) => record.story)));
    await exporter.start(failing);
    expect(exporter.status).toBe('confirm');
    expect(exporter.failing.map((criterion) => criterion.id)).toEqual([1]);
    expect(existsSync(join(root, DELIVERABLE))).toBe(false);
    exporter.close();
    expect(exporter.failing).toEqual([]);

    await exporter.start(check(checkInputFromStories(vault.records.map((record) => record.story))));
    expect(exporter.status).toBe('done');
    expect(existsSync(join(root, DELIVERABLE))).toBe(true);
  });
});
