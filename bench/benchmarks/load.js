// 1. Vault load: what opening a vault costs in Story Bank's own code. Measured: Vault.read (list,
// open without following links, read, parse the frontmatter, validate with zod, split the
// sections, hash) and the check of the whole vault, as `story-bank check VAULT` does. Floor:
// readFileSync of the same files in a loop, the quickest plain read there is (the vault reads in
// place too, so an asynchronous floor, which pays the thread pool's round trips, would be slower
// than the app: the first rounds measured 0.8 against it). The ratio is what parsing, validating
// and checking add to reading. A context row keeps the old floor, fs.readFile 16 at once.
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeRow } from '../lib/stats.js';
import { nowMs } from '../lib/host.js';

const SIZES = [
  { count: 8, repeats: 200 },
  { count: 100, repeats: 60 },
  { count: 1000, repeats: 15 },
  { count: 10000, repeats: 20 },
];
/** At least this many repeats at the largest size, --quick or not: its budget is judged on them. */
const MIN_REPEATS_LARGEST = 20;

/** How many fs.readFile calls the context floor keeps in flight (what the vault did before it read in place). */
const CONCURRENCY = 16;

async function storyFiles(root) {
  const dir = join(root, 'stories');
  return (await readdir(dir))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => join(dir, name));
}

async function readAll(root) {
  const names = await storyFiles(root);
  let bytes = 0;
  let next = 0;
  const worker = async () => {
    while (next < names.length) bytes += (await readFile(names[next++])).length;
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return bytes;
}

async function readAllSync(root) {
  let bytes = 0;
  for (const name of await storyFiles(root)) bytes += readFileSync(name).length;
  return bytes;
}

export default async function load({ lib, vaults, quick, log }) {
  const rows = [];
  const largest = SIZES[SIZES.length - 1].count;
  for (const { count, repeats } of SIZES) {
    const root = await vaults.shared(count);
    const runs =
      count === largest
        ? Math.max(MIN_REPEATS_LARGEST, quick ? 0 : repeats)
        : quick
          ? Math.max(3, Math.ceil(repeats / 5))
          : repeats;
    const measured = [];
    const floor = [];
    const asyncFloor = [];
    const loadAndCheck = async () => {
      const snapshot = await lib.Vault.read(root);
      const report = lib.check(lib.checkInputFromStories(snapshot.stories.map((record) => record.story)));
      if (snapshot.stories.length !== count) throw new Error(`loaded ${snapshot.stories.length} of ${count} stories`);
      return report;
    };
    // A warm-up of each, so all run with the files in the page cache and the code compiled.
    await loadAndCheck();
    await readAllSync(root);
    await readAll(root);
    // Interleaved, so a slow patch of the machine hits all alike.
    for (let i = 0; i < runs; i += 1) {
      let start = nowMs();
      await loadAndCheck();
      measured.push(nowMs() - start);
      start = nowMs();
      await readAllSync(root);
      floor.push(nowMs() - start);
      start = nowMs();
      await readAll(root);
      asyncFloor.push(nowMs() - start);
    }
    const row = makeRow({
      name: `vault load + check, ${count.toLocaleString('en')} stories`,
      samples: measured,
      floorSamples: floor,
      budget: count === largest ? { on: 'ratio', op: '<=', limit: 2 } : undefined,
      note: `${runs} runs; floor: readFileSync in a loop`,
    });
    log(`${row.name}: median ${row.median.toFixed(1)} ms, floor ${row.floor.toFixed(1)} ms (${runs} runs)`);
    rows.push(row);
    if (count === largest) {
      rows.push(
        makeRow({
          name: `vault load + check, ${count.toLocaleString('en')} stories, vs fs.readFile ×${CONCURRENCY}`,
          samples: measured,
          floorSamples: asyncFloor,
          note: 'context only: the floor of the first rounds, slower than the app since the vault reads in place',
        }),
      );
    }
  }
  return rows;
}
