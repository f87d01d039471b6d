import { chmod, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/tempDir';
import { OPENER_ENV, openWithSystem, revealWithSystem } from './openWithSystem';

const saved = process.env[OPENER_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[OPENER_ENV];
  else process.env[OPENER_ENV] = saved;
});

/** A real program standing in for the desktop's opener: it appends its arguments to a log. */
async function recordingOpener(): Promise<{ opener: string; opened: (count: number) => Promise<string[]> }> {
  const dir = await tempDir();
  const opener = join(dir, 'opener.sh');
  const log = join(dir, 'opened.log');
  await writeFile(opener, `#!/bin/sh\nprintf '%s\\n' "$@" >> '${log}'\n`);
  await chmod(opener, 0o755);
  // The opener runs detached: wait until it has written `count` lines (or give up after 5 s).
  const opened = async (count: number) => {
    for (let waited = 0; waited < 5_000; waited += 20) {
      const lines = (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean);
      if (lines.length >= count) return lines;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`the opener did not record ${count} calls within 5 s`);
  };
  return { opener, opened };
}

describe.skipIf(process.platform === 'win32')('openWithSystem (a real process)', () => {
  it('runs the opener with the path as one argument, spaces and quotes included, and reveals its folder', async () => {
    const { opener, opened } = await recordingOpener();
    const path = join(await tempDir(), "week 23 'final'", 'bank $HOME.md');
    await openWithSystem(path, 'linux', opener);
    expect(await opened(1)).toEqual([path]);

    process.env[OPENER_ENV] = opener;
    await revealWithSystem(path);
    expect(await opened(2)).toEqual([path, dirname(path)]);
  });

  it('rejects with a clear message when the opener is not there', async () => {
    await expect(openWithSystem('/tmp/x.md', 'linux', '/nonexistent/opener')).rejects.toThrow(
      '/nonexistent/opener is not installed, so the file cannot be opened',
    );
  });
});
