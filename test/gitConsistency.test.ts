import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newStory } from '../src/core/newStory';
import { runGit } from '../src/main/git/runGit';
import { openServiceAt } from './helpers/serviceCalls';
import { tempDir } from './helpers/tempDir';

const git = async (root: string, args: string[]): Promise<string> => (await runGit(root, args)).stdout;

describe('git stays consistent through renames (real git, through the service API)', () => {
  for (const commitBetween of [false, true]) {
    it(`commits both sides of each rename (${commitBetween ? 'a commit between the renames' : 'two renames in one quiet period'}): after stopping, nothing is left and HEAD holds only the final file`, async () => {
      const root = join(await tempDir(), 'vault');
      const { call, stop } = await openServiceAt(root);
      const story = newStory('reliability', new Set());
      await call('saveStory', { story });
      await call('commitNow', {});
      expect(await git(root, ['ls-tree', '-r', '--name-only', 'HEAD', 'stories'])).toBe('stories/untitled-story.md\n');
      await call('saveStory', { story: { ...story, title: 'Raft failover' } });
      if (commitBetween) await call('commitNow', {});
      await call('saveStory', { story: { ...story, title: 'Cutting failover time' } });
      await stop();
      expect(await git(root, ['status', '--porcelain'])).toBe('');
      expect(await git(root, ['ls-tree', '-r', '--name-only', 'HEAD', 'stories'])).toBe(
        'stories/cutting-failover-time.md\n',
      );
    });
  }

  it('commits the .gitignore it writes into an existing repository, and reports dirty files from git status', async () => {
    const root = await tempDir();
    await runGit(root, ['init', '--quiet']);
    await writeFile(join(root, 'notes.txt'), 'mine\n');
    await runGit(root, ['add', 'notes.txt']);
    await runGit(root, ['commit', '--quiet', '-m', 'notes']);
    const { call, stop } = await openServiceAt(root);
    // Opening wrote the .gitignore lines: git says so, and so does the state.
    expect((await call('getGitState', {})).uncommitted).toEqual(['.gitignore']);
    const story = newStory('reliability', new Set());
    await call('saveStory', { story });
    expect(await call('getGitState', {})).toMatchObject({
      pending: ['stories/untitled-story.md'],
      uncommitted: ['.gitignore', 'stories/untitled-story.md'],
    });
    expect(await call('commitNow', {})).toMatchObject({ kind: 'ok', pending: [], uncommitted: [] });
    expect(await git(root, ['status', '--porcelain'])).toBe('');
    // A change made outside the app is reported, not hidden behind "all committed".
    await writeFile(join(root, 'notes.txt'), 'edited elsewhere\n');
    expect(await call('getGitState', {})).toMatchObject({ kind: 'ok', pending: [], uncommitted: ['notes.txt'] });
    await stop();
  });
});
