// 1. Vault load: what opening a vault costs in Story Bank's own code. Measured: Vault.read (list,
// open without following links, read, parse the frontmatter, validate with zod, split the
// sections, hash) and the check of the whole vault, as `story-bank check VAULT` does. Floor (the
// issue's): reading the same files with fs.readFile, 16 at once, so the ratio is what Story Bank
// adds to reading. The vault reads synchronously in batches, which skips the thread pool's round
// trips that fs.readFile pays, so a context row at 10,000 also compares it with the quickest
// plain read there is, readFileSync in a loop: that ratio is what parsing and checking cost.
import { readFileSync } from 'node:fs';
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

/** How many fs.readFile calls the floor keeps in flight (what the vault did before it read in place). */
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

async function readAllInPlace(root) {
  let bytes = 0;
  for (const name of await storyFiles(root)) bytes += readFileSync(name).length;
  return bytes;
}

export default async function load({ lib, vaults, quick, log }) {
  const rows = [];
  for (const { count, repeats } of SIZES) {
    const root = await vaults.shared(count);
    const runs = quick ? Math.max(3, Math.ceil(repeats / 5)) : repeats;
    const measured = [];
    const floor = [];
    const inPlaceFloor = [];
    const withInPlace = count === 10000;
    const loadAndCheck = async () => {
      const snapshot = await lib.Vault.read(root);
      const report = lib.check(lib.checkInputFromStories(snapshot.stories.map((record) => record.story)));
      if (snapshot.stories.length !== count) throw new Error(`loaded ${snapshot.stories.length} of ${count} stories`);
      return report;
    };
    // A warm-up of each, so both run with the files in the page cache and the code compiled.
    await loadAndCheck();
    await readAll(root);
    if (withInPlace) await readAllInPlace(root);
    // Interleaved, so a slow patch of the machine hits both alike.
    for (let i = 0; i < runs; i += 1) {
      let start = nowMs();
      await loadAndCheck();
      measured.push(nowMs() - start);
      start = nowMs();
      await readAll(root);
      floor.push(nowMs() - start);
      if (withInPlace) {
        start = nowMs();
        await readAllInPlace(root);
        inPlaceFloor.push(nowMs() - start);
      }
    }
    const row = makeRow({
      name: `vault load + check, ${count.toLocaleString('en')} stories`,
      samples: measured,
      floorSamples: floor,
      budget: count === 10000 ? { on: 'ratio', op: '<=', limit: 2 } : undefined,
    });
    log(`${row.name}: median ${row.median.toFixed(1)} ms, floor ${row.floor.toFixed(1)} ms (${runs} runs)`);
    rows.push(row);
    if (withInPlace) {
      rows.push(
        makeRow({
          name: `vault load + check, ${count.toLocaleString('en')} stories, vs readFileSync`,
          samples: measured,
          floorSamples: inPlaceFloor,
        }),
      );
    }
  }
  return rows;
}
