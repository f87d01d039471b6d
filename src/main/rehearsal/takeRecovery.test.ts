import { stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  RAFT_ID,
  RAFT_TITLE,
  fixtureChunks,
  openRehearsalVault,
  openTakeVault,
  recordTake,
  takeFolder,
} from '../../../test/helpers/rehearsalVault';
import { readWebmInfo } from './webmSeekable';

describe('recovering takes after a crash', () => {
  it('at start-up, a take left recording by a crash (torn last write included) is recovered as interrupted', async () => {
    const first = await openRehearsalVault();
    const { chunks } = await fixtureChunks();
    const started = await recordTake(first, chunks.slice(0, 5));
    const folder = takeFolder(first.root);
    const media = join(folder, started.media!);
    // A crash: the process is gone mid-write, the last chunk half on disk, no finish.
    await writeFile(media, chunks[5].subarray(0, 700), { flag: 'a' });
    first.service.takes['open'].clear();
    await first.vault.close();
    const torn = (await stat(media)).size;
    const old = new Date(Date.now() - 60_000);
    await utimes(media, old, old);

    const second = await openTakeVault({}, first.root);
    const { takes, problems } = await second.ok('listTakes', { storyId: RAFT_ID });
    expect(problems).toEqual([]);
    expect(takes).toHaveLength(1);
    expect(takes[0].sidecar).toMatchObject({
      status: 'interrupted',
      statusReason: expect.stringMatching(/stopped before the take was finished/),
      revision: started.revision,
      date: started.date,
      media: started.media,
      mediaSeekable: true,
    });
    const info = await readWebmInfo(media);
    expect(info.durationMs).toBeGreaterThan(0);
    expect(info.blocks).toBeGreaterThan(0);
    // The torn tail is gone; what is left is whole elements only.
    expect(info.trailingBytes).toBe(0);
    expect(torn).toBeGreaterThan(0);
    expect(second.changes).toContainEqual({ storyId: RAFT_ID });
    expect(await second.git('log', '-1', '--format=%s')).toBe(`rehearsal: ${RAFT_TITLE} (interrupted)`);
  });
});
