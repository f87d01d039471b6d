import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/tempDir';

const script = join(process.cwd(), 'scripts', 'build-quietly.js');

/** A project of one main-process file, built by electron-vite in its own folder (not this out/). */
async function project(main: string): Promise<string> {
  const dir = await tempDir();
  await mkdir(join(dir, 'src'));
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
  await writeFile(join(dir, 'src', 'main.js'), main);
  await writeFile(
    join(dir, 'electron.vite.config.js'),
    "export default { main: { build: { rolldownOptions: { input: { index: 'src/main.js' } } } } };\n",
  );
  return dir;
}

function build(cwd: string) {
  const result = spawnSync(process.execPath, [script], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm start’s build (scripts/build-quietly.js)', () => {
  it('is how npm start builds', () => {
    const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe('node scripts/build-quietly.js && node scripts/start.js');
  });

  it('builds and prints nothing when the build succeeds', async () => {
    const dir = await project('export const answer = 42;\n');
    expect(build(dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(dir, 'out', 'main', 'index.js'), 'utf8')).toMatch(/answer = 42/);
  });

  it('prints the build’s output and a last line saying nothing started when it fails', async () => {
    const dir = await project('export const answer = ;\n');
    const result = build(dir);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/main\.js/);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(
      'npm start: the build failed (exit 1), so nothing was started.',
    );
    expect(existsSync(join(dir, 'out', 'main', 'index.js'))).toBe(false);
  });
});
