import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtFile } from './helpers/builtApp';
import { drillRecord } from './helpers/drillRecord';
import { RAFT_ID, openTakeVault, timing } from './helpers/rehearsalVault';
import { tempDir } from './helpers/tempDir';

const bin = join(process.cwd(), 'bin', 'story-bank.js');
builtFile('out/main/cli.js');
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_')));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 20_000, env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const DECISION = 'Tell me about a technical decision you made';
const FAILED = 'Tell me about a time you failed';

/** The sample vault with three drills made through the app's own calls, one rubric self-checked. */
async function drilledVault() {
  const v = await openTakeVault();
  const drill = async (storyId: string, record: ReturnType<typeof drillRecord>) => {
    const started = await v.ok('startTake', { storyId, mimeType: null });
    await v.ok('finishTake', { takeId: started.takeId, sidecar: timing({ durationMs: 100_000, drill: record }) });
    return started.file;
  };
  const first = await drill(RAFT_ID, drillRecord());
  await v.ok('updateTakeRubric', { storyId: RAFT_ID, takeFile: first, checked: [true, false, false, null] });
  const quick = [{ storyId: RAFT_ID, correct: true, atMs: 2000 }];
  const second = await drill(RAFT_ID, drillRecord({ picks: quick, correct: true, chooseMs: 2000 }));
  await v.ok('updateTakeRubric', { storyId: RAFT_ID, takeFile: second, checked: [true, true, true, null] });
  await drill(
    'failed-checkpoint-demo',
    drillRecord({
      questionType: FAILED,
      question: `${FAILED}.`,
      rightStoryIds: ['failed-checkpoint-demo'],
      picks: [{ storyId: 'failed-checkpoint-demo', correct: true, atMs: 1500 }],
      correct: true,
      chooseMs: 1500,
    }),
  );
  return v;
}

describe('story-bank stats', () => {
  it('prints the question types weakest first and each story’s rubric trend, as JSON and for people', async () => {
    const v = await drilledVault();
    const json = run('stats', v.root, '--json');
    expect(json.code, json.stderr).toBe(0);
    expect(json.stderr).toBe('');
    const report = JSON.parse(json.stdout);
    expect(report.drills).toBe(3);
    expect(report.questionTypes.slice(0, 2)).toEqual([
      {
        questionType: DECISION,
        stories: [RAFT_ID, 'threshold-signed-attestations'],
        attempts: 2,
        correct: 1,
        accuracy: 0.5,
        medianChooseMs: 3100,
      },
      {
        questionType: FAILED,
        stories: ['failed-checkpoint-demo'],
        attempts: 1,
        correct: 1,
        accuracy: 1,
        medianChooseMs: 1500,
      },
    ]);
    // Every other type of the sample vault follows, never drilled.
    expect(
      report.questionTypes
        .slice(2)
        .every((type: { attempts: number; accuracy: null }) => type.attempts === 0 && type.accuracy === null),
    ).toBe(true);
    expect(report.questionTypes.length).toBeGreaterThan(6);
    const raft = report.stories.find((story: { storyId: string }) => story.storyId === RAFT_ID);
    expect(raft).toMatchObject({ title: 'Replicating attestations with Raft', drills: 2 });
    // The fourth item (2:00) is measured: true for a 100 s telling.
    expect(raft.rubric.map((point: { checked: number; of: number }) => `${point.checked}/${point.of}`)).toEqual([
      '2/4',
      '4/4',
    ]);
    expect(report.problems).toEqual([]);

    const human = run('stats', v.root);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(': 3 drills');
    expect(human.stdout).toContain(`  1. ${DECISION} — 1 of 2 right first time (50%), median 3.1 s to choose`);
    expect(human.stdout).toContain(`  2. ${FAILED} — 1 of 1 right first time (100%), median 1.5 s to choose`);
    expect(human.stdout).toContain('  Replicating attestations with Raft — 2/4 → 4/4');
    expect(human.stdout).toMatch(/Not drilled yet: \d+ question types/);
  });

  it('exits 1 and lists a take file it cannot read, leaving it out of the figures', async () => {
    const v = await drilledVault();
    await writeFile(join(v.root, 'rehearsals', RAFT_ID, '2020-01-01T00-00-00Z.json'), '{ not json');
    const result = run('stats', v.root, '--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.drills).toBe(3);
    expect(report.problems).toEqual([
      { path: `rehearsals/${RAFT_ID}/2020-01-01T00-00-00Z.json`, message: expect.stringMatching(/not valid JSON/) },
    ]);
  });

  it('reads a vault with no drills (exit 0) and never writes in it', async () => {
    const vault = join(await tempDir(), 'vault');
    await mkdir(join(vault, 'stories'), { recursive: true });
    const story = readFileSync(
      join(process.cwd(), 'resources', 'sample-vault', 'stories', '01-replicating-attestations-with-raft.md'),
    );
    await writeFile(join(vault, 'stories', 'raft.md'), story);
    const result = run('stats', vault);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('No drills yet');
    expect(run('stats', vault, '--json').stdout).toContain('"drills": 0');
    expect(spawnSync('ls', ['-A', vault], { encoding: 'utf8' }).stdout.trim()).toBe('stories');
  });

  it('refuses a usage error or a folder that is not a vault with exit 2 and one line', async () => {
    const dir = await tempDir();
    for (const args of [['stats'], ['stats', dir, dir], ['stats', dir, '--strict'], ['stats', dir]]) {
      const result = run(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).toMatch(/^story-bank: \S/);
    }
    expect(run('stats', dir).stderr).toMatch(/is not a Story Bank vault: it has no stories\/ folder/);
  });
});
