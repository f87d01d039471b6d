import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { GitState } from '../../core/api';
import { renderStoryFile } from '../../core/frontmatter/renderStoryFile';
import { sampleStory } from '../../../test/helpers/sampleStory';
import { tempDir } from '../../../test/helpers/tempDir';
import { Vault } from '../vault/vault';
import { AutoCommitter, commitMessage } from './autoCommitter';
import { readGitState } from './gitState';
import { mergeText } from './mergeText';
import { runGit } from './runGit';
import { committedText, storyHistory, storyTextAt } from './storyHistory';

async function repoWithStory(): Promise<{ root: string; vault: Vault }> {
  const root = await tempDir();
  await mkdir(join(root, 'stories'), { recursive: true });
  await writeFile(join(root, 'stories', 'raft.md'), renderStoryFile(sampleStory()));
  const vault = await Vault.open(root);
  return { root, vault };
}

async function log(root: string): Promise<string[]> {
  return (await runGit(root, ['log', '--format=%s'])).stdout.trim().split('\n');
}

describe('git state', () => {
  it('is ok in a fresh vault and names the fix for each fault, with the file still saved', async () => {
    const { root, vault } = await repoWithStory();
    expect((await readGitState(root)).kind).toBe('ok');

    await writeFile(join(root, '.git', 'index.lock'), '');
    const locked = await readGitState(root);
    expect(locked).toMatchObject({ kind: 'locked' });
    expect(locked.fix).toContain('index.lock');
    const saved = await vault.save(sampleStory({ metric: 'saved while locked' }));
    expect(await readFile(join(root, saved.record.file), 'utf8')).toContain('saved while locked');
    await rm(join(root, '.git', 'index.lock'));

    await writeFile(join(root, '.git', 'MERGE_HEAD'), 'x');
    expect((await readGitState(root)).kind).toBe('merging');
    await rm(join(root, '.git', 'MERGE_HEAD'));

    await mkdir(join(root, '.git', 'rebase-merge'));
    expect((await readGitState(root)).kind).toBe('rebasing');
    await rm(join(root, '.git', 'rebase-merge'), { recursive: true });

    await runGit(root, ['checkout', '--quiet', '--detach']);
    expect((await readGitState(root)).kind).toBe('detached');
  });

  it('reports a missing git with the fix, and opening a vault still works without it', async () => {
    const root = await tempDir();
    const original = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(await readGitState(root)).toMatchObject({ kind: 'no-git' });
      const vault = await Vault.open(root);
      expect(vault.gitRoot).toBeNull();
      await vault.save(sampleStory());
      expect(vault.snapshot().stories).toHaveLength(1);
    } finally {
      process.env.PATH = original;
    }
  });
});

