import { spawnSync } from 'node:child_process';
import { cp, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../src/core/checker/types';
import { STORY_ORDER_FILE } from '../src/core/storyOrderFile';
import { builtFile } from './helpers/builtApp';
import { openServiceAt } from './helpers/serviceCalls';
import { tempDir } from './helpers/tempDir';

const bin = join(process.cwd(), 'bin', 'story-bank.js');
builtFile('out/main/cli.js');
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_')));
const run = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 20_000, env });
const DELIVERABLE = join('week-23', 'day5-interview-story-bank.md');

/** A sample vault whose file names sort Performance first, with an order file for two stories. */
async function orderedVault(): Promise<string> {
  const root = join(await tempDir(), 'vault');
  await cp(join(process.cwd(), 'resources', 'sample-vault'), root, { recursive: true });
  await rename(
    join(root, 'stories', '05-caching-verified-certificate-chains.md'),
    join(root, 'stories', '00-caching.md'),
  );
  await writeFile(join(root, STORY_ORDER_FILE), '{"order": ["review-turnaround", "gone", "verification-slo"]}\n');
  return root;
}

const EXPECTED = [
  'Getting code reviews unstuck on a four-person team',
  'Setting an SLO for binary verification',
  'Replicating attestations with Raft',
  'Requiring two signatures for every attestation',
  'Tracking down a lost wakeup in the epoll loop',
  'Caching verified certificate chains',
  'Storing attestations in an append-only log',
  'Failing a live demo at the week 12 checkpoint',
];

describe('story-bank check and export number the stories as the app does', () => {
  it('check --json numbers a vault’s stories in its order', async () => {
    const root = await orderedVault();
    const result = run('check', root, '--json');
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as CheckReport;
    expect(report.stories.map((s) => `${s.number} ${s.title}`)).toEqual(EXPECTED.map((t, i) => `${i + 1} ${t}`));
  });

  it('export writes the same bytes as the app’s export of the same vault', async () => {
    const root = await orderedVault();
    const cli = run('export', root);
    expect(cli.status, cli.stderr).toBe(0);
    const byCli = await readFile(join(root, DELIVERABLE), 'utf8');
    expect([...byCli.matchAll(/^## Story #\d+: (.*)$/gm)].map((m) => m[1])).toEqual(EXPECTED);

    const app = await openServiceAt(root);
    try {
      const outcome = await app.call('exportDeliverable', {});
      expect(outcome.kind).toBe('unchanged');
    } finally {
      await app.stop();
    }
  });

  it('warns on stderr, and numbers in the board’s order, when the order file is broken', async () => {
    const root = await orderedVault();
    await writeFile(join(root, STORY_ORDER_FILE), 'order: [review-turnaround]\n');
    const result = run('check', root, '--json');
    expect(result.stderr).toMatch(/warning: stories\/order\.json is not an order file: it is not valid JSON/);
    const report = JSON.parse(result.stdout) as CheckReport;
    expect(report.stories[0].title).toBe('Replicating attestations with Raft');
    expect(report.stories[4].title).toBe('Caching verified certificate chains');
  });
});
