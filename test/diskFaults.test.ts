import { cp, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallName, CallResults, Envelope } from '../src/core/api';
import { dispatch } from '../src/main/api/dispatch';
import { createStoryBankService } from '../src/main/api/storyBankService';
import { DEFAULT_EXPORT_PATH } from '../src/main/export/exportDeliverable';
import { ATOMIC_WRITE_STEPS } from '../src/main/fs/atomicWrite';
import { Vault } from '../src/main/vault/vault';
import { faultyFileSystem } from './helpers/faultyFileSystem';
import { tempDir } from './helpers/tempDir';

/**
 * A full disk (ENOSPC) and a failing one (EIO) at each step of the atomic write (create the temp
 * file, write, flush, close, rename over) of a save and of an export, through the same service
 * calls the app makes. Each time: the call answers with a readable error, the previous file is on
 * disk byte for byte, no temp file is left, and the next save or export works.
 */
const CODES = ['ENOSPC', 'EIO'] as const;
const READABLE = { ENOSPC: /the disk is full \(ENOSPC\)/, EIO: /input\/output error \(EIO\)/ };
const injected: Record<string, number> = {};
let filesLost = 0;
afterAll(() => console.log('faults injected per write step:', injected, 'files lost:', filesLost));

async function openFaultyVault() {
  const root = join(await tempDir(), 'vault');
  await cp(join(process.cwd(), 'resources', 'sample-vault'), root, { recursive: true });
  const faults = faultyFileSystem();
  const vault = await Vault.open(root, { fileSystem: faults.fileSystem });
  const service = createStoryBankService(vault, { host: 'browser', version: 'test' }, { commitQuietMs: 60_000 });
  const call = async <K extends CallName>(name: K, input: unknown): Promise<Envelope<CallResults[K]>> =>
    JSON.parse(JSON.stringify(await dispatch(service.handlers, name, input))) as Envelope<CallResults[K]>;
  const leftovers = async (dir: string) => (await readdir(dir)).filter((name) => name.endsWith('.tmp'));
  return {
    root,
    vault,
    faults,
    call,
    leftovers,
    close: async () => {
      await service.close();
      await vault.close();
    },
  };
}

describe('a full or failing disk during a save', () => {
  it('leaves the story file as it was at every step, reports it, and the next save works', async () => {
    const app = await openFaultyVault();
    const [first, second] = app.vault.snapshot().stories;
    const path = join(app.root, first.file);
    let before = await readFile(path);
    let version = 0;
    for (const step of ATOMIC_WRITE_STEPS) {
      for (const code of CODES) {
        version += 1;
        const record = app.vault.findById(first.story.id)!;
        const edited = { ...record.story, metric: `${version} ms after the fault` };
        app.faults.arm({ step, code });
        const failed = await app.call('saveStory', { story: edited, baseHash: record.hash });
        expect(app.faults.pending, `${step} ${code} fired`).toBe(false);
        injected[`save:${step}`] = (injected[`save:${step}`] ?? 0) + 1;
        expect(failed.ok).toBe(false);
        if (!failed.ok) expect(failed.error.message).toMatch(READABLE[code]);
        const after = await readFile(path);
        if (!after.equals(before)) filesLost += 1;
        expect(after.equals(before), `${step} ${code}: the file changed`).toBe(true);
        expect(await app.leftovers(join(app.root, 'stories'))).toEqual([]);
        // Nothing else is affected: another story saves, and this one saves once the disk is back.
        const other = app.vault.findById(second.story.id)!;
        const otherSaved = await app.call('saveStory', {
          story: { ...other.story, keyPhrases: [...other.story.keyPhrases, `kept ${version}`] },
          baseHash: other.hash,
        });
        expect(otherSaved.ok).toBe(true);
        const retried = await app.call('saveStory', { story: edited, baseHash: record.hash });
        expect(retried.ok).toBe(true);
        before = await readFile(path);
        expect(before.toString()).toContain(`${version} ms after the fault`);
      }
    }
    await app.close();
  });
});

