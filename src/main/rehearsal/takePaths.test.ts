import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  RAFT_ID,
  WEBM_TYPE,
  fixtureChunks,
  openTakeVault,
  recordTake,
  takeFolder,
  timing,
} from '../../../test/helpers/rehearsalVault';
import { tempDir } from '../../../test/helpers/tempDir';

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
    const v = await openTakeVault();
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
    const v = await openTakeVault();
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
    const v = await openTakeVault();
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
      "the take's details file has no version 1: it was not written by Story Bank",
      "the take's details file is a symbolic link (not followed)",
    ]);
    for (const takeFile of ['2020-01-01T00-00-00Z.json', '2020-01-02T00-00-00Z.json'])
      expect(await v.call('deleteTake', { storyId: RAFT_ID, takeFile })).toMatchObject({
        ok: false,
        error: { code: 'bad-request', message: expect.stringContaining('symbolic link; nothing was removed') },
      });
    expect(JSON.parse(await readFile(secret, 'utf8'))).toEqual({ secret: true });
    expect(existsSync(join(folder, '2020-01-02T00-00-00Z.json'))).toBe(true);

    // And a take recorded now goes into the real folder.
    const started = await recordTake(v, chunks.slice(0, 1));
    await v.ok('finishTake', { takeId: started.takeId, sidecar: timing() });
    expect(await readdir(outside)).toEqual(['secret.json']);
  });
});
