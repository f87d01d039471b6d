// 4. Checker and export, on the eight sample stories, each the median of 200 runs.
// - check of a deliverable: parseDeliverable + check, as `story-bank check FILE`; floor: the same
//   five criteria and word counts on the same text, written the plain way (lib/plainChecks.js).
// - check of a vault: checkInputFromStories + check of the loaded stories, as the live checklist;
//   floor: the same plain checks on the same stories.
// - export with git commit, as the app does every export: exportDeliverable in a git repository
//   (assemble, compare with the file there, write atomically with fsync, remember its hash, read
//   the repository's state, add, commit, diff, check); floor: writing the same bytes to the same
//   path with writeFile + fdatasync, then a bare `git add` + `git commit` of that file, in a
//   repository of its own, interleaved with the export's runs. The budget is on what the export
//   adds to that floor, since the two git processes alone cost more than its 10 ms on this machine.
// - export without git: the same export's own work and its one synced write; floor: the write.
// Alternate runs export two versions of the stories, so every run really writes (and commits).
import { execFile, execFileSync } from 'node:child_process';
import { mkdir, open } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { makeRow } from '../lib/stats.js';
import { nowMs } from '../lib/host.js';
import { plainCheckOfStories, plainCheckOfText } from '../lib/plainChecks.js';

const run = promisify(execFile);
const IDENTITY = ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost'];

async function timeRuns(runs, fn) {
  for (let i = 0; i < Math.min(20, runs); i += 1) await fn(i); // warm-up: JIT, page cache
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    const start = nowMs();
    await fn(i);
    samples.push(nowMs() - start);
  }
  return samples;
}

/** `fns` timed in turn within each run (one warm-up round first), so a slow patch hits all alike. */
async function timeInterleaved(runs, fns) {
  for (const fn of fns) await fn(-1);
  const samples = fns.map(() => []);
  for (let i = 0; i < runs; i += 1) {
    for (const [k, fn] of fns.entries()) {
      const start = nowMs();
      await fn(i);
      samples[k].push(nowMs() - start);
    }
  }
  return samples;
}

/** A repository with one empty commit, as the app's vault has after its first start. */
function newRepo(path) {
  execFileSync('git', ['init', '--quiet', path]);
  execFileSync('git', [...IDENTITY, 'commit', '--quiet', '--allow-empty', '-m', 'start'], { cwd: path });
  return path;
}

async function writeAndSync(path, text) {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

export default async function checker({ lib, vaults, temp, quick }) {
  const runs = quick ? 40 : 200;
  const snapshot = await lib.Vault.read(await vaults.shared(8));
  const stories = snapshot.stories.map((record) => record.story);
  if (stories.length !== 8) throw new Error(`the sample vault has ${stories.length} stories, not 8`);
  const deliverable = lib.assembleDeliverable(stories);
  const edited = stories.map((story, i) => (i === 0 ? { ...story, metric: `${story.metric} (edited)` } : story));
  const rows = [];

  const checkDeliverable = await timeRuns(runs, () => {
    if (!lib.check(lib.parseDeliverable(deliverable)).pass) throw new Error('the sample deliverable does not pass');
  });
  if (!plainCheckOfText(deliverable).pass) throw new Error('the plain check of the sample deliverable fails');
  const scanText = await timeRuns(runs, () => plainCheckOfText(deliverable));
  rows.push(
    makeRow({
      name: 'check of a deliverable (8 stories)',
      samples: checkDeliverable,
      floorSamples: scanText,
      budget: { on: 'median', op: '<', limit: 2 },
    }),
  );

  const checkVault = await timeRuns(runs, () => lib.check(lib.checkInputFromStories(stories)));
  if (!plainCheckOfStories(stories).pass) throw new Error('the plain check of the sample stories fails');
  const scanStories = await timeRuns(runs, () => plainCheckOfStories(stories));
  rows.push(
    makeRow({
      name: 'check of a vault (8 stories)',
      samples: checkVault,
      floorSamples: scanStories,
      budget: { on: 'median', op: '<', limit: 5 },
    }),
  );

  // Without git: the export's own work and its one atomic, synced write.
  const plain = join(temp, 'export-plain');
  await mkdir(plain, { recursive: true });
  const out = join(plain, 'deliverable.md');
  const exportPlain = await timeRuns(runs, async (i) => {
    const outcome = await lib.exportDeliverable(
      { vaultRoot: plain, gitRoot: null, stories: i % 2 ? edited : stories },
      { out },
    );
    if (outcome.kind !== 'written') throw new Error(`export ${outcome.kind}: ${outcome.reason ?? ''}`);
  });
  const floorOut = join(plain, 'floor.md');
  const rawWrite = await timeRuns(runs, (i) => writeAndSync(floorOut, i % 2 ? deliverable + ' ' : deliverable));
  rows.push(
    makeRow({
      name: 'export of 8 stories (write + fsync, no git)',
      samples: exportPlain,
      floorSamples: rawWrite,
      budget: { on: 'median', op: '<', limit: 10 },
    }),
  );

  // With git, as the app commits every export.
  const repo = newRepo(join(temp, 'export-git'));
  const floorRepo = newRepo(join(temp, 'export-git-floor'));
  // The first export, untimed, says where the app puts the deliverable; the floor writes there too.
  const first = await lib.exportDeliverable({ vaultRoot: repo, gitRoot: repo, stories });
  if (!first.committed) throw new Error(`the export was not committed: ${first.gitMessage}`);
  const filePath = relative(repo, first.path);
  const floorFile = join(floorRepo, filePath);
  await mkdir(dirname(floorFile), { recursive: true });
  const editedDeliverable = lib.assembleDeliverable(edited);
  const gitRuns = quick ? 10 : 30;
  const [exportGit, gitFloor] = await timeInterleaved(gitRuns, [
    async (i) => {
      const outcome = await lib.exportDeliverable({
        vaultRoot: repo,
        gitRoot: repo,
        stories: i % 2 ? edited : stories,
      });
      if (!outcome.committed) throw new Error(`the export was not committed: ${outcome.gitMessage}`);
    },
    async (i) => {
      await writeAndSync(floorFile, i % 2 ? editedDeliverable : deliverable);
      await run('git', ['add', '--', filePath], { cwd: floorRepo });
      await run('git', [...IDENTITY, 'commit', '--quiet', '-m', 'export', '--', filePath], {
        cwd: floorRepo,
      });
    },
  ]);
  rows.push(
    makeRow({
      name: 'export of 8 stories with git commit',
      samples: exportGit,
      floorSamples: gitFloor,
      budget: { on: 'overFloor', op: '<', limit: 10 },
      note: `${gitRuns} runs; floor: the same bytes written with fdatasync, then git add + git commit of the file`,
    }),
  );
  return rows;
}
