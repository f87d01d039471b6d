import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeSidecarSchema } from '../../core/rehearsal/takeSchema';
import { drillRecord } from '../../../test/helpers/drillRecord';
import {
  RAFT_ID,
  RAFT_TITLE,
  openRehearsalVault,
  openTakeVault,
  takeFolder,
  timing,
} from '../../../test/helpers/rehearsalVault';

describe('a drill is a take with its drill record', () => {
  it('writes the drill into the committed sidecar and gives its summary to the review overview', async () => {
    const v = await openTakeVault();
    const started = await v.ok('startTake', { storyId: RAFT_ID, mimeType: null });
    const finished = await v.ok('finishTake', {
      takeId: started.takeId,
      sidecar: timing({ durationMs: 95_000, drill: drillRecord() }),
    });
    expect(finished.committed).toBe(true);
    expect(finished.take.sidecar.drill).toEqual(drillRecord());
    const onDisk = JSON.parse(await readFile(join(takeFolder(v.root), started.file), 'utf8'));
    expect(onDisk.version).toBe(1);
    expect(onDisk.drill).toEqual(drillRecord());
    expect(await v.git('log', '-1', '--format=%s')).toBe(`rehearsal: ${RAFT_TITLE} (drill)`);

    const overview = await v.ok('rehearsalOverview', {});
    expect(overview.stories.find((story) => story.storyId === RAFT_ID)?.takes).toEqual([
      {
        date: finished.take.sidecar.date,
        durationMs: 95_000,
        status: 'complete',
        drill: {
          questionType: 'Tell me about a technical decision you made',
          correct: false,
          chooseMs: 4200,
          peeks: 1,
          rubricChecked: 1,
          rubricItems: 4,
          rubricDone: false,
        },
      },
    ]);
  });

  it('refuses a drill record that says another story was told, and keeps the take open to end it', async () => {
    const v = await openTakeVault();
    const started = await v.ok('startTake', { storyId: RAFT_ID, mimeType: null });
    const other = drillRecord({
      picks: [{ storyId: 'threshold-signed-attestations', correct: true, atMs: 900 }],
      correct: true,
      chooseMs: 900,
    });
    const refused = await v.call('finishTake', { takeId: started.takeId, sidecar: timing({ drill: other }) });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: /threshold-signed-attestations was told/ },
    });
    // An inconsistent record is refused by the schema: the first pick decides `correct`.
    const inconsistent = await v.call('finishTake', {
      takeId: started.takeId,
      sidecar: timing({ drill: drillRecord({ correct: true }) }),
    });
    expect(inconsistent).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    // Aborting keeps the take, without the record that does not fit it.
    const aborted = await v.ok('abortTake', {
      takeId: started.takeId,
      reason: 'test',
      sidecar: timing({ drill: other }),
    });
    expect(aborted.take.sidecar.status).toBe('interrupted');
    expect(aborted.take.sidecar.drill).toBeUndefined();
  });
});

describe('a drill that never finishes', () => {
  it('is on disk from the start, and a take a crash ends is still that drill (no rubric yet)', async () => {
    const v = await openTakeVault();
    const atStart = drillRecord({ rubric: [] });
    const started = await v.ok('startTake', { storyId: RAFT_ID, mimeType: null, drill: atStart });
    const path = join(takeFolder(v.root), started.file);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ status: 'recording', drill: atStart });

    // Another Story Bank starting on the vault finds the take no running one owns, as after a crash.
    const after = await openRehearsalVault({}, v.root);
    try {
      await after.service.takes.startRecovery();
      const recovered = takeSidecarSchema.parse(JSON.parse(await readFile(path, 'utf8')));
      expect(recovered).toMatchObject({ status: 'interrupted', drill: atStart });
      expect(await after.git('log', '-1', '--format=%s')).toBe(`rehearsal: ${RAFT_TITLE} (drill) (interrupted)`);
    } finally {
      await after.close();
    }
    // The first Story Bank, still holding the take, lets it go.
    await v.call('abortTake', { takeId: started.takeId, reason: 'test over' });
  });

  it('refuses a start whose drill says another story is told', async () => {
    const v = await openTakeVault();
    const other = drillRecord({
      rubric: [],
      picks: [{ storyId: 'threshold-signed-attestations', correct: true, atMs: 900 }],
      correct: true,
      chooseMs: 900,
    });
    expect(await v.call('startTake', { storyId: RAFT_ID, mimeType: null, drill: other })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect((await v.ok('listTakes', { storyId: RAFT_ID })).takes).toEqual([]);
  });
});

describe('self-checking the rubric after the take', () => {
  it('records one answer per item, keeps the measured 2:00 item, commits; refuses what does not fit', async () => {
    const v = await openTakeVault();
    const started = await v.ok('startTake', { storyId: RAFT_ID, mimeType: null });
    expect(
      await v.call('updateTakeRubric', { storyId: RAFT_ID, takeFile: started.file, checked: [true, true, true, true] }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await v.ok('finishTake', { takeId: started.takeId, sidecar: timing({ drill: drillRecord(), notes: 'kept' }) });

    const updated = await v.ok('updateTakeRubric', {
      storyId: RAFT_ID,
      takeFile: started.file,
      checked: [true, false, true, false],
    });
    expect(updated.sidecar.drill?.rubric.map((item) => item.checked)).toEqual([true, false, true, true]);
    expect(updated.sidecar.notes).toBe('kept');
    const onDisk = takeSidecarSchema.parse(JSON.parse(await readFile(join(takeFolder(v.root), started.file), 'utf8')));
    expect(onDisk).toEqual(updated.sidecar);
    expect(await v.git('log', '-1', '--format=%s')).toBe(`rehearsal: rubric of a take of ${RAFT_TITLE}`);
    expect(await v.git('status', '--porcelain', 'rehearsals')).toBe('');

    expect(
      await v.call('updateTakeRubric', { storyId: RAFT_ID, takeFile: started.file, checked: [true] }),
    ).toMatchObject({ ok: false, error: { code: 'bad-request', message: /4 items, and 1 answers/ } });

    const plain = await v.ok('startTake', { storyId: RAFT_ID, mimeType: null });
    await v.ok('finishTake', { takeId: plain.takeId, sidecar: timing() });
    expect(await v.call('updateTakeRubric', { storyId: RAFT_ID, takeFile: plain.file, checked: [] })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: /not a drill/ },
    });
  });

  it('still reads a sidecar written before drills existed (no drill key, version 1)', async () => {
    const v = await openTakeVault();
    const started = await v.ok('startTake', { storyId: RAFT_ID, mimeType: null });
    const finished = await v.ok('finishTake', { takeId: started.takeId, sidecar: timing() });
    expect(await readFile(join(takeFolder(v.root), started.file), 'utf8')).not.toMatch(/drill/);
    expect((await v.ok('listTakes', { storyId: RAFT_ID })).takes.map((take) => take.sidecar)).toEqual([
      finished.take.sidecar,
    ]);
  });
});
