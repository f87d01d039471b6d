import { readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeSidecarSchema } from '../../core/rehearsal/takeSchema';
import { RAFT_ID, openTakeVault, takeFolder, timing } from '../../../test/helpers/rehearsalVault';

describe('the sidecar on disk', () => {
  it('reads back as the schema says, and a damaged one is listed as a problem', async () => {
    const v = await openTakeVault();
    const started = await v.ok('startTake', { storyId: RAFT_ID, mimeType: null });
    const { take } = await v.ok('finishTake', { takeId: started.takeId, sidecar: timing() });
    const file = join(takeFolder(v.root), started.file);
    expect(takeSidecarSchema.parse(JSON.parse(await readFile(file, 'utf8')))).toEqual(take.sidecar);
    await truncate(file, 10);
    const listed = await v.ok('listTakes', { storyId: RAFT_ID });
    expect(listed.takes).toEqual([]);
    expect(listed.problems).toEqual([
      {
        file: started.file,
        path: take.path,
        message: expect.stringMatching(/^the take's details file is not valid JSON/),
      },
    ]);
  });
});
