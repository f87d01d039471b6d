import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newStory } from '../src/core/newStory';
import { commitMessage } from '../src/main/git/autoCommitter';
import { runGit } from '../src/main/git/runGit';
import { until } from './helpers/sampleVault';
import { openServiceAt } from './helpers/serviceCalls';
import { tempDir } from './helpers/tempDir';

/** The trailers git finds in the message of HEAD (empty when there are none). */
function trailersOfHead(root: string): string {
  const message = execFileSync('git', ['log', '-1', '--format=%B'], { cwd: root, encoding: 'utf8' });
  return execFileSync('git', ['interpret-trailers', '--parse'], { cwd: root, input: message, encoding: 'utf8' });
}

describe('story titles (real git, through the service API)', () => {
  it('refuses to save a title with a NUL, a line break or another control character, saying why', async () => {
    const root = join(await tempDir(), 'vault');
    const { call, envelope, stop } = await openServiceAt(root);
    const story = { ...newStory('reliability', new Set()), title: 'Raft failover' };
    const { record } = (await call('saveStory', { story })) as { record: { file: string } };
    const before = await readFile(join(root, record.file), 'utf8');
    for (const [title, named] of [
      ['a\0b', 'a NUL character'],
      ['a\nSigned-off-by: x', 'a line break'],
      ['a\r\nb', 'a carriage return'],
      ['a\u2028b', 'a line separator'],
      ['tab\there', 'a tab'],
      ['bell\u0007', 'U+0007'],
    ]) {
      const result = await envelope('saveStory', { story: { ...story, title } });
      expect(result.ok, JSON.stringify(title)).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('bad-request');
      expect(result.error.message).toContain('story.title: a title is one line of text without control characters');
      expect(result.error.message).toContain(named);
    }
    expect(await readFile(join(root, record.file), 'utf8')).toBe(before);
    expect(await call('saveStory', { story: { ...story, title: 'Raft failover — “quoted” ünïcode' } })).toMatchObject({
      kind: 'saved',
    });
    await stop();
  });

  for (const [label, yamlTitle, subject] of [
    [
      'line breaks',
      '"a\\nSigned-off-by: x\\n\\nCo-authored-by: y <y@e>"',
      'a Signed-off-by: x Co-authored-by: y <y@e>',
    ],
    ['a NUL', '"a\\0b"', 'a b'],
  ]) {
    it(`commits a title edited outside with ${label} under a one-line subject with no trailer`, async () => {
      const root = join(await tempDir(), 'vault');
      const { call, stop } = await openServiceAt(root);
      const story = { ...newStory('reliability', new Set()), title: 'Raft failover' };
      const { record } = (await call('saveStory', { story })) as { record: { file: string } };
      await call('commitNow', {});
      const good = (await runGit(root, ['rev-parse', 'HEAD'])).stdout.trim();
      await call('saveStory', { story: { ...story, metric: 'failover from 30 s to 4 s' } });
      await call('commitNow', {});
      const path = join(root, record.file);
      await writeFile(path, (await readFile(path, 'utf8')).replace(/^title: .*$/m, `title: ${yamlTitle}`));
      let title = '';
      await until(() => {
        void call('readStory', { id: story.id }).then((read) => (title = read.story.title));
        return title !== 'Raft failover' && title !== '';
      }, 'the outside edit loading');
      // Restoring the first version commits, with the current (outside-edited) title in the message.
      await call('restoreStoryRevision', { id: story.id, commit: good, path: record.file });
      await stop();
      const message = (await runGit(root, ['log', '-1', '--format=%B'])).stdout;
      expect(message).toBe(`restore: ${subject} to ${good.slice(0, 8)}\n\n`);
      expect(trailersOfHead(root)).toBe('');
      expect((await runGit(root, ['status', '--porcelain'])).stdout).toBe('');
    });
  }

  it('makes each title and file name one line in a quiet-period commit message', () => {
    const message = commitMessage(
      new Map([
        ['stories/a.md', 'a\nSigned-off-by: x'],
        ['stories/b\nSigned-off-by: z.md', 'b\0c'],
      ]),
    );
    expect(message).toBe('story: a Signed-off-by: x; b c\n\n- stories/a.md\n- stories/b Signed-off-by: z.md');
  });
});
