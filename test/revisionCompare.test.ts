import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RevisionContent, StoryRevision } from '../src/core/api';
import { newStory } from '../src/core/newStory';
import { runGit } from '../src/main/git/runGit';
import { until } from './helpers/sampleVault';
import { openServiceAt } from './helpers/serviceCalls';
import { tempDir } from './helpers/tempDir';

describe('an old version of a story, read to compare with now (real git, through the service API)', () => {
  it('comes with the file and the story as they are now, also when that version is not a valid story', async () => {
    const root = join(await tempDir(), 'vault');
    const { call, stop } = await openServiceAt(root);
    try {
      const story = { ...newStory('reliability', new Set()), title: 'Raft failover', metric: 'from 30 s to 9 s' };
      const { record } = (await call('saveStory', { story })) as { record: { file: string } };
      await call('commitNow', {});
      const path = join(root, record.file);
      // A broken version and a mended one, committed by hand as another editor might leave them.
      const good = await readFile(path, 'utf8');
      await writeFile(path, good.replace(/^metric: .*$/m, 'metric: [broken'));
      await runGit(root, ['commit', '-q', '-m', 'broken by hand', '--', record.file]);
      await writeFile(path, good.replace(/^metric: .*$/m, 'metric: from 30 s to 4 s'));
      await runGit(root, ['commit', '-q', '-m', 'mended by hand', '--', record.file]);
      let metric = '';
      await until(() => {
        void call('readStory', { id: story.id }).then(
          (read) => (metric = read.story.metric),
          () => undefined,
        );
        return metric === 'from 30 s to 4 s';
      }, 'the mended file loading');
      const history = (await call('storyHistory', { id: story.id })) as StoryRevision[];
      expect(history).toHaveLength(3);
      const [, broken, first] = history;

      const now = await readFile(path, 'utf8');
      const old = (await call('readStoryRevision', {
        id: story.id,
        commit: first.commit,
        path: first.path,
      })) as RevisionContent;
      expect(old.story?.metric).toBe('from 30 s to 9 s');
      expect(old.currentText).toBe(now);
      expect(old.currentStory?.metric).toBe('from 30 s to 4 s');
      const bad = (await call('readStoryRevision', {
        id: story.id,
        commit: broken.commit,
        path: broken.path,
      })) as RevisionContent;
      expect(bad).toMatchObject({ story: null, currentText: now, currentStory: { metric: 'from 30 s to 4 s' } });
      expect(bad.problem).toMatch(/YAML|sequence/);
    } finally {
      await stop();
    }
  });
});