describe('AutoCommitter', () => {
  it('commits after the quiet period, once for a burst of saves, with the story title', async () => {
    const { root, vault } = await repoWithStory();
    const states: GitState[] = [];
    // A quiet period far longer than three saves take even on a loaded machine (a 200 ms one let
    // a slow save end the burst early), and the commit awaited rather than slept for.
    const committer = new AutoCommitter(root, (s) => states.push(s), 3_000);
    for (const metric of ['1 s', '2 s', '3 s']) {
      const { record } = await vault.save(sampleStory({ metric }));
      committer.note([record.file], record.story.title);
    }
    expect(committer.pendingFiles()).toEqual(['stories/raft.md']);
    expect(await log(root)).toEqual(['vault: start a Story Bank vault']);
    await vi.waitFor(async () => expect(committer.pendingFiles()).toEqual([]), { timeout: 20_000, interval: 100 });
    expect(await log(root)).toEqual(['story: Cutting failover time with Raft', 'vault: start a Story Bank vault']);
    expect(committer.pendingFiles()).toEqual([]);
    expect(states.at(-1)).toMatchObject({ kind: 'ok', pending: [] });
  });

  it('keeps saves pending while the index is locked and commits them once it is free', async () => {
    const { root, vault } = await repoWithStory();
    const states: GitState[] = [];
    const committer = new AutoCommitter(root, (s) => states.push(s), 60_000);
    const { record } = await vault.save(sampleStory({ metric: '4 s' }));
    committer.note([record.file], record.story.title);
    await writeFile(join(root, '.git', 'index.lock'), '');
    await committer.flush();
    expect(states.at(-1)).toMatchObject({ kind: 'locked', pending: ['stories/raft.md'] });
    await rm(join(root, '.git', 'index.lock'));
    await committer.flush();
    expect(states.at(-1)).toMatchObject({ kind: 'ok', pending: [] });
    expect((await log(root))[0]).toBe('story: Cutting failover time with Raft');
    committer.stop();
  });

  it('commits a save that lands after it was stopped at once, not after the quiet period', async () => {
    // A closing host stops its committer, but a save already under way can land after: it must be
    // committed then, not arm a 60 s timer that keeps the closing process alive (and uncommitted).
    const { root, vault } = await repoWithStory();
    const committer = new AutoCommitter(root, () => {}, 60_000);
    committer.stop();
    const { record } = await vault.save(sampleStory({ metric: '5 s' }));
    committer.note([record.file], record.story.title);
    // The commit is in git's log a moment before the committer hears `git commit` exit and clears
    // its pending list: both are awaited.
    await vi.waitFor(
      async () => {
        expect((await log(root))[0]).toBe('story: Cutting failover time with Raft');
        expect(committer.pendingFiles()).toEqual([]);
      },
      { timeout: 15_000, interval: 100 },
    );
  });

  it('lists several stories in one commit message', () => {
    expect(
      commitMessage(
        new Map([
          ['stories/a.md', 'A'],
          ['stories/b.md', 'B'],
        ]),
      ),
    ).toBe('story: A; B\n\n- stories/a.md\n- stories/b.md');
  });
});

describe('history and renames', () => {
  it('renames the file with git mv when the title changes, keeping the id and the history', async () => {
    const { root, vault } = await repoWithStory();
    const committer = new AutoCommitter(root, () => {}, 60_000);
    const saved = await vault.save(sampleStory({ title: 'A better title' }));
    expect(saved.record.file).toBe('stories/a-better-title.md');
    expect(saved.renamedFrom).toBe('stories/raft.md');
    expect(saved.record.story.id).toBe('raft-failover');
    committer.note([saved.renamedFrom!, saved.record.file], 'A better title');
    await committer.flush();
    const history = await storyHistory(root, saved.record.file);
    expect(history.map((h) => h.path)).toEqual(['stories/a-better-title.md', 'stories/raft.md']);
    expect(await storyTextAt(root, history[1].commit, history[1].path)).toBe(renderStoryFile(sampleStory()));
  });

  it('keeps an ordering prefix such as 03- when renaming', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'stories'), { recursive: true });
    await writeFile(join(root, 'stories', '03-raft.md'), renderStoryFile(sampleStory()));
    const vault = await Vault.open(root);
    expect((await vault.save(sampleStory({ title: 'Renamed' }))).record.file).toBe('stories/03-renamed.md');
  });
});

