import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSampleVault, until } from '../../../test/helpers/sampleVault';
import { createStoryBankService } from './storyBankService';
import { dispatch } from './dispatch';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('openInSystemEditor', () => {
  it('opens only files the vault lists, at their absolute path, and reports an opener failure', async () => {
    const { root, vault, close } = await openSampleVault();
    closers.push(close);
    const opened: string[] = [];
    let failWith: string | null = null;
    // The operating system's opener is the seam: the call's checks and paths are the real ones.
    const service = createStoryBankService(
      vault,
      { host: 'browser', version: 'test' },
      {
        openPath: async (path) => {
          if (failWith) throw new Error(failWith);
          opened.push(path);
        },
      },
    );
    closers.push(() => service.close());
    const call = (file: unknown) => dispatch(service.handlers, 'openInSystemEditor', { file });

    expect(await call('stories/01-replicating-attestations-with-raft.md')).toEqual({
      ok: true,
      value: { opened: true },
    });
    await writeFile(join(root, 'stories', 'broken.md'), '---\ntitle: [unclosed\n---\n');
    await until(() => vault.snapshot().problems.length === 1, 'the broken file listed');
    expect((await call('stories/broken.md')).ok).toBe(true);
    expect(opened).toEqual([
      join(root, 'stories', '01-replicating-attestations-with-raft.md'),
      join(root, 'stories', 'broken.md'),
    ]);

    for (const file of [
      '.gitignore',
      'stories/missing.md',
      '../../etc/passwd',
      '/etc/passwd',
      'stories/a\u0000.md',
      42,
    ])
      expect(await call(file), String(file)).toMatchObject({ ok: false });
    expect(opened).toHaveLength(2);

    failWith = 'no application knows .md files';
    expect(await call('stories/broken.md')).toEqual({
      ok: false,
      error: { code: 'io', message: 'could not open stories/broken.md: no application knows .md files' },
    });
  });
});
