import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../src/main/vault/vaultLock';
import { STATE_DIR } from '../src/main/vault/vaultLayout';
import { startHost, stopHost, type HostProcess } from './helpers/hostProcess';
import { tempDir } from './helpers/tempDir';

const root = process.cwd();
const bin = join(root, 'bin', 'story-bank.js');

/** The environment without GIT_DIR and friends, so a test run from a git hook still uses the temp repositories. */
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_')));

function serve(extraEnv: NodeJS.ProcessEnv, ...args: string[]) {
  const result = spawnSync(process.execPath, [bin, 'serve', ...args], {
    encoding: 'utf8',
    // A host that stays up instead of exiting is killed, so the test fails instead of hanging.
    timeout: 15_000,
    killSignal: 'SIGKILL',
    env: { ...env, ...extraEnv },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function sampleVault(): Promise<string> {
  const vault = join(await tempDir(), 'vault');
  await cp(join(root, 'resources', 'sample-vault'), vault, { recursive: true });
  return vault;
}

const hosts: HostProcess[] = [];
let occupier: Server | undefined;
afterEach(async () => {
  await Promise.all(hosts.splice(0).map(stopHost));
  await new Promise<void>((resolve) => (occupier ? occupier.close(() => resolve()) : resolve()));
  occupier = undefined;
});

describe('story-bank serve (built)', () => {
  it('prints its address before it loads ws (with the zlib, tls and https it requires), then loads it', async () => {
    const vault = await sampleVault();
    // Preloaded into the host: notes which of ws's modules are loaded when the address is written.
    const probe = join(await tempDir(), 'probe.cjs');
    await writeFile(
      probe,
      `const write = process.stdout.write.bind(process.stdout);
const loaded = () => ['zlib', 'tls', 'https'].filter((m) => process.moduleLoadList.includes('NativeModule ' + m)).join(',') || 'none';
let told = false;
process.stdout.write = (chunk, ...rest) => {
  const out = write(chunk, ...rest);
  if (!told && String(chunk).includes('running at')) {
    told = true;
    write('ws modules at the address: ' + loaded() + '\\n');
    const later = setInterval(() => {
      if (loaded() === 'none') return;
      clearInterval(later);
      write('ws modules later: ' + loaded() + '\\n');
    }, 20);
  }
  return out;
};
`,
    );
    const host = await startHost(vault, { ...env, NODE_OPTIONS: `--require ${probe}` });
    hosts.push(host);
    await expect.poll(() => host.output(), { timeout: 10_000 }).toMatch(/ws modules later: /);
    expect(host.output()).toMatch(/ws modules at the address: none\n/);
    // Loaded without a page asking, while the browser starts.
    expect(host.output()).toMatch(/ws modules later: zlib,tls,https\n/);
  });

  it('exits 2 with one line when its port is taken, and frees the vault for the next serve', async () => {
    const vault = await sampleVault();
    occupier = createServer();
    await new Promise<void>((resolve) => occupier?.listen(0, '127.0.0.1', () => resolve()));
    const port = (occupier.address() as { port: number }).port;

    const refused = serve({}, vault, '--port', String(port));
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stdout).not.toMatch(/running at/);
    const lines = refused.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^story-bank: .*EADDRINUSE.*/);
    expect(existsSync(join(vault, STATE_DIR, LOCK_FILE))).toBe(false);

    // The lock is gone, so another host may open the vault (here on a free port).
    const next = await startHost(vault, env);
    hosts.push(next);
    expect(existsSync(join(vault, STATE_DIR, LOCK_FILE))).toBe(true);
    const page = await fetch(next.url, { redirect: 'manual' });
    expect(page.status).toBe(303);
  });

  it('takes its access token from STORY_BANK_TOKEN, and a new random one each run without it', async () => {
    const vault = await sampleVault();
    const first = await startHost(vault, env);
    hosts.push(first);
    await stopHost(first);
    const second = await startHost(vault, env);
    hosts.push(second);
    await stopHost(second);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.token).not.toBe(first.token);

    const chosen = 'Zx9_-'.repeat(8);
    const fixed = await startHost(vault, { ...env, STORY_BANK_TOKEN: chosen });
    hosts.push(fixed);
    expect(fixed.token).toBe(chosen);
  });

  it('refuses a STORY_BANK_TOKEN that is short or outside base64url: exit 2, one line, nothing served', async () => {
    const vault = await sampleVault();
    for (const bad of ['', 'short', `${'a'.repeat(40)} b`, `${'a'.repeat(40)};Path=/`]) {
      const refused = serve({ STORY_BANK_TOKEN: bad }, vault, '--port', '0');
      expect(refused.code, JSON.stringify(bad)).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^story-bank: STORY_BANK_TOKEN /)]);
    }
    expect(existsSync(join(vault, STATE_DIR, LOCK_FILE))).toBe(false);
  });
});