describe('a full or failing disk during an export', () => {
  it('leaves the previous deliverable whole at every step, reports it, and the next export works', async () => {
    const app = await openFaultyVault();
    const deliverable = join(app.vault.gitRoot!, DEFAULT_EXPORT_PATH);
    expect((await app.call('exportDeliverable', {})).ok).toBe(true);
    let before = await readFile(deliverable);
    const story = app.vault.snapshot().stories[0];
    let version = 0;
    for (const step of ATOMIC_WRITE_STEPS) {
      for (const code of CODES) {
        version += 1;
        const record = app.vault.findById(story.story.id)!;
        const saved = await app.call('saveStory', {
          story: { ...record.story, metric: `${version} exports later` },
          baseHash: record.hash,
        });
        expect(saved.ok).toBe(true);
        app.faults.arm({ step, code, when: (target) => target === deliverable });
        const failed = await app.call('exportDeliverable', {});
        expect(app.faults.pending).toBe(false);
        injected[`export:${step}`] = (injected[`export:${step}`] ?? 0) + 1;
        expect(failed.ok).toBe(false);
        if (!failed.ok) expect(failed.error.message).toMatch(READABLE[code]);
        const after = await readFile(deliverable);
        if (!after.equals(before)) filesLost += 1;
        expect(after.equals(before), `${step} ${code}: the deliverable changed`).toBe(true);
        expect(await app.leftovers(join(app.vault.gitRoot!, 'week-23'))).toEqual([]);
        // The failed export did not count as ours: the retry is not refused as a hand edit.
        const retried = await app.call('exportDeliverable', {});
        expect(retried.ok && retried.value.kind).toBe('written');
        before = await readFile(deliverable);
        expect(before.toString()).toContain(`${version} exports later`);
      }
    }
    await app.close();
  });

  it('says so when the deliverable was written and committed but its record could not be; the next export still knows it', async () => {
    const app = await openFaultyVault();
    const deliverable = join(app.vault.gitRoot!, DEFAULT_EXPORT_PATH);
    for (const code of CODES) {
      const record = app.vault.snapshot().stories[0];
      await app.call('saveStory', { story: { ...record.story, metric: `${code} 1 ms` }, baseHash: record.hash });
      app.faults.arm({ step: 'write', code, when: (target) => target.endsWith('exports.json') });
      const failed = await app.call('exportDeliverable', {});
      expect(app.faults.pending).toBe(false);
      injected['export:record'] = (injected['export:record'] ?? 0) + 1;
      expect(failed.ok).toBe(false);
      if (!failed.ok) expect(failed.error.message).toMatch(/could not note it in \.storybank\/exports\.json/);
      // The new deliverable is whole (written before the record).
      expect(await readFile(deliverable, 'utf8')).toContain(`${code} 1 ms`);
      // It was committed, so the next export knows it as its own and does not refuse it as a hand edit.
      const next = await app.call('exportDeliverable', {});
      expect(next.ok && next.value.kind).not.toBe('refused');
    }
    await app.close();
  });

  it('says so when the copy the next merge starts from could not be kept; hand edits still merge after it', async () => {
    const app = await openFaultyVault();
    const deliverable = join(app.vault.gitRoot!, DEFAULT_EXPORT_PATH);
    expect((await app.call('exportDeliverable', {})).ok).toBe(true);
    for (const code of CODES) {
      const record = app.vault.snapshot().stories[0];
      await app.call('saveStory', { story: { ...record.story, metric: `${code} 2 ms` }, baseHash: record.hash });
      app.faults.arm({ step: 'write', code, when: (target) => target.includes('export-bases') });
      const failed = await app.call('exportDeliverable', {});
      expect(app.faults.pending).toBe(false);
      injected['export:base'] = (injected['export:base'] ?? 0) + 1;
      expect(failed.ok).toBe(false);
      if (!failed.ok) expect(failed.error.message).toMatch(/could not note it in \.storybank\/export-bases\//);
      expect(await readFile(deliverable, 'utf8')).toContain(`${code} 2 ms`);
      // The copy left is an older export: a line added by hand still survives the next export.
      await writeFile(deliverable, `Name: ${code}\n${await readFile(deliverable, 'utf8')}`);
      const next = await app.call('exportDeliverable', {});
      expect(next.ok && next.value.kind).not.toBe('refused');
      const text = await readFile(deliverable, 'utf8');
      expect(text.startsWith(`Name: ${code}\n`)).toBe(true);
      expect(text).toContain('Name: ENOSPC\n# Interview Story Bank\n');
    }
    await app.close();
  });
});
