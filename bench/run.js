#!/usr/bin/env node
// `npm run bench [-- NAME…] [--quick]`: runs the benchmarks (all, or those named), prints one row
// each (median, p95, floor, ratio, budget, ok/OVER), writes bench/results/latest.json and the table
// in docs/performance.md. Exits 0 even when a row is over budget: budgets are reported, not enforced
// (machines are too noisy for a timing to fail a build); a benchmark that could not run exits 1.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { assertBuilt } from './lib/host.js';
import { machineInfo } from './lib/machine.js';
import { markdownTable, textTable } from './lib/table.js';
import { APP_ROOT, vaultMaker } from './lib/vaults.js';

const BENCHMARKS = ['load', 'edit', 'startup', 'checker', 'typing', 'teleprompter', 'memory'];
const RESULTS = join(APP_ROOT, 'bench', 'results', 'latest.json');
const DOC = join(APP_ROOT, 'docs', 'performance.md');
const MARK_START = '<!-- bench:table:start -->';
const MARK_END = '<!-- bench:table:end -->';

/** The commit the built app came from, and whether the working tree had changes on top. */
function buildInfo() {
  try {
    const git = (...args) => execFileSync('git', args, { cwd: APP_ROOT, encoding: 'utf8' }).trim();
    return { commit: git('rev-parse', '--short', 'HEAD'), changed: git('status', '--porcelain', '--', 'src') !== '' };
  } catch {
    return { commit: 'unknown', changed: false };
  }
}

function parseArgs(argv) {
  const quick = argv.includes('--quick');
  const unknownFlags = argv.filter((arg) => arg.startsWith('--') && arg !== '--quick');
  if (unknownFlags.length) throw new Error(`unknown option ${unknownFlags[0]} (only --quick)`);
  const names = argv.filter((arg) => !arg.startsWith('--'));
  const unknown = names.filter((name) => !BENCHMARKS.includes(name));
  if (unknown.length)
    throw new Error(`no benchmark named ${unknown.join(', ')}; the benchmarks are: ${BENCHMARKS.join(', ')}`);
  return { quick, selected: names.length ? BENCHMARKS.filter((name) => names.includes(name)) : BENCHMARKS };
}

/** Rows of this run replace those of the same benchmarks; the others stay with their own date. */
async function mergeResults(machine, date, build, rows, ran) {
  const previous = JSON.parse(await readFile(RESULTS, 'utf8').catch(() => '{"rows":[]}'));
  const kept = (previous.rows ?? []).filter((row) => !ran.includes(row.bench));
  const stamped = rows.map((row) => ({ ...row, date, machine, build }));
  const all = [...kept, ...stamped].sort((a, b) => BENCHMARKS.indexOf(a.bench) - BENCHMARKS.indexOf(b.bench));
  const result = { date, machine, build, rows: all };
  await mkdir(join(APP_ROOT, 'bench', 'results'), { recursive: true });
  await writeFile(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

async function updateDoc(result) {
  const doc = await readFile(DOC, 'utf8').catch(() => null);
  if (doc === null || !doc.includes(MARK_START) || !doc.includes(MARK_END)) {
    console.log(`(${DOC} has no ${MARK_START} … ${MARK_END} markers; its table was not updated)`);
    return;
  }
  const machines = new Map();
  for (const row of result.rows) machines.set(JSON.stringify(row.machine), row.machine);
  const dates = [...new Set(result.rows.map((row) => row.date.slice(0, 10)))].sort();
  const about = [...machines.values()]
    .map((m) => `${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}, Node ${m.node}, ${m.chromium}`)
    .join('; ');
  const build = `build of ${result.build.commit}${result.build.changed ? ' with uncommitted changes in src/' : ''}`;
  const table = [`Measured ${dates.join(', ')} on ${about}; ${build}.`, '', markdownTable(result.rows)].join('\n');
  const start = doc.indexOf(MARK_START) + MARK_START.length;
  await writeFile(DOC, `${doc.slice(0, start)}\n${table}\n${doc.slice(doc.indexOf(MARK_END))}`);
}

async function main() {
  const { quick, selected } = parseArgs(process.argv.slice(2));
  assertBuilt();
  const lib = await import(pathToFileURL(join(APP_ROOT, 'out', 'main', 'lib.js')).href);
  const temp = await mkdtemp(join(tmpdir(), 'story-bank-bench-'));
  // The hosts and processes the benchmarks start keep their parse caches here, not in the user's.
  process.env.STORY_BANK_CACHE_DIR = join(temp, 'cache');
  const ctx = { lib, temp, vaults: vaultMaker(temp), quick, log: (line) => console.log(`  ${line}`) };
  const machine = machineInfo();
  const date = new Date().toISOString();
  const build = buildInfo();
  console.log(`Story Bank benchmarks${quick ? ' (quick)' : ''}: ${selected.join(', ')}`);
  console.log(
    `${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB, Node ${machine.node}, ${machine.chromium}`,
  );
  console.log(`build of ${build.commit}${build.changed ? ' with uncommitted changes in src/' : ''}\n`);
  const rows = [];
  const failed = [];
  try {
    for (const name of selected) {
      const started = Date.now();
      console.log(`${name}…`);
      try {
        const { default: bench } = await import(`./benchmarks/${name}.js`);
        const produced = await bench(ctx);
        rows.push(...produced.map((row) => ({ ...row, bench: name })));
        for (const row of produced) if (row.note) ctx.log(`note: ${row.name}: ${row.note}`);
      } catch (error) {
        failed.push(name);
        console.error(`  ${name} could not run: ${error.stack ?? error}`);
      }
      console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  console.log(`\n${textTable(rows)}\n`);
  const over = rows.filter((row) => row.ok === false);
  if (over.length) console.log(`OVER BUDGET: ${over.map((row) => row.name).join('; ')} (see docs/performance.md)`);
  else console.log('Every budgeted row is within budget.');
  if (failed.length) console.log(`COULD NOT RUN: ${failed.join(', ')}`);
  const ran = selected.filter((name) => !failed.includes(name));
  const result = await mergeResults(machine, date, build, rows, ran);
  await updateDoc(result);
  console.log(`Results: ${RESULTS}`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`bench: ${error.message}`);
    process.exit(2);
  },
);
