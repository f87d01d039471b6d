import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../src/core/checker/types';
import { tempDir } from './helpers/tempDir';

const root = process.cwd();
const bin = join(root, 'bin', 'story-bank.js');
const built = existsSync(join(root, 'out', 'main', 'cli.js'));
const CORPUS = join(root, 'test', 'fixtures', 'import-corpus');
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_')));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 20_000, env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(!built)('story-bank import exit codes and check FILE on what import reads', () => {
  it('exits 0 when every line went into a field', async () => {
    const vault = join(await tempDir(), 'vault');
    const result = run('import', join(CORPUS, '12-emoji-labels.md'), vault);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(readdirSync(join(vault, 'stories'))).toEqual(['01-designing-a-retry-policy.md']);
  });

  it('exits 1 and lists the lines set aside, with their line numbers, when a preamble is not imported', async () => {
    const vault = join(await tempDir(), 'vault');
    const result = run('import', join(CORPUS, '19-preamble.md'), vault);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'warning: not imported, in no story: 19-preamble.md:1: These are drafts for my interview loop next month. Feedback welcome.',
      'warning: not imported, in no story: 19-preamble.md:3: Last updated in spring.',
    ]);
    expect(result.stdout).toMatch(/Imported 2 stories into/);
    expect(readdirSync(join(vault, 'stories'))).toHaveLength(2);
  });

  it('exits 1 and names the lines kept under "As imported"', async () => {
    const vault = join(await tempDir(), 'vault');
    const result = run('import', join(CORPUS, '07-lesson-followups.md'), vault);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain('note: text in no field kept under "As imported": lines 15–16, 18–20');
  });

  it('exits 2 naming the labels it saw when nothing is importable, and sets nothing up', async () => {
    const vault = join(await tempDir(), 'vault');
    const result = run('import', join(CORPUS, '25-nothing.md'), vault);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^story-bank: no stories found .*found labels `- Situation \(15s\):`/);
    expect(existsSync(vault)).toBe(false);
  });

  it('check FILE counts the stories import finds, and says why it found none', async () => {
    const sixteen = run('check', join(CORPUS, '04-sixteen-bold-alone.md'), '--json');
    expect((JSON.parse(sixteen.stdout) as CheckReport).stories).toHaveLength(16);

    const none = run('check', join(CORPUS, '25-nothing.md'), '--json');
    const report = JSON.parse(none.stdout) as CheckReport;
    expect(report.stories).toHaveLength(0);
    expect(report.warnings.map((warning) => warning.message)).toContainEqual(
      expect.stringMatching(/25-nothing\.md: no story found: found labels/),
    );
  });

  it('still refuses hostile files with one line: binary, UTF-16, huge', async () => {
    const dir = await tempDir();
    const binary = join(dir, 'picture.md');
    await writeFile(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xfe]));
    const huge = join(dir, 'huge.md');
    await writeFile(huge, `**Situation:** ${'word '.repeat(250_000)}\n`);
    for (const [file, reason] of [
      [binary, /picture\.md: the file is not UTF-8 text\)$/],
      [huge, /huge\.md: the file is 1250016 bytes; import reads files up to 1 MiB\)$/],
    ] as const) {
      const refused = run('import', file, join(dir, 'vault'));
      expect(refused.code).toBe(2);
      expect(refused.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(reason)]);
    }
    const utf16 = join(dir, 'utf16.md');
    await writeFile(utf16, Buffer.from('\uFEFF**Situation:** text\n', 'utf16le'));
    const result = run('import', utf16, join(dir, 'vault'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^story-bank: no stories found .*utf16\.md: the file is not UTF-8 text\)\n$/);
  });
});
