import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleDeliverable } from '../src/core/deliverable/assembleDeliverable';
import { DEFAULT_EXPORT_PATH } from '../src/main/export/exportDeliverable';
import { Vault } from '../src/main/vault/vault';
import { builtFile } from './helpers/builtApp';
import { crashRandom, printSeedOnFailure } from './helpers/crashSeed';
import { tempDir } from './helpers/tempDir';

const RUNS = Number(process.env.CRASH_RUNS ?? 24);
const lib = builtFile('out/main/lib.js');

/** Starts the export loop and kills it with SIGKILL `delayMs` after it reports ready. */
function exportThenKill(root: string, a: string, b: string, delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(process.cwd(), 'test', 'fixtures', 'exportLoop.mjs'), lib, root, a, b],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), delayMs));
    child.once('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`export loop exited ${code}: ${err}`)),
    );
  });
}

describe('a crash during export (SIGKILL at random moments)', () => {
  it(`leaves the previous or the new deliverable, whole, never a torn one (${RUNS} kills)`, async () => {
    printSeedOnFailure();
    const { stories } = await Vault.read(join(process.cwd(), 'resources', 'sample-vault'));
    const a = stories.map((record) => record.story);
    const b = a.map((story) => ({
      ...story,
      metric: `${story.metric} (B)`,
      sections: { ...story.sections, action: `${story.sections.action}\n\n${'B '.repeat(4000)}` },
    }));
    const allowed = new Set([assembleDeliverable(a), assembleDeliverable(b)]);
    const seen = new Set<string>();
    let lost = 0;
    // Three folders killed in turn side by side: process start-up dominates, and it is CPU-bound.
    const lanes = 3;
    await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        const random = crashRandom(lane);
        const root = await tempDir();
        const path = join(root, DEFAULT_EXPORT_PATH);
        for (let run = lane; run < RUNS; run += lanes) {
          await exportThenKill(root, JSON.stringify(a), JSON.stringify(b), Math.floor(random() * 300));
          if (!existsSync(path)) continue;
          const text = await readFile(path, 'utf8');
          if (!allowed.has(text)) lost += 1;
          expect(allowed.has(text), `run ${run}: torn deliverable of ${text.length} bytes`).toBe(true);
          seen.add(text);
        }
        // Killed writes may leave hidden temp files; they are never taken for the deliverable.
        for (const name of await readdir(join(root, 'week-23')))
          if (name !== 'day5-interview-story-bank.md') expect(name).toMatch(/^\..*\.tmp$/);
      }),
    );
    console.log(`export killed ${RUNS} times: ${seen.size} versions seen, deliverables torn: ${lost}`);
    expect(seen.size).toBe(2);
  }, 300_000);
});
