import { spawn } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderStoryFile } from '../src/core/frontmatter/renderStoryFile';
import { sampleStory } from './helpers/sampleStory';
import { builtFile } from './helpers/builtApp';
import { crashRandom, printSeedOnFailure } from './helpers/crashSeed';
import { tempDir } from './helpers/tempDir';

const RUNS = Number(process.env.CRASH_RUNS ?? 200);
const lib = builtFile('out/main/lib.js');

/** Starts the save loop and kills it with SIGKILL `delayMs` after it reports ready. */
function saveThenKill(root: string, a: string, b: string, delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(process.cwd(), 'test', 'fixtures', 'saveLoop.mjs'), lib, root, a, b], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), delayMs));
    child.once('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`save loop exited ${code}: ${err}`)),
    );
  });
}

describe('a crash during save (SIGKILL at random moments)', () => {
  it(`leaves the old or the new version on disk, never a torn or empty file (${RUNS} kills)`, async () => {
    printSeedOnFailure();
    const a = sampleStory({ metric: 'version A' });
    const b = sampleStory({ metric: 'version B', sections: { ...sampleStory().sections, action: 'B '.repeat(3000) } });
    const allowed = new Set([renderStoryFile(a), renderStoryFile(b)]);
    const seen = new Set<string>();
    // Three vaults killed in turn side by side: process start-up dominates, and it is CPU-bound.
    const lanes = 3;
    await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        const random = crashRandom(lane);
        const root = await tempDir();
        await mkdir(join(root, 'stories'), { recursive: true });
        const file = join(root, 'stories', 'raft.md');
        await writeFile(file, renderStoryFile(a));
        for (let run = lane; run < RUNS; run += lanes) {
          await saveThenKill(root, JSON.stringify(a), JSON.stringify(b), Math.floor(random() * 40));
          const text = await readFile(file, 'utf8');
          expect(allowed.has(text), `run ${run}: torn file of ${text.length} bytes`).toBe(true);
          seen.add(text);
        }
        // Killed writes may leave temp files behind; they never count as stories.
        const leftovers = (await readdir(join(root, 'stories'))).filter((name) => name !== 'raft.md');
        for (const name of leftovers) expect(name.endsWith('.md')).toBe(false);
      }),
    );
    // Both versions were seen, so the kills did land mid-loop rather than before the first save.
    expect(seen.size).toBe(2);
  }, 300_000);
});
