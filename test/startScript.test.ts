import { spawn, spawnSync } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../scripts/electron-binary.js';
import { builtFile } from './helpers/builtApp';
import { tempDir } from './helpers/tempDir';

const root = process.cwd();
const start = join(root, 'scripts', 'start.js');
// start.js reads --vault with the built parser, and serves the built CLI.
builtFile('out/main/commandLine.js');
builtFile('out/main/cli.js');

/** The environment without GIT_DIR and friends, and with STORY_BANK_VAULT pointing elsewhere. */
function environment(otherVault: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_')));
  return { ...env, STORY_BANK_VAULT: otherVault };
}

/** Runs `npm start`'s script until it prints the address, then stops it; its output. */
function startUntilServing(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<string> {
  const child = spawn(process.execPath, [start, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      if (/running at http/.test(output)) child.kill('SIGTERM');
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('error', reject);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(output);
    });
  });
}

describe('npm start (scripts/start.js)', () => {
  it('refuses a --vault without a folder: exit 2, one line, before starting anything', async () => {
    // Run from a temp folder: the old script served a folder named "undefined" in its working
    // directory and set it up as a vault, committing into whatever repository enclosed it.
    const cwd = await tempDir();
    const env = environment(join(cwd, 'elsewhere'));
    for (const args of [['--vault'], ['--vault=']]) {
      const result = spawnSync(process.execPath, [start, ...args], { cwd, encoding: 'utf8', env, timeout: 20_000 });
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr.trimEnd().split('\n'), args.join(' ')).toEqual(['npm start: --vault needs a value']);
      expect(result.stdout, args.join(' ')).toBe('');
    }
  });

  it.skipIf('path' in findElectronBinary())(
    'opens the folder of --vault=DIR and --vault DIR in the browser host where Electron is not installed',
    async () => {
      const dir = await tempDir();
      const vault = join(dir, 'vault');
      await cp(join(root, 'resources', 'sample-vault'), vault, { recursive: true });
      const env = environment(join(dir, 'elsewhere'));
      for (const args of [[`--vault=${vault}`], ['--vault', vault]]) {
        const output = await startUntilServing(args, env, dir);
        expect(output, args.join(' ')).toContain('starting the browser host instead');
        expect(output, args.join(' ')).toContain(`Story Bank vault: ${vault}\n`);
      }
    },
  );
});
