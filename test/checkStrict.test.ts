import { spawnSync } from 'node:child_process';
import { chmod, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../src/core/checker/types';
import { tempDir } from './helpers/tempDir';

const root = process.cwd();
const bin = join(root, 'bin', 'story-bank.js');

const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_')));
/** root reads any file whatever its mode: the CLI then runs as nobody, so a mode-000 file is unreadable. */
const asRoot = process.getuid?.() === 0;
const canDropRoot = existsSync('/usr/bin/setpriv');

function run(...args: string[]) {
  const command = asRoot
    ? ['/usr/bin/setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, bin, ...args]]
    : [process.execPath, [bin, ...args]];
  const result = spawnSync(command[0] as string, command[1] as string[], { encoding: 'utf8', timeout: 20_000, env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of the sample vault that any user can read (the temp folder is made for its owner only). */
async function sampleCopy(): Promise<string> {
  const dir = await tempDir();
  await chmod(dir, 0o755);
  const vault = join(dir, 'vault');
  await cp(join(root, 'resources', 'sample-vault'), vault, { recursive: true });
  return vault;
}

const FIRST = 'stories/01-replicating-attestations-with-raft.md';

describe.skipIf(asRoot && !canDropRoot)('story-bank check --strict on a vault', () => {
  it('fails (exit 1) and names a story file that cannot be read; without --strict it only warns', async () => {
    const vault = await sampleCopy();
    const unreadable = join(vault, 'stories', '09-unreadable.md');
    await writeFile(unreadable, await readFile(join(vault, FIRST), 'utf8'));
    await chmod(unreadable, 0o000);
    await mkdir(join(vault, 'stories', '10-a-folder.md'));

    const strict = run('check', vault, '--strict');
    expect(strict.code, strict.stderr).toBe(1);
    expect(strict.stdout).toContain('✗ strict: every story file is counted');
    expect(strict.stdout).toMatch(/stories\/09-unreadable\.md:1: .*cannot be read: permission denied/);
    expect(strict.stdout).toMatch(/stories\/10-a-folder\.md:1: .*not a regular file/);
    expect(strict.stdout).toContain('5 of 5 criteria pass, but 2 story files are not counted (--strict).');

    const json = run('check', vault, '--strict', '--json');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as CheckReport;
    expect(report.pass).toBe(false);
    expect(report.criteria.every((criterion) => criterion.pass)).toBe(true);
    expect(report.notCounted?.map((finding) => finding.message.split(':')[0])).toEqual([
      'stories/09-unreadable.md',
      'stories/10-a-folder.md',
    ]);

    const lenient = run('check', vault, '--json');
    expect(lenient.code, lenient.stderr).toBe(0);
    const warned = JSON.parse(lenient.stdout) as CheckReport;
    expect(warned.pass).toBe(true);
    expect(warned.warnings.some((finding) => finding.message.includes('09-unreadable.md'))).toBe(true);
  });

  it('names the file and line of a finding about a vault story', async () => {
    const vault = await sampleCopy();
    const path = join(vault, FIRST);
    const text = (await readFile(path, 'utf8')).replace(/^metric: .*$/m, 'metric: none at all');
    await writeFile(path, text);
    const metricLine = text.split('\n').findIndex((line) => line.startsWith('metric:')) + 1;

    const result = run('check', vault, '--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as CheckReport;
    expect(report.criteria[2].findings).toEqual([
      expect.objectContaining({ file: FIRST, line: metricLine, field: 'metric' }),
    ]);
    const human = run('check', vault);
    expect(human.stdout).toContain(`"Replicating attestations with Raft", ${FIRST}:${metricLine}: the metric`);
  });

  it('names the key a story file is missing', async () => {
    const vault = await sampleCopy();
    const path = join(vault, FIRST);
    await writeFile(path, (await readFile(path, 'utf8')).replace(/^ {2}because: .*\n/m, ''));
    const second = join(vault, 'stories', '02-requiring-two-signatures-for-every-attestation.md');
    await writeFile(second, (await readFile(second, 'utf8')).replace(/^metric: .*\n/m, ''));

    const result = run('check', vault);
    expect(result.stdout).toMatch(
      new RegExp(`${FIRST}:\\d+: not counted, the file is not a valid story: the key "tradeoff\\.because" is required`),
    );
    expect(result.stdout).toContain('the key "metric" is required');
  });
});