describe('mergeText', () => {
  it('merges edits to different lines cleanly and marks overlapping ones', async () => {
    const base = 'a\nb\nc\nd\n';
    expect(await mergeText('A\nb\nc\nd\n', base, 'a\nb\nc\nD\n')).toEqual({ text: 'A\nb\nc\nD\n', clean: true });
    const conflict = await mergeText('a\nMINE\nc\nd\n', base, 'a\nTHEIRS\nc\nd\n');
    expect(conflict.clean).toBe(false);
    expect(conflict.text).toContain(
      '<<<<<<< yours (in Story Bank)\nMINE\n=======\nTHEIRS\n>>>>>>> on disk (edited elsewhere)',
    );
  });

  it('names the sides as asked, and takes one side where they overlap when told to', async () => {
    const base = 'a\nb\nc\nd\ne\nf\ng\n';
    const mine = 'a\nMINE\nc\nd\ne\nf\ng\nmine too\n';
    const theirs = 'a\nTHEIRS\nc\nd\nE\nf\ng\n';
    const labels = ['your edits', 'the last export', 'the new export'] as const;
    expect((await mergeText(mine, base, theirs, { labels })).text).toContain(
      '<<<<<<< your edits\nMINE\n=======\nTHEIRS\n>>>>>>> the new export',
    );
    expect(await mergeText(mine, base, theirs, { favor: 'mine' })).toEqual({
      text: 'a\nMINE\nc\nd\nE\nf\ng\nmine too\n',
      clean: true,
    });
    expect(await mergeText(mine, base, theirs, { favor: 'theirs' })).toEqual({
      text: 'a\nTHEIRS\nc\nd\nE\nf\ng\nmine too\n',
      clean: true,
    });
  });
});

describe('every git fault keeps saving', () => {
  const faults: Array<[string, (root: string) => Promise<void>]> = [
    ['locked', (root) => writeFile(join(root, '.git', 'index.lock'), '')],
    ['merging', (root) => writeFile(join(root, '.git', 'MERGE_HEAD'), '0'.repeat(40))],
    ['rebasing', (root) => mkdir(join(root, '.git', 'rebase-merge'))],
    ['detached', async (root) => void (await runGit(root, ['checkout', '--quiet', '--detach']))],
  ];
  for (const [kind, breakGit] of faults) {
    it(`${kind}: the story is saved, the commit waits, and the state names the fix`, async () => {
      const { root, vault } = await repoWithStory();
      const states: GitState[] = [];
      const committer = new AutoCommitter(root, (s) => states.push(s), 60_000);
      await breakGit(root);
      const { record } = await vault.save(sampleStory({ metric: `saved while ${kind}` }));
      committer.note([record.file], record.story.title);
      await committer.flush();
      expect(await readFile(join(root, record.file), 'utf8')).toContain(`saved while ${kind}`);
      expect(states.at(-1)).toMatchObject({ kind, pending: ['stories/raft.md'] });
      expect(states.at(-1)?.fix.length).toBeGreaterThan(10);
      expect(await log(root)).toEqual(['vault: start a Story Bank vault']);
      committer.stop();
    });
  }
});

describe('a file as committed', () => {
  // Found by the API fuzz test (seed 1109557158): `git show REV:PATH` takes an argument that is
  // no revision as a path filter, and one that looks like a glob matched nothing and succeeded.
  it('is an error, not an empty file, for a path with glob characters that the revision lacks', async () => {
    const { root, vault } = await repoWithStory();
    await runGit(root, ['add', '-A']);
    await runGit(root, [
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@example.com',
      'commit',
      '--allow-empty',
      '-qm',
      'first',
    ]);
    const head = (await runGit(root, ['rev-parse', 'HEAD'])).stdout.trim();
    // A story file never committed, named as people name files by hand.
    await writeFile(join(root, 'stories', 'what went wrong?.md'), renderStoryFile(sampleStory({ id: 'what' })));
    expect(await committedText(root, 'stories/what went wrong?.md')).toBeNull();
    expect(await committedText(root, 'stories/raft.md')).toBe(await readFile(join(root, 'stories', 'raft.md'), 'utf8'));
    await expect(storyTextAt(root, 'a'.repeat(40), '\\\\server\\share\\x?')).rejects.toThrow();
    await expect(storyTextAt(root, head, 'stories/[r]aft.md')).rejects.toThrow();
    await expect(storyTextAt(root, head, 'stories')).rejects.toThrow();
    expect(await storyTextAt(root, head, 'stories/raft.md')).toContain('id: ');
    await vault.close();
  });
});
