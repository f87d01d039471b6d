import { spawn } from 'node:child_process';
import { cp, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWebmInfo } from '../src/main/rehearsal/webmSeekable';
import { FAKE_CAMERA_WEBM, RAFT_ID, RAFT_TITLE, openRehearsalVault } from './helpers/rehearsalVault';
import { builtFile } from './helpers/builtApp';
import { crashRandom, printSeedOnFailure } from './helpers/crashSeed';
import { tempDir } from './helpers/tempDir';

const RUNS = Number(process.env.TAKE_CRASH_RUNS ?? 51);
const CHUNK = 1000;
const lib = builtFile('out/main/lib.js');

/** Records in a child process and kills it with SIGKILL a moment after its `acks`-th acknowledged chunk. */
function recordThenKill(root: string, acks: number, killAfterMs: number): Promise<{ media: string; acked: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(process.cwd(), 'test', 'fixtures', 'takeLoop.mjs'), lib, root, RAFT_ID, FAKE_CAMERA_WEBM, `${CHUNK}`, '3'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let media = '';
    let acked = 0;
    let seen = 0;
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const lines = out.split('\n');
      out = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('started ')) media = line.slice('started '.length);
        if (line.startsWith('acked ')) {
          acked = Number(line.slice('acked '.length));
          seen += 1;
          // Shortly after, so the kill lands before, during or after the next write.
          if (seen === acks) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        }
      }
    });
    child.once('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve({ media, acked }) : reject(new Error(`take loop exited ${code}: ${err}`)),
    );
  });
}

describe('a crash while recording (SIGKILL mid-take)', () => {
  it(`keeps every acknowledged chunk, and the next start makes it a playable interrupted take (${RUNS} kills)`, async () => {
    printSeedOnFailure();
    const whole = await readFile(FAKE_CAMERA_WEBM);
    const chunks = Math.ceil(whole.length / CHUNK);
    let kills = 0;
    // Three vaults side by side: each run is mostly process and git start-up, CPU-bound.
    const lanes = 3;
    const lane = async (index: number): Promise<void> => {
      const random = crashRandom(index);
      for (let run = index; run < RUNS; run += lanes) await killOnce(run, random);
    };
    const killOnce = async (run: number, random: () => number): Promise<void> => {
      const root = join(await tempDir(), 'vault');
      await cp(join(process.cwd(), 'resources', 'sample-vault'), root, { recursive: true });
      const acks = 2 + Math.floor(random() * (chunks - 4));
      const { media, acked } = await recordThenKill(root, acks, Math.floor(random() * 4));
      kills += 1;
      const path = join(root, 'rehearsals', RAFT_ID, media);

      // Acknowledged means on disk: at most the chunk in flight is lost.
      const onDisk = await readFile(path);
      expect(onDisk.length, `run ${run}`).toBeGreaterThanOrEqual(acked);
      expect(onDisk.subarray(0, acked).equals(whole.subarray(0, acked)), `run ${run}`).toBe(true);
      const prefix = join(await tempDir(), 'prefix.webm');
      await writeFile(prefix, whole.subarray(0, acked));
      const framesAcked = (await readWebmInfo(prefix)).blocks;

      // Some time later, Story Bank starts again.
      const old = new Date(Date.now() - 60_000);
      await utimes(path, old, old);
      const again = await openRehearsalVault({}, root);
      try {
        const { takes, problems } = await again.ok('listTakes', { storyId: RAFT_ID });
        expect(problems).toEqual([]);
        expect(takes.map((take) => take.sidecar.status)).toEqual(['interrupted']);
        expect(takes[0].sidecar).toMatchObject({ media, mediaSeekable: true });
        const info = await readWebmInfo(path);
        expect(info.trailingBytes, `run ${run}`).toBe(0);
        expect(info.blocks, `run ${run}`).toBeGreaterThanOrEqual(framesAcked);
        expect(info.durationMs, `run ${run}`).toBeGreaterThan(0);
        expect(info.cues).toBeGreaterThan(0);
        expect(takes[0].media?.bytes).toBe((await stat(path)).size);
        expect(await again.git('log', '-1', '--format=%s')).toBe(`rehearsal: ${RAFT_TITLE} (interrupted)`);
        expect(await again.git('ls-files', 'rehearsals')).toBe(
          `rehearsals/${RAFT_ID}/${media.replace('.webm', '.json')}`,
        );
      } finally {
        await again.close();
      }
    };
    await Promise.all(Array.from({ length: lanes }, (_, index) => lane(index)));
    expect(kills).toBe(RUNS);
  }, 300_000);
});
