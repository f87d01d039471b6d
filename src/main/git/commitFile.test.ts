import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/tempDir';
import { commitFile } from './commitFile';
import { FALLBACK_IDENTITY, readCommitIdentity } from './gitIdentity';
import { readGitState, readGitStateOfTop } from './gitState';
import { runGit } from './runGit';

const ENV = ['HOME', 'XDG_CONFIG_HOME', 'GIT_CONFIG_NOSYSTEM', 'EMAIL'];
let saved: Record<string, string | undefined> = {};

/** git here reads only a temp HOME's configuration, which sets no identity. */
beforeEach(async () => {
  const names = [...ENV, ...Object.keys(process.env).filter((name) => name.startsWith('GIT_'))];
  saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
  for (const name of names) delete process.env[name];
  const home = await tempDir('story-bank-home-');
  process.env.HOME = home;
  process.env.XDG_CONFIG_HOME = join(home, '.config');
  process.env.GIT_CONFIG_NOSYSTEM = '1';
});
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

async function repository(): Promise<string> {
  const root = await tempDir();
  await runGit(root, ['init', '--quiet']);
  await runGit(root, [
    '-c',
    'user.name=t',
    '-c',
    'user.email=t@localhost',
    'commit',
    '--quiet',
    '--allow-empty',
    '-m',
    'start',
  ]);
  return root;
}

describe('commitFile', () => {
  it('commits one file, says false when it is already committed as it is, and throws for an ignored one', async () => {
    const root = await repository();
    await writeFile(join(root, 'a.md'), 'one');
    await writeFile(join(root, 'other.md'), 'staged, not ours');
    await runGit(root, ['add', 'other.md']);
    expect(await commitFile(root, 'a.md', 'first')).toBe(true);
    expect(await commitFile(root, 'a.md', 'again')).toBe(false);
    const log = await runGit(root, ['log', '--format=%s', '--name-only']);
    expect(log.stdout.trim().split('\n').filter(Boolean)).toEqual(['first', 'a.md', 'start']);
    // Only the one file: what else was staged stays staged.
    expect((await runGit(root, ['status', '--porcelain'])).stdout).toBe('A  other.md\n');
    await writeFile(join(root, '.gitignore'), 'ignored.md\n');
    await writeFile(join(root, 'ignored.md'), 'x');
    await expect(commitFile(root, 'ignored.md', 'ignored')).rejects.toThrow(/ignored/);
  });

  it('reads the identity again when a commit is refused for want of one', async () => {
    const root = await repository();
    await runGit(root, ['config', 'user.name', 'Ada']);
    await runGit(root, ['config', 'user.email', 'ada@localhost']);
    expect((await readCommitIdentity(root)).args).toEqual([]);
    await runGit(root, ['config', '--unset', 'user.name']);
    await runGit(root, ['config', '--unset', 'user.email']);
    await writeFile(join(root, 'a.md'), 'one');
    expect(await commitFile(root, 'a.md', 'first')).toBe(true);
    const author = await runGit(root, ['log', '-1', '--format=%an <%ae>']);
    expect(author.stdout.trim()).toBe(`${FALLBACK_IDENTITY.name} <${FALLBACK_IDENTITY.email}>`);
  });
});

describe('readGitStateOfTop', () => {
  it('says what readGitState does, from the files, in a repository and in a linked worktree', async () => {
    const main = await repository();
    const linked = join(await tempDir(), 'linked');
    await runGit(main, ['worktree', 'add', '--quiet', '-b', 'side', linked]);
    for (const top of [main, linked]) {
      const gitDir = (await runGit(top, ['rev-parse', '--absolute-git-dir'])).stdout.trim();
      const same = async (kind: string) => {
        expect(await readGitStateOfTop(top)).toEqual(await readGitState(top, { details: false }));
        expect((await readGitStateOfTop(top)).kind).toBe(kind);
      };
      await same('ok');
      await writeFile(join(gitDir, 'index.lock'), '');
      await same('locked');
      await rm(join(gitDir, 'index.lock'));
      await writeFile(join(gitDir, 'MERGE_HEAD'), '0'.repeat(40));
      await same('merging');
      await rm(join(gitDir, 'MERGE_HEAD'));
      await mkdir(join(gitDir, 'rebase-merge'));
      await same('rebasing');
      await rm(join(gitDir, 'rebase-merge'), { recursive: true });
      await runGit(top, ['checkout', '--quiet', '--detach']);
      await same('detached');
    }
    const notARepo = await tempDir();
    expect((await readGitStateOfTop(notARepo)).kind).toBe('not-a-repo');
  });
});
