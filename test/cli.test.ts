import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = process.cwd();
const bin = join(root, 'bin', 'story-bank.js');
const built = existsSync(join(root, 'out', 'main', 'cli.js'));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(!built)('story-bank CLI (built)', () => {
  it('prints help with exit 0 and the version from package.json', () => {
    const help = run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: story-bank <command>/);
    expect(help.stdout).toMatch(/serve \[VAULT\]/);
    const version = run('--version');
    expect(version).toMatchObject({
      code: 0,
      stdout: `${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}\n`,
    });
  });

  it('exits 2 with a one-line reason on usage errors', () => {
    for (const args of [['frobnicate'], ['serve', '--port', 'abc'], ['serve', '--bogus'], ['serve', 'a', 'b'], []]) {
      const result = run(...args);
      expect(result.code, args.join(' ')).toBe(2);
    }
    const unknown = run('frobnicate');
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(/^story-bank: unknown command "frobnicate"/);
  });
});
