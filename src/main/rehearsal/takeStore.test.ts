import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, symlink, truncate, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StartedTake } from '../../core/api';
import { takeSidecarSchema } from '../../core/rehearsal/takeSchema';
import {
  RAFT_ID,
  RAFT_TITLE,
  WEBM_TYPE,
  fixtureChunks,
  openRehearsalVault,
  timing,
} from '../../../test/helpers/rehearsalVault';
import { until } from '../../../test/helpers/sampleVault';
import { tempDir } from '../../../test/helpers/tempDir';
import type { TakeFileSystem } from './takeFileSystem';
import { nodeTakeFileSystem } from './takeFileSystem';
import { readWebmInfo } from './webmSeekable';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function open(options: Parameters<typeof openRehearsalVault>[0] = {}, root?: string) {
  const opened = await openRehearsalVault(options, root);
  cleanup.push(opened.close);
  return opened;
}

type Opened = Awaited<ReturnType<typeof open>>;

async function record(v: Opened, chunks: Buffer[], storyId = RAFT_ID): Promise<StartedTake> {
  const started = await v.ok('startTake', { storyId, mimeType: WEBM_TYPE });
  for (const [seq, chunk] of chunks.entries())
    await v.ok('appendTakeChunk', { takeId: started.takeId, seq, bytes: chunk.toString('base64') });
  return started;
}

const takeFolder = (root: string, storyId = RAFT_ID) => join(root, 'rehearsals', storyId);

