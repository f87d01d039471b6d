// 1. Vault load: what opening a vault costs in Story Bank's own code. Measured: Vault.read (list,
// lstat, read, parse the frontmatter, validate with zod, split the sections) and the check of the
// whole vault, as `story-bank check VAULT` does. Floor: reading the same files with fs.readFile,
// as many at once as the vault reads (16), so the ratio is what parsing and checking add to I/O.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeRow } from '../lib/stats.js';
import { nowMs } from '../lib/host.js';

const SIZES = [
  { count: 8, repeats: 200 },
  { count: 100, repeats: 60 },
  { count: 1000, repeats: 15 },
  { count: 10000, repeats: 5 },
];

/** The vault's own read concurrency (LOAD_CONCURRENCY in src/main/vault/vault.ts). */
const CONCURRENCY = 16;

async function readAll(root) {
  const dir = join(root, 'stories');
  const names = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  let bytes = 0;
  let next = 0;
  const worker = async () => {
    while (next < names.length) bytes += (await readFile(join(dir, names[next++]))).length;
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return bytes;
}

export default async function load({ lib, vaults, quick, log }) {
  const rows = [];
  for (const { count, repeats } of SIZES) {
    const root = await vaults.shared(count);
    const runs = quick ? Math.max(3, Math.ceil(repeats / 5)) : repeats;
    const measured = [];
    const floor = [];
    const loadAndCheck = async () => {
      const snapshot = await lib.Vault.read(root);
      const report = lib.check(lib.checkInputFromStories(snapshot.stories.map((record) => record.story)));
      if (snapshot.stories.length !== count) throw new Error(`loaded ${snapshot.stories.length} of ${count} stories`);
      return report;
    };
    // A warm-up of each, so both run with the files in the page cache and the code compiled.
    await loadAndCheck();
    await readAll(root);
    // Interleaved, so a slow patch of the machine hits both alike.
    for (let i = 0; i < runs; i += 1) {
      let start = nowMs();
      await loadAndCheck();
      measured.push(nowMs() - start);
      start = nowMs();
      await readAll(root);
      floor.push(nowMs() - start);
    }
    const row = makeRow({
      name: `vault load + check, ${count.toLocaleString('en')} stories`,
      samples: measured,
      floorSamples: floor,
      budget: count === 10000 ? { on: 'ratio', op: '<=', limit: 2 } : undefined,
    });
    log(`${row.name}: median ${row.median.toFixed(1)} ms, floor ${row.floor.toFixed(1)} ms (${runs} runs)`);
    rows.push(row);
  }
  return rows;
}
