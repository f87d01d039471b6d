import { existsSync } from 'node:fs';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeSidecarSchema } from '../../core/rehearsal/takeSchema';
import {
  RAFT_ID,
  RAFT_TITLE,
  WEBM_TYPE,
  fixtureChunks,
  openTakeVault,
  recordTake,
  takeFolder,
  timing,
} from '../../../test/helpers/rehearsalVault';
import { until } from '../../../test/helpers/sampleVault';
import type { TakeFileSystem } from './takeFileSystem';
import { nodeTakeFileSystem } from './takeFileSystem';
import { readWebmInfo } from './webmSeekable';

describe('recording a take in chunks', () => {
  it('flushes every chunk, then finishes with a seekable webm, a committed sidecar and an ignored recording', async () => {
    const v = await openTakeVault();
    const { whole, chunks } = await fixtureChunks();
    const storyCommit = await v.git(
      'log',
      '-1',
      '--format=%H',
      '--',
      'stories/01-replicating-attestations-with-raft.md',
    );
    const started = await v.ok('startTake', { storyId: RAFT_ID, mimeType: WEBM_TYPE });
    expect(started).toMatchObject({ storyId: RAFT_ID, revision: storyCommit, maxChunkBytes: 2 * 1024 * 1024 });
    expect(started.takeId).toMatch(/^[0-9a-f]{32}$/);
    expect(started.file).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.json$/);
    expect(started.media).toBe(started.file.replace('.json', '.webm'));
    // The sidecar is there from the start, so a crash leaves a take to recover.
    const folder = takeFolder(v.root);
    expect(JSON.parse(await readFile(join(folder, started.file), 'utf8'))).toMatchObject({ status: 'recording' });
    expect(v.changes).toEqual([{ storyId: RAFT_ID }]);

    let acked = 0;
    for (const [seq, chunk] of chunks.entries()) {
      const result = await v.ok('appendTakeChunk', { takeId: started.takeId, seq, bytes: chunk.toString('base64') });
      acked += chunk.length;
      expect(result).toEqual({ seq, bytes: acked, duplicate: false });
      // Acknowledged means on disk.
      expect((await stat(join(folder, started.media!))).size).toBe(acked);
    }
    expect(await readFile(join(folder, started.media!))).toEqual(whole);

    const finished = await v.ok('finishTake', { takeId: started.takeId, sidecar: timing() });
    expect(finished.mediaMessage).toMatch(/^ready to play from any point, 2\.0 s/);
    expect(finished.committed).toBe(true);
    expect(finished.take).toMatchObject({
      storyId: RAFT_ID,
      file: started.file,
      path: `rehearsals/${RAFT_ID}/${started.file}`,
      media: {
        file: started.media,
        path: `rehearsals/${RAFT_ID}/${started.media}`,
        url: `/media/${RAFT_ID}/${started.media}`,
      },
      sidecar: {
        version: 1,
        storyId: RAFT_ID,
        date: started.date,
        revision: storyCommit,
        status: 'complete',
        statusReason: '',
        media: started.media,
        mediaSeekable: true,
        ...timing(),
      },
    });
    const info = await readWebmInfo(join(folder, started.media!));
    expect(info.durationMs).toBeGreaterThan(1800);
    expect(info.durationMs).toBeLessThan(2300);
    expect(info.cues).toBeGreaterThan(0);
    expect(finished.take.media?.bytes).toBe((await stat(join(folder, started.media!))).size);

    // The sidecar on disk is the take, keys in their fixed order; git has it and never the webm.
    const onDisk = await readFile(join(folder, started.file), 'utf8');
    expect(JSON.parse(onDisk)).toEqual(finished.take.sidecar);
    expect(Object.keys(JSON.parse(onDisk)).slice(0, 8)).toEqual([
      'version',
      'storyId',
      'date',
      'revision',
      'status',
      'statusReason',
      'media',
      'mediaSeekable',
    ]);
    expect(await v.git('log', '-1', '--format=%s')).toBe(`rehearsal: ${RAFT_TITLE}`);
    expect(await v.git('ls-files', 'rehearsals')).toBe(`rehearsals/${RAFT_ID}/${started.file}`);
    expect(await v.git('check-ignore', `rehearsals/${RAFT_ID}/${started.media}`)).toBe(
      `rehearsals/${RAFT_ID}/${started.media}`,
    );
    expect(await v.git('status', '--porcelain', '--', 'rehearsals')).toBe('');
    expect(v.changes).toEqual([{ storyId: RAFT_ID }, { storyId: RAFT_ID }]);
  });

  it('ignores a repeated chunk, refuses a gap and a first chunk that is not webm, and writes nothing for them', async () => {
    const v = await openTakeVault();
    const { chunks } = await fixtureChunks();
    const started = await v.ok('startTake', { storyId: RAFT_ID, mimeType: WEBM_TYPE });
    const media = join(takeFolder(v.root), started.media!);
    const bytes = (n: number) => chunks[n].toString('base64');
    expect(await v.call('appendTakeChunk', { takeId: started.takeId, seq: 0, bytes: 'AAAAAAAA' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: 'the recording does not start like a webm file' },
    });
    await v.ok('appendTakeChunk', { takeId: started.takeId, seq: 0, bytes: bytes(0) });
    await v.ok('appendTakeChunk', { takeId: started.takeId, seq: 1, bytes: bytes(1) });
    const size = chunks[0].length + chunks[1].length;
    expect(await v.ok('appendTakeChunk', { takeId: started.takeId, seq: 1, bytes: bytes(1) })).toEqual({
      seq: 1,
      bytes: size,
      duplicate: true,
    });
    expect(await v.ok('appendTakeChunk', { takeId: started.takeId, seq: 0, bytes: bytes(0) })).toMatchObject({
      duplicate: true,
    });
    expect(await v.call('appendTakeChunk', { takeId: started.takeId, seq: 3, bytes: bytes(3) })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('chunk 2 was expected') },
    });
    expect((await stat(media)).size).toBe(size);
    // After the gap is filled, recording goes on.
    await v.ok('appendTakeChunk', { takeId: started.takeId, seq: 2, bytes: bytes(2) });
    await v.ok('appendTakeChunk', { takeId: started.takeId, seq: 3, bytes: bytes(3) });
    expect((await stat(media)).size).toBe(size + chunks[2].length + chunks[3].length);
  });

  it('takes a recording whose first pieces are shorter than the webm magic, checking each part of it', async () => {
    const v = await openTakeVault();
    const { whole } = await fixtureChunks();
    const started = await v.ok('startTake', { storyId: RAFT_ID, mimeType: WEBM_TYPE });
    const piece = (from: number, to?: number) => whole.subarray(from, to).toString('base64');
    // MediaRecorder can hand over a first piece of one byte (seen with Chromium's fake camera).
    await v.ok('appendTakeChunk', { takeId: started.takeId, seq: 0, bytes: piece(0, 1) });
    expect(
      await v.call('appendTakeChunk', {
        takeId: started.takeId,
        seq: 1,
        bytes: Buffer.from([0x45, 0x00]).toString('base64'),
      }),
    ).toMatchObject({ ok: false, error: { message: 'the recording does not start like a webm file' } });
    await v.ok('appendTakeChunk', { takeId: started.takeId, seq: 1, bytes: piece(1, 3) });
    await v.ok('appendTakeChunk', { takeId: started.takeId, seq: 2, bytes: piece(3) });
    const finished = await v.ok('finishTake', { takeId: started.takeId, sidecar: timing() });
    expect(finished.take.sidecar.mediaSeekable).toBe(true);
  });

  it('writes chunks sent back to back without waiting in the order they were sent', async () => {
    const v = await openTakeVault();
    const { whole, chunks } = await fixtureChunks(1500);
    const started = await v.ok('startTake', { storyId: RAFT_ID, mimeType: WEBM_TYPE });
    const results = await Promise.all(
      chunks.map((chunk, seq) =>
        v.call('appendTakeChunk', { takeId: started.takeId, seq, bytes: chunk.toString('base64') }),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(await readFile(join(takeFolder(v.root), started.media!))).toEqual(whole);
  });

  it('keeps a take with timing only: no recording, mode "no-recording", sidecar committed', async () => {
    const v = await openTakeVault();
    const started = await v.ok('startTake', { storyId: RAFT_ID, mimeType: null });
    expect(started.media).toBeNull();
    expect(await v.call('appendTakeChunk', { takeId: started.takeId, seq: 0, bytes: 'GkXfow==' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    const finished = await v.ok('finishTake', { takeId: started.takeId, sidecar: timing() });
    expect(finished.take.media).toBeNull();
    expect(finished.take.sidecar).toMatchObject({ media: null, mediaSeekable: false, mode: 'no-recording' });
    expect(finished.mediaMessage).toMatch(/timing only/);
    expect(await readdir(takeFolder(v.root))).toEqual([started.file]);
    expect(await v.git('ls-files', 'rehearsals')).toBe(`rehearsals/${RAFT_ID}/${started.file}`);
  });

  it('finishes a take whose recording never got a byte without an empty file', async () => {
    const v = await openTakeVault();
    const started = await v.ok('startTake', { storyId: RAFT_ID, mimeType: 'audio/webm;codecs=opus' });
    const finished = await v.ok('finishTake', { takeId: started.takeId, sidecar: timing({ mode: 'mic-only' }) });
    expect(finished.take.sidecar).toMatchObject({ media: null, mode: 'no-recording' });
    expect(finished.mediaMessage).toMatch(/nothing was recorded/);
    expect(await readdir(takeFolder(v.root))).toEqual([started.file]);
  });

  it('knows no take after it ended, and no story that is not in the vault', async () => {
    const v = await openTakeVault();
    const started = await v.ok('startTake', { storyId: RAFT_ID, mimeType: null });
    await v.ok('finishTake', { takeId: started.takeId, sidecar: timing() });
    for (const [name, input] of [
      ['finishTake', { takeId: started.takeId, sidecar: timing() }],
      ['abortTake', { takeId: started.takeId, reason: 'again' }],
      ['appendTakeChunk', { takeId: started.takeId, seq: 0, bytes: '' }],
      ['finishTake', { takeId: 'f'.repeat(32), sidecar: timing() }],
    ] as const)
      expect(await v.call(name, input)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await v.call('startTake', { storyId: 'no-such-story', mimeType: null })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(existsSync(takeFolder(v.root, 'no-such-story'))).toBe(false);
  });
});

describe('a take that fails', () => {
  it('abort keeps what was recorded, playable, and marks the sidecar interrupted with the reason', async () => {
    const v = await openTakeVault();
    const { chunks } = await fixtureChunks();
    const started = await recordTake(v, chunks.slice(0, 4));
    const aborted = await v.ok('abortTake', { takeId: started.takeId, reason: 'the camera was unplugged' });
    expect(aborted.take.sidecar).toMatchObject({
      status: 'interrupted',
      statusReason: 'the camera was unplugged',
      media: started.media,
      mediaSeekable: true,
      sections: [],
    });
    const info = await readWebmInfo(join(takeFolder(v.root), started.media!));
    expect(info.durationMs).toBeGreaterThan(0);
    expect(info.durationMs).toBeLessThan(1900);
    // Without timing from the page, the sidecar's duration is the recording's.
    expect(aborted.take.sidecar.durationMs).toBe(Math.round(info.durationMs!));
    expect(await v.git('log', '-1', '--format=%s')).toBe(`rehearsal: ${RAFT_TITLE} (interrupted)`);
  });

  it('disk full or failing on append: a clear error, the chunks before kept, the take still ends playable', async () => {
    const { chunks } = await fixtureChunks();
    let failWith: string | null = null;
    // The seam: writes that half-succeed and then fail, as a filling disk does.
    const failing: TakeFileSystem = {
      async create(path) {
        const file = await nodeTakeFileSystem.create(path);
        return {
          ...file,
          async write(bytes, position) {
            if (!failWith) return file.write(bytes, position);
            await file.write(bytes.subarray(0, 100), position);
            throw Object.assign(new Error(`${failWith}: simulated`), { code: failWith });
          },
        };
      },
    };
    const v = await openTakeVault({ takeFileSystem: failing });
    const started = await recordTake(v, chunks.slice(0, 3));
    const media = join(takeFolder(v.root), started.media!);
    const kept = chunks[0].length + chunks[1].length + chunks[2].length;

    failWith = 'ENOSPC';
    const full = await v.call('appendTakeChunk', {
      takeId: started.takeId,
      seq: 3,
      bytes: chunks[3].toString('base64'),
    });
    expect(full).toMatchObject({ ok: false, error: { code: 'io' } });
    expect(!full.ok && full.error.message).toMatch(/^The disk is full: chunk 3 could not be written\./);
    expect(!full.ok && full.error.message).toContain(`(chunks 0–2, ${kept} bytes) is kept in rehearsals/${RAFT_ID}/`);
    // The half-written chunk was cut off again: the file is what was acknowledged.
    expect((await stat(media)).size).toBe(kept);

    failWith = 'EIO';
    const broken = await v.call('appendTakeChunk', {
      takeId: started.takeId,
      seq: 3,
      bytes: chunks[3].toString('base64'),
    });
    expect(!broken.ok && broken.error.message).toMatch(/^The disk reported an error \(EIO\)/);
    expect((await stat(media)).size).toBe(kept);

    // Space freed: the same chunk goes through.
    failWith = null;
    await v.ok('appendTakeChunk', { takeId: started.takeId, seq: 3, bytes: chunks[3].toString('base64') });
    failWith = 'ENOSPC';
    const aborted = await v.ok('abortTake', { takeId: started.takeId, reason: 'the disk is full' });
    expect(aborted.take.sidecar).toMatchObject({ status: 'interrupted', mediaSeekable: true });
    expect((await readWebmInfo(media)).durationMs).toBeGreaterThan(0);
  });

  it('a recording that receives nothing for the idle time is ended as interrupted', async () => {
    const v = await openTakeVault({ takeIdleMs: 100 });
    const { chunks } = await fixtureChunks();
    const started = await recordTake(v, chunks.slice(0, 3));
    const folder = takeFolder(v.root);
    // Started, then ended by the idle timer.
    await until(() => v.changes.length === 2, 'the take ended');
    expect(v.service.takes.openTakes()).toEqual([]);
    const sidecar = JSON.parse(await readFile(join(folder, started.file), 'utf8'));
    expect(sidecar).toMatchObject({ status: 'interrupted', mediaSeekable: true });
    expect(sidecar.statusReason).toMatch(/^no recording arrived for 0 s/);
  });

  it('quitting ends an open take as interrupted and commits it', async () => {
    const v = await openTakeVault();
    const { chunks } = await fixtureChunks();
    const started = await recordTake(v, chunks.slice(0, 3));
    await v.service.close();
    const sidecar = JSON.parse(await readFile(join(takeFolder(v.root), started.file), 'utf8'));
    expect(sidecar).toMatchObject({ status: 'interrupted', mediaSeekable: true });
    expect(sidecar.statusReason).toMatch(/closed during the take/);
    expect(await v.git('log', '-1', '--format=%s')).toBe(`rehearsal: ${RAFT_TITLE} (interrupted)`);
  });
});

describe('listing and deleting takes', () => {
  it('lists takes newest first and unreadable files as problems, never throwing', async () => {
    const v = await openTakeVault();
    const { chunks } = await fixtureChunks();
    const a = await v.ok('startTake', { storyId: RAFT_ID, mimeType: null });
    await v.ok('finishTake', { takeId: a.takeId, sidecar: timing({ notes: 'first' }) });
    const b = await recordTake(v, chunks);
    await v.ok('finishTake', { takeId: b.takeId, sidecar: timing({ notes: 'second' }) });
    const folder = takeFolder(v.root);
    await writeFile(join(folder, '2020-01-01T00-00-00Z.json'), '{ not json');
    await writeFile(join(folder, '2020-01-02T00-00-00Z.json'), JSON.stringify({ version: 1, storyId: RAFT_ID }));
    await writeFile(join(folder, '2020-01-03T00-00-00Z.webm'), chunks[0]);
    await writeFile(join(folder, 'notes.txt'), 'not a take');
    await writeFile(join(folder, '.2020-01-04T00-00-00Z.json.1234'), 'a temp file');

    const { takes, problems } = await v.ok('listTakes', { storyId: RAFT_ID });
    expect(takes.map((take) => take.sidecar.notes)).toEqual(['second', 'first']);
    expect(takes[0].media?.url).toBe(`/media/${RAFT_ID}/${b.media}`);
    expect(takes[1].media).toBeNull();
    expect(problems.map((problem) => [problem.file, problem.message.slice(0, 40)])).toEqual([
      ['2020-01-03T00-00-00Z.webm', 'a recording without its details file (no'],
      ['2020-01-02T00-00-00Z.json', "the take's details file does not describ"],
      ['2020-01-01T00-00-00Z.json', "the take's details file is not valid JSO"],
    ]);
    expect(await v.ok('listTakes', { storyId: 'never-rehearsed' })).toEqual({ takes: [], problems: [] });
  });

  it('deletes the recording and the sidecar together and commits the removal; never a take still recording', async () => {
    const v = await openTakeVault();
    const { chunks } = await fixtureChunks();
    const started = await recordTake(v, chunks);
    expect(await v.call('deleteTake', { storyId: RAFT_ID, takeFile: started.file })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    await v.ok('finishTake', { takeId: started.takeId, sidecar: timing() });
    v.changes.length = 0;

    // Either file names the take.
    const deleted = await v.ok('deleteTake', { storyId: RAFT_ID, takeFile: started.media });
    expect(deleted).toEqual({
      removed: [`rehearsals/${RAFT_ID}/${started.media}`, `rehearsals/${RAFT_ID}/${started.file}`],
      committed: true,
      gitMessage: `committed as "rehearsal: remove a take of ${RAFT_TITLE}"`,
    });
    expect(await readdir(takeFolder(v.root))).toEqual([]);
    expect(await v.git('ls-files', 'rehearsals')).toBe('');
    expect(await v.git('log', '-1', '--format=%s')).toBe(`rehearsal: remove a take of ${RAFT_TITLE}`);
    expect(v.changes).toEqual([{ storyId: RAFT_ID }]);
    expect(await v.ok('listTakes', { storyId: RAFT_ID })).toEqual({ takes: [], problems: [] });
    expect(await v.call('deleteTake', { storyId: RAFT_ID, takeFile: started.file })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });

    // A recording without a sidecar (listed as a problem) can be deleted too; nothing to commit.
    await writeFile(join(takeFolder(v.root), '2020-01-03T00-00-00Z.webm'), chunks[0]);
    expect(await v.ok('deleteTake', { storyId: RAFT_ID, takeFile: '2020-01-03T00-00-00Z.webm' })).toMatchObject({
      removed: [`rehearsals/${RAFT_ID}/2020-01-03T00-00-00Z.webm`],
      committed: false,
    });
  });
});

describe('notes and the rehearsal overview', () => {
  it("replaces a finished take's notes and commits them; refuses while recording", async () => {
    const v = await openTakeVault();
    const started = await v.ok('startTake', { storyId: RAFT_ID, mimeType: null });
    expect(
      await v.call('updateTakeNotes', { storyId: RAFT_ID, takeFile: started.file, notes: 'too fast' }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await v.ok('finishTake', {
      takeId: started.takeId,
      sidecar: timing({ marks: [{ section: 'situation', atMs: 0 }] }),
    });

    const updated = await v.ok('updateTakeNotes', {
      storyId: RAFT_ID,
      takeFile: started.file,
      notes: 'Action ran long: cut the second retry.',
    });
    expect(updated.sidecar.notes).toBe('Action ran long: cut the second retry.');
    const onDisk = takeSidecarSchema.parse(JSON.parse(await readFile(join(takeFolder(v.root), started.file), 'utf8')));
    expect(onDisk).toEqual(updated.sidecar);
    expect(onDisk.marks).toEqual([{ section: 'situation', atMs: 0 }]);
    expect(await v.git('log', '-1', '--format=%s')).toBe(`rehearsal: notes on a take of ${RAFT_TITLE}`);
    expect(await v.git('status', '--porcelain', 'rehearsals')).toBe('');

    expect(
      await v.call('updateTakeNotes', { storyId: RAFT_ID, takeFile: '2020-01-01T00-00-00Z.json', notes: '' }),
    ).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(
      await v.call('updateTakeNotes', { storyId: RAFT_ID, takeFile: started.file, notes: 'x'.repeat(10_001) }),
    ).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it("gives each story's first-commit date, kept across a rename, and its finished takes oldest first", async () => {
    const v = await openTakeVault();
    const first = await v.ok('startTake', { storyId: RAFT_ID, mimeType: null });
    await v.ok('finishTake', { takeId: first.takeId, sidecar: timing({ durationMs: 61_000 }) });
    const open2 = await v.ok('startTake', { storyId: RAFT_ID, mimeType: null });

    const file = 'stories/01-replicating-attestations-with-raft.md';
    const written = (await v.git('log', '--reverse', '--format=%aI', '--', file)).split('\n')[0];
    const before = await v.ok('rehearsalOverview', {});
    expect(before.stories.every((story) => story.writtenAt !== null)).toBe(true);
    const raft = before.stories.find((story) => story.storyId === RAFT_ID);
    expect(raft).toEqual({
      storyId: RAFT_ID,
      writtenAt: written,
      takes: [{ date: expect.any(String), durationMs: 61_000, status: 'complete' }],
    });

    // Renamed (as a change of title does) and committed: the day it was written stays.
    await v.vault.startWatching();
    await v.git('mv', file, 'stories/01-raft-renamed.md');
    await v.git('commit', '-q', '-m', 'rename');
    await until(
      () => v.vault.findById(RAFT_ID)?.file === 'stories/01-raft-renamed.md',
      'the watcher seeing the rename',
    );
    const after = await v.ok('rehearsalOverview', {});
    expect(after.stories.find((story) => story.storyId === RAFT_ID)?.writtenAt).toBe(written);
    await v.ok('abortTake', { takeId: open2.takeId, reason: 'test over' });
  });
});
