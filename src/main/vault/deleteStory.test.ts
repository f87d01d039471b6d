import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderStoryFile } from '../../core/frontmatter/renderStoryFile';
import { sampleStory } from '../../../test/helpers/sampleStory';
import { tempDir } from '../../../test/helpers/tempDir';
import { AutoCommitter } from '../git/autoCommitter';
import { runGit } from '../git/runGit';
import { StoryDeleter } from './deleteStory';
import { Vault } from './vault';

async function setup(git = true) {
  const root = await tempDir();
  await mkdir(join(root, 'stories'), { recursive: true });
  const file = join(root, 'stories', 'raft.md');
  const text = renderStoryFile(sampleStory());
  await writeFile(file, text);
  const vault = await Vault.open(root);
  const committer = git ? new AutoCommitter(root, () => {}, 60_000) : null;
  if (committer) await committer.commitNow(['stories/raft.md'], 'story: Raft');
  return { root, file, text, vault, deleter: new StoryDeleter(vault, committer) };
}

const subjects = async (root: string) => (await runGit(root, ['log', '--format=%s'])).stdout.trim().split('\n');

describe('deleting a story', () => {
  it('removes the file with a commit, and undo brings back the same text with another', async () => {
    const { root, file, text, vault, deleter } = await setup();
    const deleted = await deleter.delete('raft-failover');
    expect(deleted).toMatchObject({
      id: 'raft-failover',
      file: 'stories/raft.md',
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    expect(existsSync(file)).toBe(false);
    expect(vault.findById('raft-failover')).toBeUndefined();
    expect((await subjects(root))[0]).toBe(`delete: ${sampleStory().title}`);
    expect((await runGit(root, ['ls-files', 'stories'])).stdout).toBe('');

    const record = await deleter.restore(deleted.file, deleted.commit);
    expect(record.story.id).toBe('raft-failover');
    expect(await readFile(file, 'utf8')).toBe(text);
    expect((await subjects(root))[0]).toBe(
      `restore: ${sampleStory().title} (deletion ${deleted.commit!.slice(0, 12)} undone)`,
    );
    expect((await runGit(root, ['status', '--porcelain'])).stdout).toBe('');
  });

  it('never restores over a file that is back, nor from a commit that did not delete it', async () => {
    const { root, file, text, deleter } = await setup();
    const deleted = await deleter.delete('raft-failover');
    const head = (await runGit(root, ['rev-parse', 'HEAD~1'])).stdout.trim();
    await expect(deleter.restore(deleted.file, head)).rejects.toMatchObject({ code: 'not-found' });
    await writeFile(file, 'mine');
    const record = await deleter.restore(deleted.file, deleted.commit);
    expect(await readFile(file, 'utf8')).toBe('mine');
    expect(record).toMatchObject({
      file: 'stories/cutting-failover-time-with-raft.md',
      story: { id: 'raft-failover' },
    });
    expect(await readFile(join(root, record.file), 'utf8')).toBe(text);
    await expect(deleter.restore('notes/x.md', deleted.commit)).rejects.toMatchObject({ code: 'bad-request' });
  });

  it('undoes a deletion that git did not commit from the text it kept', async () => {
    const { file, text, deleter } = await setup(false);
    const deleted = await deleter.delete('raft-failover');
    expect(deleted.commit).toBeNull();
    expect(existsSync(file)).toBe(false);
    await deleter.restore(deleted.file, null);
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('says so for an id that is not in the vault', async () => {
    const { deleter } = await setup();
    await expect(deleter.delete('no-such-story')).rejects.toMatchObject({ code: 'not-found' });
  });
});
