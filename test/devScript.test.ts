import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/tempDir';

describe('npm run dev (scripts/dev.js)', () => {
  it('ends with the host’s exit code and one line when the host refuses the vault, starting no dev server', async () => {
    const dir = await tempDir();
    const file = join(dir, 'not-a-folder');
    await writeFile(file, 'x');
    const result = spawnSync(
      process.execPath,
      [join(process.cwd(), 'scripts', 'dev.js'), '--browser', '--vault', file],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([`story-bank: ${file} is a file, not a folder`]);
    expect(result.stdout).not.toMatch(/dev server \(hot reload\): http/);
  });
});
