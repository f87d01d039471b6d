import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { CheckReport } from '../src/core/checker/types';
import { MAX_IMPORT_STORIES } from '../src/core/import/importLimits';
import { deliverableWithStories } from './helpers/manyStories';
import { builtFile } from './helpers/builtApp';
import { tempDir } from './helpers/tempDir';

const root = process.cwd();
const bin = join(root, 'bin', 'story-bank.js');
// The built CLI that bin/story-bank.js loads: there, and fresh (vitest's global setup builds it).
builtFile('out/main/cli.js');
const sampleVault = join(root, 'resources', 'sample-vault');
const sampleStories = join(sampleVault, 'stories');
const DELIVERABLE = join('week-23', 'day5-interview-story-bank.md');

/** The environment without GIT_DIR and friends, so a test run from a git hook still uses the temp repositories. */
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_')));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 20_000, env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

type Run = ReturnType<typeof run>;

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${result.stderr}`);
  return result.stdout.trim();
}

/** Exit 2 with exactly one stderr line, the reason, starting `story-bank: `. */
function expectRefusal(result: Run, label: string, reason?: RegExp): void {
  expect(result.code, `${label}: exit code (stderr: ${result.stderr})`).toBe(2);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, `${label}: stderr lines`).toHaveLength(1);
  expect(lines[0], label).toMatch(/^story-bank: \S/);
  if (reason) expect(lines[0], label).toMatch(reason);
}

function parseReport(result: Run): CheckReport {
  return JSON.parse(result.stdout) as CheckReport;
}

/** Every path under `dir` (folders end in `/`) with each file's bytes, for a before/after comparison. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        out[`${path}/`] = 'folder';
        walk(path);
      } else out[path] = readFileSync(join(dir, path)).toString('base64');
    }
  };
  walk('');
  return out;
}

/** The story files of a folder, name → bytes. */
function storyFiles(dir: string): Map<string, Buffer> {
  return new Map(
    readdirSync(dir)
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => [name, readFileSync(join(dir, name))]),
  );
}

async function copySample(dir: string, name = 'vault'): Promise<string> {
  const vault = join(dir, name);
  await cp(sampleVault, vault, { recursive: true });
  return vault;
}

/** Lines of human output that mark a criterion as passed or failed. */
function checklist(stdout: string): { passed: string[]; failed: string[] } {
  const lines = stdout.split('\n');
  return {
    passed: lines.filter((line) => /^✓ [1-5]\. /.test(line)),
    failed: lines.filter((line) => /^✗ [1-5]\. /.test(line)),
  };
}

/** Folders that outlive one test (shared by a describe); removed when the file is done. */
const sharedRoots: string[] = [];
async function sharedDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'story-bank-cli-'));
  sharedRoots.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(sharedRoots.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** One export of the sample vault, made once and shared; tests copy it before changing it. */
let sampleExportOnce: Promise<{ file: string; text: string }> | undefined;
function sampleExport(): Promise<{ file: string; text: string }> {
  sampleExportOnce ??= (async () => {
    const vault = await copySample(await sharedDir());
    const result = run('export', vault);
    if (result.code !== 0) throw new Error(`export of the sample vault exited ${result.code}: ${result.stderr}`);
    const file = join(vault, DELIVERABLE);
    return { file, text: await readFile(file, 'utf8') };
  })();
  return sampleExportOnce;
}

describe('story-bank CLI (built)', () => {
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

  it('commands are names, not properties: `toString` or `constructor` is an unknown command', () => {
    for (const name of ['toString', 'constructor', '__proto__']) {
      expectRefusal(run(name), name, new RegExp(`unknown command "${name}"`));
    }
  });

  it('serve refuses a folder it cannot use before printing any address (exit 2, one line)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a-file'), 'not a folder');
    const notFolder = run('serve', join(dir, 'a-file'), '--port', '0');
    expectRefusal(notFolder, 'a file', /is a file, not a folder/);
    expect(notFolder.stdout).toBe('');
    const linked = join(dir, 'linked');
    await mkdir(join(linked, 'elsewhere'), { recursive: true });
    await symlink(join(linked, 'elsewhere'), join(linked, 'stories'));
    const link = run('serve', linked, '--port', '0');
    expectRefusal(link, 'a linked stories/', /stories\/ in .* is a symbolic link/);
    expect(link.stdout).toBe('');
    // Nothing left behind: no lock, no layout made in the refused folder.
    expect(existsSync(join(linked, '.storybank', 'host.lock'))).toBe(false);
  });
});

describe('story-bank check on a vault folder', () => {
  it('passes the sample vault, prints the public JSON shape, and changes nothing in the folder', async () => {
    const vault = await copySample(await tempDir());
    const before = snapshot(vault);

    const human = run('check', vault);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stderr).toBe('');
    const { passed, failed } = checklist(human.stdout);
    expect(passed).toHaveLength(5);
    expect(failed).toEqual([]);

    const json = run('check', vault, '--json');
    expect(json.code, json.stderr).toBe(0);
    expect(json.stderr).toBe('');
    const report: unknown = JSON.parse(json.stdout);
    expect(report).toBeTypeOf('object');
    expect(Array.isArray(report)).toBe(false);
    const { pass, criteria, stories, warnings } = report as CheckReport;
    // `notCounted` was added (story files not counted); the other keys are as they were.
    expect(Object.keys(report as object).sort()).toEqual(['criteria', 'notCounted', 'pass', 'stories', 'warnings']);
    expect(pass).toBe(true);
    expect(Array.isArray(warnings)).toBe(true);
    expect(criteria.map((criterion) => criterion.id)).toEqual([1, 2, 3, 4, 5]);
    for (const criterion of criteria) {
      expect(Object.keys(criterion).sort()).toEqual(['findings', 'id', 'name', 'pass']);
      expect(criterion.name).toBeTypeOf('string');
      expect(criterion.name.length).toBeGreaterThan(0);
      expect(criterion.pass).toBe(true);
      expect(criterion.findings).toEqual([]);
    }
    expect(stories).toHaveLength(8);
    expect(stories.map((story) => story.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const story of stories) {
      expect(Object.keys(story).sort()).toEqual(
        ['competency', 'estimatedSeconds', 'metric', 'number', 'sections', 'title'].sort(),
      );
      expect(story.title).toBeTypeOf('string');
      expect(story.competency).toBeTypeOf('string');
      expect(story.metric).toMatch(/\d/);
      expect(story.estimatedSeconds).toBeTypeOf('number');
      expect(Object.keys(story.sections).sort()).toEqual(['action', 'result', 'situation', 'task']);
      for (const count of Object.values(story.sections)) {
        expect(count).toBeTypeOf('number');
        expect(count).toBeGreaterThan(0);
      }
    }
    expect(stories[0].title).toBe('Replicating attestations with Raft');

    // Read only: same listing and bytes, and no .git, .storybank or .gitignore appeared.
    expect(snapshot(vault)).toEqual(before);
    expect(existsSync(join(vault, '.git'))).toBe(false);
  });

  it('fails criterion 1 when a story file is missing', async () => {
    const vault = await copySample(await tempDir());
    await rm(join(vault, 'stories', '05-caching-verified-certificate-chains.md'));
    const result = run('check', vault, '--json');
    expect(result.code, result.stderr).toBe(1);
    const report = parseReport(result);
    expect(report.pass).toBe(false);
    expect(report.criteria[0]).toMatchObject({ id: 1, pass: false });
    expect(report.criteria[0].findings.length).toBeGreaterThan(0);
    expect(report.criteria[0].findings[0].message).toMatch(/7/);
    expect(report.stories).toHaveLength(7);
  });

  it('does not count a story file whose YAML is invalid, and says so in the warnings', async () => {
    const vault = await copySample(await tempDir());
    const name = '03-setting-an-slo-for-binary-verification.md';
    const file = join(vault, 'stories', name);
    const text = await readFile(file, 'utf8');
    const broken = text.replace(/^title: .*$/m, 'title: [unclosed');
    expect(broken).not.toBe(text);
    await writeFile(file, broken);

    const result = run('check', vault, '--json');
    expect(result.code, result.stderr).toBe(1);
    const report = parseReport(result);
    expect(report.criteria[0]).toMatchObject({ id: 1, pass: false });
    expect(report.stories).toHaveLength(7);
    const warning = report.warnings.find((finding) => finding.message.includes(name));
    expect(warning, JSON.stringify(report.warnings)).toBeDefined();
    expect(warning!.message).toMatch(/not counted/);

    const human = run('check', vault);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(new RegExp(`${name.replace(/\./g, '\\.')}.*not counted`));
  });
});

describe('story-bank check on a deliverable file', () => {
  it('passes an exported deliverable, with --strict and --wpm 100 accepted', async () => {
    const { file } = await sampleExport();
    const result = run('check', file);
    expect(result.code, result.stderr).toBe(0);
    expect(checklist(result.stdout).passed).toHaveLength(5);
    const strict = run('check', file, '--strict');
    expect(strict.code, strict.stderr).toBe(0);
    const slow = run('check', file, '--wpm', '100', '--json');
    expect(slow.code, slow.stderr).toBe(0);
    const report = parseReport(slow);
    expect(report.pass).toBe(true);
    expect(report.stories).toHaveLength(8);
  });

  it('fails criterion 3, naming the story, when a **Metric:** line is removed', async () => {
    const { text } = await sampleExport();
    const metricLine = '**Metric:** 34 of 34 red-team attack scenarios blocked, up from 21 before the change';
    expect(text.split('\n')).toContain(metricLine);
    const file = join(await tempDir(), 'bank.md');
    await writeFile(file, text.replace(`${metricLine}\n`, ''));

    const result = run('check', file, '--json');
    expect(result.code, result.stderr).toBe(1);
    const report = parseReport(result);
    expect(report.pass).toBe(false);
    expect(report.criteria.filter((criterion) => !criterion.pass).map((criterion) => criterion.id)).toEqual([3]);
    expect(report.criteria[2].findings).toHaveLength(1);
    expect(report.criteria[2].findings[0].story).toEqual({
      number: 2,
      title: 'Requiring two signatures for every attestation',
    });

    const human = run('check', file);
    expect(human.code).toBe(1);
    expect(checklist(human.stdout).failed).toEqual([expect.stringMatching(/^✗ 3\. /)]);
    expect(human.stdout).toMatch(/story 2 "Requiring two signatures for every attestation"/);
  });

  it('fails criteria 1–5, not only 1 and 5, for a deliverable with no stories in it', async () => {
    const file = join(await tempDir(), 'empty.md');
    await writeFile(file, '# Interview Story Bank\n\nNothing written yet.\n');
    const result = run('check', file, '--json');
    expect(result.code, result.stderr).toBe(1);
    const report = parseReport(result);
    expect(report.criteria.map((criterion) => criterion.pass)).toEqual([false, false, false, false, false]);
    for (const id of [2, 3, 4])
      expect(report.criteria[id - 1].findings).toEqual([{ message: 'no stories to check yet' }]);
  });

  it('exits 2 with one stderr line on bad options, bad paths and unreadable input', async () => {
    const { file } = await sampleExport();
    const dir = await tempDir();
    const notAVault = join(dir, 'not-a-vault');
    await mkdir(notAVault);
    const binary = join(dir, 'picture.md');
    await writeFile(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xfe]));

    const cases: [string, string[], RegExp?][] = [
      ['--wpm abc', ['check', file, '--wpm', 'abc'], /--wpm/],
      ['--wpm 10', ['check', file, '--wpm', '10'], /--wpm/],
      ['missing PATH', ['check']],
      ['two PATHs', ['check', file, file]],
      ['no such path', ['check', join(dir, 'nothing-here.md')], /nothing-here\.md/],
      ['folder without stories/', ['check', notAVault], /stories/],
      ['binary file', ['check', binary], /picture\.md/],
    ];
    for (const [label, args, reason] of cases) {
      const result = run(...args);
      expectRefusal(result, label, reason);
      expect(result.stdout, label).toBe('');
    }
    expect(readdirSync(notAVault)).toEqual([]);
  });
});

/** Sets story 1's metric in the vault's file (null: back to the sample's). */
async function setMetric(vault: string, metric: string | null): Promise<void> {
  const file = join('stories', '01-replicating-attestations-with-raft.md');
  const original = await readFile(join(sampleVault, file), 'utf8');
  const text = metric === null ? original : original.replace(/^metric: .*$/m, `metric: ${metric}`);
  await writeFile(join(vault, file), text);
}

describe('story-bank export', () => {
  let vault: string;
  let deliverable: string;
  let firstExport: Buffer;
  let first: Run;

  beforeAll(async () => {
    vault = await copySample(await sharedDir());
    deliverable = join(vault, DELIVERABLE);
    first = run('export', vault);
    firstExport = existsSync(deliverable) ? readFileSync(deliverable) : Buffer.alloc(0);
  });

  it('writes week-23/day5-interview-story-bank.md in the vault, its own new repository, and commits it', async () => {
    expect(first.code, first.stderr).toBe(0);
    expect(existsSync(deliverable)).toBe(true);
    expect(realpathSync(git(vault, 'rev-parse', '--show-toplevel'))).toBe(realpathSync(vault));
    expect(git(vault, 'log', '-1', '--format=%s')).toBe('export: interview story bank');
    expect(git(vault, 'ls-files', '--', 'week-23')).toBe('week-23/day5-interview-story-bank.md');
    expect(git(vault, 'status', '--porcelain')).toBe('');
    expect(checklist(first.stdout).passed).toHaveLength(5);
    expect(firstExport.toString('utf8')).toBe((await sampleExport()).text);
  });

  it('a second export is "Already up to date" and makes no commit', () => {
    const head = git(vault, 'rev-parse', 'HEAD');
    const again = run('export', vault);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/Already up to date/);
    expect(git(vault, 'rev-parse', 'HEAD')).toBe(head);
    expect(readFileSync(deliverable).equals(firstExport)).toBe(true);
  });

  it('keeps a hand edit the stories do not touch, merged with their changes, and says so', async () => {
    const text = firstExport.toString('utf8');
    await writeFile(deliverable, `Name: Ada Lovelace\n\n${text}`);
    await setMetric(vault, '1.3 s median from leader crash to the next committed write (500 crashes)');

    const merged = run('export', vault);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(/Kept your hand edits, merged with the export \(\+2 −0 lines of yours\)/);
    const written = readFileSync(deliverable, 'utf8');
    expect(written.startsWith('Name: Ada Lovelace\n\n# Interview Story Bank\n')).toBe(true);
    expect(written).toContain('**Metric:** 1.3 s median from leader crash to the next committed write (500 crashes)');
    expect(git(vault, 'log', '-1', '--format=%s')).toBe('export: interview story bank (with your edits merged)');
  });

  it('refuses a hand edit on the lines the export changes: exit 2, file unchanged, the places on stdout', async () => {
    const mine = readFileSync(deliverable, 'utf8').replace(/^\*\*Metric:\*\* 1\.3 s median.*$/m, '**Metric:** mine');
    await writeFile(deliverable, mine);
    await setMetric(vault, '1.2 s median from leader crash to the next committed write (500 crashes)');
    const head = git(vault, 'rev-parse', 'HEAD');

    const refused = run('export', vault);
    expectRefusal(refused, 'export over an overlapping hand edit', /same lines in 1 place.*--force/);
    expect(readFileSync(deliverable, 'utf8')).toBe(mine);
    expect(git(vault, 'rev-parse', 'HEAD')).toBe(head);
    expect(refused.stdout).toMatch(
      /^week-23\/day5-interview-story-bank\.md:\d+\n<<<<<<< your edits \(on disk\)\n\*\*Metric:\*\* mine\n=======\n\*\*Metric:\*\* 1\.2 s median.*\n>>>>>>> the new export\n/,
    );
  });

  it('--force overwrites the hand edit with a fresh export', async () => {
    await setMetric(vault, null);
    const forced = run('export', vault, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(deliverable).equals(firstExport)).toBe(true);
    expect(git(vault, 'status', '--porcelain', '--', 'week-23')).toBe('');
    expect(git(vault, 'log', '-1', '--format=%s')).toBe('export: interview story bank');
  });

  it('--out FILE writes the deliverable there instead', async () => {
    const dir = await tempDir();
    const copy = await copySample(dir);
    const out = join(dir, 'elsewhere', 'bank.md');
    const result = run('export', copy, '--out', out);
    expect(result.code, result.stderr).toBe(0);
    expect(await readFile(out, 'utf8')).toBe((await sampleExport()).text);
    expect(existsSync(join(copy, 'week-23'))).toBe(false);
  });

  it('exits 2 for a folder without stories/ and leaves it as it was', async () => {
    const dir = await tempDir();
    const result = run('export', dir);
    expectRefusal(result, 'export of a folder without stories/', /stories/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes and commits a vault of 7 stories but exits 1 with criterion 1 failing', async () => {
    const copy = await copySample(await tempDir());
    await rm(join(copy, 'stories', '05-caching-verified-certificate-chains.md'));
    const result = run('export', copy);
    expect(result.code, result.stderr).toBe(1);
    expect(existsSync(join(copy, DELIVERABLE))).toBe(true);
    expect(git(copy, 'log', '-1', '--format=%s')).toBe('export: interview story bank');
    expect(checklist(result.stdout).failed).toEqual([expect.stringMatching(/^✗ 1\. /)]);
  });
});

describe('story-bank import', () => {
  let vault: string;
  let first: Run;

  beforeAll(async () => {
    const { file } = await sampleExport();
    vault = join(await sharedDir(), 'imported');
    await mkdir(vault);
    first = run('import', file, vault);
  });

  it('imports an exported deliverable into an empty folder as the same eight story files, committed', () => {
    expect(first.code, first.stderr).toBe(0);
    const expected = storyFiles(sampleStories);
    const actual = storyFiles(join(vault, 'stories'));
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    for (const [name, bytes] of expected) expect(actual.get(name)!.equals(bytes), name).toBe(true);
    expect(git(vault, 'log', '-1', '--format=%s')).toBe('import: 8 stories');
    const check = run('check', vault);
    expect(check.code, check.stdout).toBe(0);
  });

  it('importing the same file again adds 8 more files, changes none, and notes the id clashes', async () => {
    const { file } = await sampleExport();
    const again = run('import', file, vault);
    expect(again.code, again.stderr).toBe(0);
    const files = storyFiles(join(vault, 'stories'));
    expect(files.size).toBe(16);
    for (const [name, bytes] of storyFiles(sampleStories)) expect(files.get(name)?.equals(bytes), name).toBe(true);
    const clashes = again.stdout.split('\n').filter((line) => /already in the vault/.test(line));
    expect(clashes).toHaveLength(8);
    expect(again.stdout).toMatch(/"raft-attestation-log" is already in the vault/);
    expect(git(vault, 'log', '-1', '--format=%s')).toBe('import: 8 stories');
    expect(git(vault, 'status', '--porcelain')).toBe('');
  });

  it('imports a folder of hand-written answers, inline labels and ## headings with frontmatter', async () => {
    const dir = await tempDir();
    const answers = join(dir, 'answers');
    await mkdir(answers);
    await writeFile(
      join(answers, 'a-cold-start.md'),
      [
        '# Cutting cold-start time with a warm cache',
        '',
        '**Competency:** Performance',
        '**Situation:** Our service took 40 seconds to become ready after every deploy.',
        '**Task:** I had to bring readiness under 10 seconds without extra hardware.',
        '**Action:** I profiled startup and added a warm cache of parsed certificates, loaded from disk.',
        '**Result:** Readiness dropped to 6 seconds across 30 deploys.',
        '**Metric:** cold start cut from 40 s to 6 s',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(answers, 'b-key-rotation.md'),
      [
        '---',
        'title: Rotating signing keys without downtime',
        'competency: security',
        'metric: 0 failed verifications during 3 key rotations',
        '---',
        '',
        '## Situation',
        '',
        'Our signing keys had never been rotated in two years.',
        '',
        '## Task',
        '',
        'I had to rotate them without breaking any client.',
        '',
        '## Action',
        '',
        'I published the new key next to the old one and switched signers after a week of overlap.',
        '',
        '## Result',
        '',
        'Three rotations later, not one verification has failed.',
        '',
      ].join('\n'),
    );
    const target = join(dir, 'vault');
    const result = run('import', answers, target);
    expect(result.code, result.stderr).toBe(0);
    expect(git(target, 'log', '-1', '--format=%s')).toBe('import: 2 stories');

    const written = [...storyFiles(join(target, 'stories')).values()].map((bytes) => readStory(bytes.toString('utf8')));
    expect(written).toHaveLength(2);
    const byTitle = new Map(written.map((story) => [story.meta.title, story]));
    expect([...byTitle.keys()].sort()).toEqual([
      'Cutting cold-start time with a warm cache',
      'Rotating signing keys without downtime',
    ]);
    const inline = byTitle.get('Cutting cold-start time with a warm cache')!;
    expect(inline.meta).toMatchObject({ competency: 'performance', metric: 'cold start cut from 40 s to 6 s' });
    expect(inline.sections).toEqual({
      Situation: 'Our service took 40 seconds to become ready after every deploy.',
      Task: 'I had to bring readiness under 10 seconds without extra hardware.',
      Action: 'I profiled startup and added a warm cache of parsed certificates, loaded from disk.',
      Result: 'Readiness dropped to 6 seconds across 30 deploys.',
    });
    const headings = byTitle.get('Rotating signing keys without downtime')!;
    expect(headings.meta).toMatchObject({
      competency: 'security',
      metric: '0 failed verifications during 3 key rotations',
    });
    expect(headings.sections).toEqual({
      Situation: 'Our signing keys had never been rotated in two years.',
      Task: 'I had to rotate them without breaking any client.',
      Action: 'I published the new key next to the old one and switched signers after a week of overlap.',
      Result: 'Three rotations later, not one verification has failed.',
    });
  });

  it('exits 2 for a missing file, and for a file with no story in it', async () => {
    const dir = await tempDir();
    const missing = run('import', join(dir, 'nope.md'), join(dir, 'vault-a'));
    expectRefusal(missing, 'import of a missing file', /nope\.md/);
    expect(existsSync(join(dir, 'vault-a'))).toBe(false);

    const notes = join(dir, 'notes.md');
    await writeFile(notes, '# Notes\n\nJust some thoughts for next week, no interview answer here.\n');
    const empty = run('import', notes, join(dir, 'vault-b'));
    expectRefusal(empty, 'import of a file with no story', /no stories found.*notes\.md: no story found/);
    // Nothing to import changes nothing: the target is not set up as a vault.
    expect(existsSync(join(dir, 'vault-b'))).toBe(false);
  });

  it('exits 2 for a file of 10,000 story headings, naming the count and the cap, and changes nothing', async () => {
    const dir = await tempDir();
    const bank = join(dir, 'bank.md');
    await writeFile(bank, deliverableWithStories(10_000));
    const fresh = run('import', bank, join(dir, 'vault-new'));
    const reason = new RegExp(`found 10000 stories to import; an import takes at most ${MAX_IMPORT_STORIES}\\b`);
    expectRefusal(fresh, 'import of 10,000 stories into a new folder', reason);
    expect(existsSync(join(dir, 'vault-new'))).toBe(false);

    const vault = join(dir, 'vault');
    await cp(sampleVault, vault, { recursive: true });
    expect(run('import', join(sampleStories, readdirSync(sampleStories)[0]), vault).code).toBe(0);
    const head = git(vault, 'rev-parse', 'HEAD');
    const files = readdirSync(join(vault, 'stories'));
    expectRefusal(run('import', bank, vault), 'import of 10,000 stories into a vault', reason);
    expect(readdirSync(join(vault, 'stories'))).toEqual(files);
    expect(git(vault, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(vault, 'status', '--porcelain')).toBe('');
  });
});

/** A written story file: its frontmatter, and the text under each `## ` heading. */
function readStory(text: string): { meta: Record<string, unknown>; sections: Record<string, string> } {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`not a story file:\n${text}`);
  const sections: Record<string, string> = {};
  for (const part of match[2].split(/^## /m).slice(1)) {
    const [heading, ...body] = part.split('\n');
    sections[heading.trim()] = body.join('\n').trim();
  }
  return { meta: parseYaml(match[1]) as Record<string, unknown>, sections };
}
