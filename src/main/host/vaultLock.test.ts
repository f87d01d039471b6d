import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/tempDir';
import { acquireVaultLock, LOCK_FILE } from './vaultLock';

/** A real other process, alive until killed. */
function sleeper(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  return new Promise((resolve) => child.once('spawn', () => resolve(child)));
}
const exited = (child: ChildProcess) => new Promise((resolve) => child.once('exit', resolve));

describe('one browser host per vault', () => {
  it('refuses a vault locked by a running process, names it, and takes over once it is gone', async () => {
    const root = await tempDir();
    const other = await sleeper();
    await acquireVaultLock(root).then((lock) => lock.release());
    await writeFile(join(root, '.storybank', LOCK_FILE), JSON.stringify({ pid: other.pid, port: 4321 }));
    await expect(acquireVaultLock(root)).rejects.toThrow(
      `${root} is already open in another Story Bank (process ${other.pid} at http://127.0.0.1:4321/)`,
    );
    other.kill('SIGKILL');
    await exited(other);
    // Stale: its process died without releasing it.
    const lock = await acquireVaultLock(root);
    expect(JSON.parse(await readFile(join(root, '.storybank', LOCK_FILE), 'utf8'))).toEqual({ pid: process.pid });
    await lock.setPort(8080);
    expect(JSON.parse(await readFile(join(root, '.storybank', LOCK_FILE), 'utf8'))).toEqual({
      pid: process.pid,
      port: 8080,
    });
    await lock.release();
    expect(existsSync(join(root, '.storybank', LOCK_FILE))).toBe(false);
  });

  it('takes over a damaged lock file (a crash while writing it)', async () => {
    const root = await tempDir();
    await acquireVaultLock(root).then((lock) => lock.release());
    await writeFile(join(root, '.storybank', LOCK_FILE), '{"pid": ');
    const lock = await acquireVaultLock(root);
    await lock.release();
  });

  const cli = join(process.cwd(), 'out', 'main', 'cli.js');
  it('story-bank serve on a vault already served exits 2 with one line; the first host keeps serving, and frees it on exit', async () => {
    const vault = join(await tempDir(), 'vault');
    await cp(join(process.cwd(), 'resources', 'sample-vault'), vault, { recursive: true });
    const first = spawn(process.execPath, [cli, 'serve', vault, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    first.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      first.stdout.on('data', () => /running at/.test(output) && resolve());
      first.once('exit', (code) => reject(new Error(`the first host exited ${code}`)));
    });
    const second = spawn(process.execPath, [cli, 'serve', vault, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    second.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    second.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await exited(second);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(
      new RegExp(
        `^story-bank: ${vault.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is already open in another Story Bank \\(process ${first.pid} at http://127\\.0\\.0\\.1:\\d+/\\)`,
      ),
    );
    expect(first.exitCode).toBe(null);
    first.kill('SIGTERM');
    await exited(first);
    expect(existsSync(join(vault, '.storybank', LOCK_FILE))).toBe(false);
  });
});
