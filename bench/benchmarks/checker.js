// 4. Checker and export, on the eight sample stories, each the median of 200 runs.
// - check of a deliverable: parseDeliverable + check, as `story-bank check FILE`;
//   floor: one pass over the same text (split into lines, one regex per line).
// - check of a vault: checkInputFromStories + check of the loaded stories, as the live checklist;
//   floor: one pass over the same stories (JSON.stringify).
// - export: exportDeliverable without git (assemble, compare with the file there, write atomically
//   with fsync, remember its hash, diff, check); floor: writing the same bytes with writeFile + fsync.
//   Alternate runs export two versions of the stories, so every run really writes.
// - export with git commit (context only): the same in a git repository, as the app does;
//   floor: one `git rev-parse`, the cost of starting git once.
import { execFileSync } from 'node:child_process';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { makeRow } from '../lib/stats.js';
import { nowMs } from '../lib/host.js';

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
  const scanText = await timeRuns(runs, () => deliverable.split('\n').filter((line) => /\d/.test(line)).length);
  rows.push(
    makeRow({
      name: 'check of a deliverable (8 stories)',
      samples: checkDeliverable,
      floorSamples: scanText,
      budget: { on: 'median', op: '<', limit: 2 },
    }),
  );

  const checkVault = await timeRuns(runs, () => lib.check(lib.checkInputFromStories(stories)));
  const scanStories = await timeRuns(runs, () => JSON.stringify(stories).length);
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
  const repo = join(temp, 'export-git');
  await mkdir(repo, { recursive: true });
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost', ...args], { cwd: repo });
  git('init', '--quiet');
  git('commit', '--quiet', '--allow-empty', '-m', 'start');
  const gitRuns = quick ? 6 : 30;
  const exportGit = await timeRuns(gitRuns, async (i) => {
    const outcome = await lib.exportDeliverable({ vaultRoot: repo, gitRoot: repo, stories: i % 2 ? edited : stories });
    if (!outcome.committed) throw new Error(`the export was not committed: ${outcome.gitMessage}`);
  });
  const gitOnce = await timeRuns(gitRuns, () => git('rev-parse', '--show-toplevel'));
  rows.push(
    makeRow({
      name: 'export of 8 stories with git commit',
      samples: exportGit,
      floorSamples: gitOnce,
      note: 'context only: the floor is one git process; the export starts about ten (status, add, diff, commit)',
    }),
  );
  return rows;
}
