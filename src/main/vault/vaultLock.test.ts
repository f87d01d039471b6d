import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/tempDir';
import { startTimeOf, thisProcess } from './processIdentity';
import { acquireVaultLock, LOCK_FILE } from './vaultLock';

/** A real other process, alive until killed. */
function sleeper(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  return new Promise((resolve) => child.once('spawn', () => resolve(child)));
}
const exited = (child: ChildProcess) => new Promise((resolve) => child.once('exit', resolve));

/** The lock a Story Bank running as `pid` on this machine writes. */
function lockOf(pid: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...thisProcess(), pid, started: startTimeOf(pid), token: 'theirs', ...extra });
}

const lockPath = (root: string) => join(root, '.storybank', LOCK_FILE);

async function withStateDir(): Promise<string> {
  const root = await tempDir();
  await mkdir(join(root, '.storybank'));
  return root;
}

describe('one Story Bank per vault', () => {
  it('refuses a vault locked by a running process, names it, and takes over once it is gone', async () => {
    const root = await withStateDir();
    const other = await sleeper();
    await writeFile(lockPath(root), lockOf(other.pid!, { port: 4321 }));
    await expect(acquireVaultLock(root)).rejects.toThrow(
      `${root} is already open in another Story Bank (process ${other.pid} at http://127.0.0.1:4321/)`,
    );
    other.kill('SIGKILL');
    await exited(other);
    // Stale: its process died without releasing it.
    const lock = await acquireVaultLock(root);
    const held = JSON.parse(await readFile(lockPath(root), 'utf8'));
    expect(held).toMatchObject({ ...thisProcess() });
    await lock.setPort(8080);
    expect(JSON.parse(await readFile(lockPath(root), 'utf8'))).toEqual({ ...held, port: 8080 });
    // The same process opening the vault a second time is a second Story Bank too.
    await expect(acquireVaultLock(root)).rejects.toThrow(`(process ${process.pid} at http://127.0.0.1:8080/)`);
    await lock.release();
    expect(existsSync(lockPath(root))).toBe(false);
    expect(await readdir(join(root, '.storybank'))).toEqual([]);
  });

  it('takes over a lock whose pid runs but is not its owner: another start time, boot or machine', async () => {
    const root = await withStateDir();
    const other = await sleeper();
    try {
      for (const notThem of [{ started: '1' }, { boot: 'an-earlier-boot' }, { host: `not-${hostname()}` }]) {
        await writeFile(lockPath(root), lockOf(other.pid!, notThem));
        const lock = await acquireVaultLock(root);
        await lock.release();
      }
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('takes over a damaged lock, a pid-only lock (older versions, or committed in a clone) and a link', async () => {
    const root = await withStateDir();
    const outside = join(await tempDir(), 'somefile');
    await writeFile(outside, 'outside\n');
    for (const make of [
      () => writeFile(lockPath(root), '{"pid": '),
      () => writeFile(lockPath(root), ''),
      // pid 1 always runs: trusting it kept such a vault locked forever.
      () => writeFile(lockPath(root), '{"pid":1}'),
      () => symlink(outside, lockPath(root)),
    ]) {
      await make();
      const lock = await acquireVaultLock(root);
      await lock.setPort(1234);
      await lock.release();
    }
    expect(await readFile(outside, 'utf8')).toBe('outside\n');
  });

  it('a vault cloned with a committed host.lock {"pid":1} opens', async () => {
    const origin = await tempDir();
    const git = (cwd: string, ...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, stdio: 'pipe' });
    git(origin, 'init', '-q');
    await mkdir(join(origin, '.storybank'));
    await writeFile(join(origin, '.storybank', LOCK_FILE), '{"pid":1}');
    git(origin, 'add', '-f', '.');
    git(origin, 'commit', '-qm', 'a lock');
    const clone = join(await tempDir(), 'clone');
    git(origin, 'clone', '-q', origin, clone);
    expect(await readFile(lockPath(clone), 'utf8')).toBe('{"pid":1}');
    const lock = await acquireVaultLock(clone);
    await lock.release();
  });

  const lib = join(process.cwd(), 'out', 'main', 'lib.js');
  const cli = join(process.cwd(), 'out', 'main', 'cli.js');

  /**
   * `count` processes that each load the built library, say "ready", then at "go" on stdin take
   * the lock at once and report; a holder keeps it until its stdin closes, so the others meet it.
   */
  async function race(root: string, count: number): Promise<string[]> {
    const script = `
      const { acquireVaultLock } = await import(${JSON.stringify(lib)});
      process.stdout.write('ready\\n');
      process.stdin.once('data', async () => {
        const outcome = await acquireVaultLock(process.argv[1]).then(() => 'held', (e) => 'refused: ' + e.message);
        process.stdout.write(outcome + '\\n');
        process.stdin.once('end', () => process.exit(0));
      });`;
    const children = Array.from({ length: count }, () =>
      spawn(process.execPath, ['--input-type=module', '-e', script, root], { stdio: ['pipe', 'pipe', 'inherit'] }),
    );
    const lines = children.map((child) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      return (n: number) =>
        new Promise<string>((resolve, reject) => {
          const check = () => output.split('\n').length > n && resolve(output.split('\n')[n - 1]);
          child.stdout.on('data', check);
          child.once('exit', () => reject(new Error(`a racer exited early: ${output}`)));
          check();
        });
    });
    await Promise.all(lines.map((line) => line(1)));
    for (const child of children) child.stdin.write('go\n');
    const outcomes = await Promise.all(lines.map((line) => line(2)));
    for (const child of children) child.stdin.end();
    await Promise.all(children.map(exited));
    return outcomes;
  }

  it('30 processes taking it at once over a stale or an empty lock: exactly one holds it', async () => {
    const root = await withStateDir();
    const dead = await sleeper();
    dead.kill('SIGKILL');
    await exited(dead);
    for (const before of [lockOf(dead.pid!), '']) {
      await writeFile(lockPath(root), before);
      const outcomes = await race(root, 30);
      expect(outcomes.filter((outcome) => outcome === 'held')).toHaveLength(1);
      for (const outcome of outcomes.filter((o) => o !== 'held'))
        expect(outcome).toMatch(/^refused: .* is already open in another Story Bank \(process \d+\)/);
      // No claim or temp file is left behind; the holder exited without releasing its lock.
      expect(await readdir(join(root, '.storybank'))).toEqual([LOCK_FILE]);
    }
  }, 60_000);

  it('30 story-bank serve started at once on a vault with a stale lock: one serves, 29 exit 2 naming it', async () => {
    const vault = join(await tempDir(), 'vault');
    await cp(join(process.cwd(), 'resources', 'sample-vault'), vault, { recursive: true });
    await mkdir(join(vault, '.storybank'), { recursive: true });
    await writeFile(lockPath(vault), '{"pid":1}');
    const hosts = Array.from({ length: 30 }, () => {
      const child = spawn(process.execPath, [cli, 'serve', vault, '--port', '0'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const outcome = new Promise<string>((resolve) => {
        child.stdout.on('data', () => /running at/.test(output) && resolve('serving'));
        child.once('exit', (code) => resolve(`exit ${code}: ${output}`));
      });
      return { child, outcome };
    });
    const outcomes = await Promise.all(hosts.map((host) => host.outcome));
    const serving = hosts.filter((_, i) => outcomes[i] === 'serving');
    expect(serving).toHaveLength(1);
    // Named with its address once it listens, by pid alone before (a start may look in between).
    for (const outcome of outcomes.filter((o) => o !== 'serving'))
      expect(outcome).toMatch(
        new RegExp(
          `^exit 2: story-bank: .* is already open in another Story Bank \\(process ${serving[0].child.pid}[ )]`,
        ),
      );
    serving[0].child.kill('SIGTERM');
    await exited(serving[0].child);
    expect(existsSync(lockPath(vault))).toBe(false);
  }, 120_000);

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
    // An export would write in the vault too: refused the same way while the host runs.
    const exported = spawn(process.execPath, [cli, 'export', vault], { stdio: ['ignore', 'pipe', 'pipe'] });
    let exportError = '';
    exported.stderr.on('data', (chunk: Buffer) => (exportError += chunk.toString()));
    expect(await exited(exported)).toBe(2);
    expect(exportError).toMatch(/is already open in another Story Bank/);
    expect(first.exitCode).toBe(null);
    first.kill('SIGTERM');
    await exited(first);
    expect(existsSync(lockPath(vault))).toBe(false);
  });
});
