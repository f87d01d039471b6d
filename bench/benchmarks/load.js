// 1. Vault load: what opening a vault costs in Story Bank's own code. Measured: Vault.read (list,
// look at each file with lstat, and read, hash and parse what changed: open without following
// links, read, parse the frontmatter with yaml, validate with zod, split the sections) and the
// check of the whole vault, as `story-bank check VAULT` does. Floor: readFileSync of the same
// files in a loop, the quickest plain read there is. The vault uses fs.promises, so each file
// costs it a round trip through the thread pool that this floor does not pay; a context row sets
// the same runs against fs.readFile 16 at once, what reading alone costs that way.
// The budget is judged at 1,000 stories; 10,000 is shown for context. The runs after the warm-up
// are those of a process that has read the vault before (the app reopening it, the re-read after
// the watcher falls back to polling): a file whose lstat is as it was is not read again
// (src/main/vault/fileStamps.ts), a story unchanged is not checked again (src/core/checker/
// keptFor.ts). Context rows measure the first load in a new process (as `story-bank check VAULT`
// runs): with the parses an earlier run kept on disk, and with none.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { makeRow } from '../lib/stats.js';
import { nowMs } from '../lib/host.js';
import { APP_ROOT } from '../lib/vaults.js';

/** Runs of the first load in a new process (each a node process of its own). */
const COLD_RUNS = { quick: 3, full: 7 };

/**
 * Milliseconds of one load + check in a new node process, after its modules are loaded. `cacheDir`:
 * its parse cache folder (STORY_BANK_CACHE_DIR; see src/main/vault/parseCacheFile.ts).
 */
async function coldLoadMs(root, cacheDir) {
  const lib = pathToFileURL(join(APP_ROOT, 'out', 'main', 'lib.js')).href;
  const script = `const lib = await import(${JSON.stringify(lib)});
const start = performance.now();
const snapshot = await lib.Vault.read(${JSON.stringify(root)});
lib.check(lib.checkInputFromStories(snapshot.stories.map((record) => record.story)));
console.log(performance.now() - start);`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, STORY_BANK_CACHE_DIR: cacheDir },
  });
  return Number(stdout.trim());
}

const SIZES = [
  { count: 8, repeats: 200 },
  { count: 100, repeats: 60 },
  { count: 1000, repeats: 15 },
  { count: 10000, repeats: 20 },
];
/** The size the budget is judged at, with at least this many repeats, --quick or not. */
const BUDGETED = 1000;
const MIN_REPEATS_BUDGETED = 20;

/** How many fs.readFile calls the context floor keeps in flight (as many as the vault reads at once). */
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

/**
 * A file changed in the last 2 s is read again on every load (src/main/vault/fileStamps.ts), and a
 * vault being opened has been written well before that: the vaults are made first, then left alone.
 */
const SETTLED_MS = 2100;

export default async function load({ lib, vaults, quick, log, temp }) {
  const rows = [];
  for (const { count } of SIZES) await vaults.shared(count);
  await new Promise((resolve) => setTimeout(resolve, SETTLED_MS));
  for (const { count, repeats } of SIZES) {
    const root = await vaults.shared(count);
    const runs =
      count === BUDGETED
        ? Math.max(MIN_REPEATS_BUDGETED, quick ? 0 : repeats)
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
      budget: count === BUDGETED ? { on: 'ratio', op: '<=', limit: 3 } : undefined,
      note: `${runs} runs; floor: readFileSync in a loop`,
    });
    log(`${row.name}: median ${row.median.toFixed(1)} ms, floor ${row.floor.toFixed(1)} ms (${runs} runs)`);
    rows.push(row);
    if (count === BUDGETED) {
      rows.push(
        makeRow({
          name: `vault load + check, ${count.toLocaleString('en')} stories, vs fs.readFile ×${CONCURRENCY}`,
          samples: measured,
          floorSamples: asyncFloor,
          note: `context only: the reads alone, ${CONCURRENCY} at once with fs.readFile, as the vault reads`,
        }),
      );
      // A new process finds the parses an earlier run of this build kept (this process's runs
      // above kept them), or, in a cache folder of its own, nothing (a first run or a new build).
      const cold = [];
      const coldUnkept = [];
      for (let i = 0; i < (quick ? COLD_RUNS.quick : COLD_RUNS.full); i += 1) {
        cold.push(await coldLoadMs(root, process.env.STORY_BANK_CACHE_DIR));
        coldUnkept.push(await coldLoadMs(root, await mkdtemp(join(temp, 'cache-'))));
      }
      rows.push(
        makeRow({
          name: `vault load + check, ${count.toLocaleString('en')} stories, first in a new process`,
          samples: cold,
          floorSamples: floor,
          note: 'context only: the parses kept by an earlier run read back (floor: readFileSync in a loop)',
        }),
        makeRow({
          name: `vault load + check, ${count.toLocaleString('en')} stories, first in a new process, nothing kept`,
          samples: coldUnkept,
          floorSamples: floor,
          note: 'context only: a first run or a new build, every file parsed with yaml (floor: readFileSync in a loop)',
        }),
      );
    }
  }
  return rows;
}