describe('recording a take in chunks', () => {
  it('flushes every chunk, then finishes with a seekable webm, a committed sidecar and an ignored recording', async () => {
    const v = await open();
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
    expect(finished.mediaMessage).toMatch(/^made seekable, 2\.0 s/);
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
    const v = await open();
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
    const v = await open();
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
    const v = await open();
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
    const v = await open();
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
    const v = await open();
    const started = await v.ok('startTake', { storyId: RAFT_ID, mimeType: 'audio/webm;codecs=opus' });
    const finished = await v.ok('finishTake', { takeId: started.takeId, sidecar: timing({ mode: 'mic-only' }) });
    expect(finished.take.sidecar).toMatchObject({ media: null, mode: 'no-recording' });
    expect(finished.mediaMessage).toMatch(/nothing was recorded/);
    expect(await readdir(takeFolder(v.root))).toEqual([started.file]);
  });

  it('knows no take after it ended, and no story that is not in the vault', async () => {
    const v = await open();
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
    const v = await open();
    const { chunks } = await fixtureChunks();
    const started = await record(v, chunks.slice(0, 4));
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
    const v = await open({ takeFileSystem: failing });
    const started = await record(v, chunks.slice(0, 3));
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
    const v = await open({ takeIdleMs: 100 });
    const { chunks } = await fixtureChunks();
    const started = await record(v, chunks.slice(0, 3));
    const folder = takeFolder(v.root);
    // Started, then ended by the idle timer.
    await until(() => v.changes.length === 2, 'the take ended');
    expect(v.service.takes.openTakes()).toEqual([]);
    const sidecar = JSON.parse(await readFile(join(folder, started.file), 'utf8'));
    expect(sidecar).toMatchObject({ status: 'interrupted', mediaSeekable: true });
    expect(sidecar.statusReason).toMatch(/^no recording arrived for 0 s/);
  });

  it('quitting ends an open take as interrupted and commits it', async () => {
    const v = await open();
    const { chunks } = await fixtureChunks();
    const started = await record(v, chunks.slice(0, 3));
    await v.service.close();
    const sidecar = JSON.parse(await readFile(join(takeFolder(v.root), started.file), 'utf8'));
    expect(sidecar).toMatchObject({ status: 'interrupted', mediaSeekable: true });
    expect(sidecar.statusReason).toMatch(/closed during the take/);
    expect(await v.git('log', '-1', '--format=%s')).toBe(`rehearsal: ${RAFT_TITLE} (interrupted)`);
  });

  it('at start-up, a take left recording by a crash (torn last write included) is recovered as interrupted', async () => {
    const first = await open();
    const { chunks } = await fixtureChunks();
    const started = await record(first, chunks.slice(0, 5));
    const folder = takeFolder(first.root);
    const media = join(folder, started.media!);
    // A crash: the process is gone mid-write, the last chunk half on disk, no finish.
    await writeFile(media, chunks[5].subarray(0, 700), { flag: 'a' });
    first.service.takes['open'].clear();
    await first.vault.close();
    cleanup.pop();
    const torn = (await stat(media)).size;
    const old = new Date(Date.now() - 60_000);
    await utimes(media, old, old);

    const second = await open({}, first.root);
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

describe('listing and deleting takes', () => {
  it('lists takes newest first and unreadable files as problems, never throwing', async () => {
    const v = await open();
    const { chunks } = await fixtureChunks();
    const a = await v.ok('startTake', { storyId: RAFT_ID, mimeType: null });
    await v.ok('finishTake', { takeId: a.takeId, sidecar: timing({ notes: 'first' }) });
    const b = await record(v, chunks);
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
      ['2020-01-03T00-00-00Z.webm', 'a recording without its sidecar (no timi'],
      ['2020-01-02T00-00-00Z.json', 'the sidecar does not describe a take: da'],
      ['2020-01-01T00-00-00Z.json', 'the sidecar is not valid JSON (Expected '],
    ]);
    expect(await v.ok('listTakes', { storyId: 'never-rehearsed' })).toEqual({ takes: [], problems: [] });
  });

  it('deletes the recording and the sidecar together and commits the removal; never a take still recording', async () => {
    const v = await open();
    const { chunks } = await fixtureChunks();
    const started = await record(v, chunks);
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
    const v = await open();
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
    const v = await open();
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

describe('paths from the renderer', () => {
  const badIds = [
    '..',
    '../stories',
    'a/b',
    'a\\b',
    '%2e%2e',
    '/etc',
    'C:\\x',
    'x\u0000',
    '',
    'UPPER',
    '-x',
    'x'.repeat(65),
  ];
  const badFiles = [
    '../../stories/01-replicating-attestations-with-raft.md',
    '2025-01-01T00-00-00Z.json/../x',
    '..%2f2025-01-01T00-00-00Z.json',
    '%2e%2e/2025-01-01T00-00-00Z.json',
    '/etc/passwd',
    '..\\2025-01-01T00-00-00Z.json',
    '2025-01-01T00-00-00Z.json\u0000',
    '2025-01-01T00-00-00Z.md',
    'x.json',
    '.json',
  ];

  it('are refused on every call before any file is touched', async () => {
    const v = await open();
    const before = await readdir(v.root);
    for (const storyId of badIds) {
      for (const [name, input] of [
        ['startTake', { storyId, mimeType: null }],
        ['listTakes', { storyId }],
        ['deleteTake', { storyId, takeFile: '2025-01-01T00-00-00Z.json' }],
      ] as const)
        expect(await v.call(name, input), `${name} ${JSON.stringify(storyId)}`).toMatchObject({
          ok: false,
          error: { code: 'bad-request' },
        });
    }
    for (const takeFile of badFiles)
      expect(await v.call('deleteTake', { storyId: RAFT_ID, takeFile }), takeFile).toMatchObject({
        ok: false,
        error: { code: 'bad-request' },
      });
    for (const takeId of ['../x', 'A'.repeat(32), 'f'.repeat(31), '']) {
      expect(await v.call('appendTakeChunk', { takeId, seq: 0, bytes: '' })).toMatchObject({ ok: false });
      expect(await v.call('finishTake', { takeId, sidecar: timing() })).toMatchObject({ ok: false });
    }
    for (const mimeType of ['video/mp4', 'text/html', 'video/webm;codecs=vp8"><script>', 'video/webm\u0000']) {
      expect(await v.call('startTake', { storyId: RAFT_ID, mimeType })).toMatchObject({
        ok: false,
        error: { code: 'bad-request' },
      });
    }
    expect(await readdir(v.root)).toEqual(before);
    expect(await readdir(join(v.root, 'rehearsals'))).toEqual([]);
  });

  it('bounds what a chunk and a sidecar may carry', async () => {
    const v = await open();
    const started = await v.ok('startTake', { storyId: RAFT_ID, mimeType: WEBM_TYPE });
    const tooBig = Buffer.alloc(2 * 1024 * 1024 + 3).toString('base64');
    for (const bytes of [tooBig, 'not base64!', 'abc', 42])
      expect(await v.call('appendTakeChunk', { takeId: started.takeId, seq: 0, bytes })).toMatchObject({
        ok: false,
        error: { code: 'bad-request' },
      });
    for (const sidecar of [
      timing({ notes: 'x'.repeat(10_001) }),
      timing({ device: 'x'.repeat(300) }),
      timing({ durationMs: -1 }),
      timing({ durationMs: 1.5 }),
      { ...timing(), storyId: 'other-story' },
      { ...timing(), media: '../../x.webm' },
      timing({ sections: [...timing().sections, timing().sections[0]] }),
      timing({ pauses: Array.from({ length: 2001 }, () => ({ startMs: 0, lengthMs: 2500, section: null })) }),
    ])
      expect(await v.call('finishTake', { takeId: started.takeId, sidecar })).toMatchObject({
        ok: false,
        error: { code: 'bad-request' },
      });
    // None of that ended the take.
    expect(v.service.takes.openTakes()).toEqual([started.takeId]);
  });

  it('never follow a symbolic link out of rehearsals/, at any level', async () => {
    const v = await open();
    const outside = await tempDir();
    const { chunks } = await fixtureChunks();
    const folder = takeFolder(v.root);

    // The story's folder is a link to somewhere else.
    await symlink(outside, folder);
    expect(await v.call('startTake', { storyId: RAFT_ID, mimeType: WEBM_TYPE })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: expect.stringContaining('symbolic link') },
    });
    expect((await v.ok('listTakes', { storyId: RAFT_ID })).problems).toHaveLength(1);
    expect(await v.call('deleteTake', { storyId: RAFT_ID, takeFile: '2025-01-01T00-00-00Z.json' })).toMatchObject({
      ok: false,
    });
    expect(await readdir(outside)).toEqual([]);
    await rm(folder);

    // rehearsals/ itself is a link.
    await rm(join(v.root, 'rehearsals'), { recursive: true });
    await symlink(outside, join(v.root, 'rehearsals'));
    expect(await v.call('startTake', { storyId: RAFT_ID, mimeType: WEBM_TYPE })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(await readdir(outside)).toEqual([]);
    await rm(join(v.root, 'rehearsals'));
    await mkdir(join(v.root, 'rehearsals'));

    // A sidecar or a recording that is a link to a file elsewhere: listed, never read, never removed.
    const secret = join(outside, 'secret.json');
    await writeFile(secret, JSON.stringify({ secret: true }));
    await mkdir(folder);
    await symlink(secret, join(folder, '2020-01-01T00-00-00Z.json'));
    await symlink(secret, join(folder, '2020-01-02T00-00-00Z.webm'));
    await writeFile(join(folder, '2020-01-02T00-00-00Z.json'), '{}');
    const listed = await v.ok('listTakes', { storyId: RAFT_ID });
    expect(listed.problems.map((problem) => problem.message)).toEqual([
      'the sidecar has no version 1: it was not written by Story Bank',
      'the sidecar is a symbolic link (not followed)',
    ]);
    for (const takeFile of ['2020-01-01T00-00-00Z.json', '2020-01-02T00-00-00Z.json'])
      expect(await v.call('deleteTake', { storyId: RAFT_ID, takeFile })).toMatchObject({
        ok: false,
        error: { code: 'bad-request', message: expect.stringContaining('symbolic link; nothing was removed') },
      });
    expect(JSON.parse(await readFile(secret, 'utf8'))).toEqual({ secret: true });
    expect(existsSync(join(folder, '2020-01-02T00-00-00Z.json'))).toBe(true);

    // And a take recorded now goes into the real folder.
    const started = await record(v, chunks.slice(0, 1));
    await v.ok('finishTake', { takeId: started.takeId, sidecar: timing() });
    expect(await readdir(outside)).toEqual(['secret.json']);
  });
});

describe('the sidecar on disk', () => {
  it('reads back as the schema says, and a damaged one is listed as a problem', async () => {
    const v = await open();
    const started = await v.ok('startTake', { storyId: RAFT_ID, mimeType: null });
    const { take } = await v.ok('finishTake', { takeId: started.takeId, sidecar: timing() });
    const file = join(takeFolder(v.root), started.file);
    expect(takeSidecarSchema.parse(JSON.parse(await readFile(file, 'utf8')))).toEqual(take.sidecar);
    await truncate(file, 10);
    const listed = await v.ok('listTakes', { storyId: RAFT_ID });
    expect(listed.takes).toEqual([]);
    expect(listed.problems).toEqual([
      { file: started.file, path: take.path, message: expect.stringMatching(/^the sidecar is not valid JSON/) },
    ]);
  });
});
