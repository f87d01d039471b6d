import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallName, CallResults } from '../src/core/api';
import { dispatch } from '../src/main/api/dispatch';
import { parseStoryFile } from '../src/core/frontmatter/parseStoryFile';
import { sampleStory } from './helpers/sampleStory';
import { openSampleVault as openVault } from './helpers/sampleVault';

/** A temp sample vault and the service's calls as the transports make them (through JSON). */
async function openSampleVault(options: { watch?: boolean } = {}) {
  const opened = await openVault(options);
  const call = async <K extends CallName>(name: K, input: unknown): Promise<CallResults[K]> => {
    const envelope = JSON.parse(JSON.stringify(await dispatch(opened.service.handlers, name, input)));
    if (!envelope.ok) throw new Error(`${name} failed: ${envelope.error.message}`);
    return envelope.value as CallResults[K];
  };
  return { ...opened, call };
}

/** Every story file on disk as file → id, read as the vault would (no listing involved). */
async function storiesOnDisk(root: string): Promise<Record<string, string>> {
  const names = (await readdir(join(root, 'stories'))).filter((name) => name.endsWith('.md') && !name.startsWith('.'));
  const entries = await Promise.all(
    names.map(async (name) => {
      const parsed = parseStoryFile(await readFile(join(root, 'stories', name), 'utf8'));
      return [`stories/${name}`, parsed.ok ? parsed.story.id : `(not a story: ${parsed.message})`];
    }),
  );
  return Object.fromEntries(entries);
}

async function listed(app: { call: Awaited<ReturnType<typeof openSampleVault>>['call'] }) {
  const { stories, problems } = await app.call('listStories', {});
  expect(problems).toEqual([]);
  return Object.fromEntries(stories.map((record) => [record.file, record.story.id]));
}

describe('saves that choose file names at the same moment', () => {
  it('two new stories with one title, saved at once (10 times): both files survive, the listing is the disk', async () => {
    const app = await openSampleVault();
    try {
      for (let round = 0; round < 10; round += 1) {
        const title = `Same title ${round}`;
        const [a, b] = await Promise.all(
          ['a', 'b'].map((side) =>
            app.call('saveStory', { story: sampleStory({ id: `race-${side}-${round}`, title }) }),
          ),
        );
        if (a.kind !== 'saved' || b.kind !== 'saved') throw new Error('both saves should have saved');
        expect(a.record.file).not.toBe(b.record.file);
        const disk = await storiesOnDisk(app.root);
        expect(disk[a.record.file]).toBe(`race-a-${round}`);
        expect(disk[b.record.file]).toBe(`race-b-${round}`);
        expect(await listed(app)).toEqual(disk);
      }
    } finally {
      await app.close();
    }
  });

  it('two stories renamed to one title at once: both files survive under two names', async () => {
    const app = await openSampleVault();
    try {
      const [first, second] = (await app.call('listStories', {})).stories;
      const saved = await Promise.all(
        [first, second].map((record) =>
          app.call('saveStory', { story: { ...record.story, title: 'One new title' }, baseHash: record.hash }),
        ),
      );
      const files = saved.map((result) => (result.kind === 'saved' ? result.record.file : result.kind));
      expect(new Set(files).size).toBe(2);
      const disk = await storiesOnDisk(app.root);
      expect(files.map((file) => disk[file])).toEqual([first.story.id, second.story.id]);
      expect(disk[first.file]).toBeUndefined();
      expect(await listed(app)).toEqual(disk);
    } finally {
      await app.close();
    }
  });

  it('a name taken on disk by another program, not yet seen by the vault, is passed over, never written over', async () => {
    // Not watching: the outside files stay unknown to the vault, as in the moment before the watcher reports them.
    const app = await openSampleVault({ watch: false });
    try {
      const outside = 'written by another program\n';
      await writeFile(join(app.root, 'stories', 'taken-on-disk.md'), outside);
      await writeFile(join(app.root, 'stories', '01-renamed-onto-disk.md'), outside);
      const created = await app.call('saveStory', { story: sampleStory({ id: 'new-one', title: 'Taken on disk' }) });
      const [record] = (await app.call('listStories', {})).stories;
      const renamed = await app.call('saveStory', {
        story: { ...record.story, title: 'Renamed onto disk' },
        baseHash: record.hash,
      });
      expect(created.kind === 'saved' && created.record.file).toBe('stories/taken-on-disk-2.md');
      // The sample's first file is 01-…: its ordering prefix is kept.
      expect(record.file).toMatch(/^stories\/01-/);
      expect(renamed.kind === 'saved' && renamed.record.file).toBe('stories/01-renamed-onto-disk-2.md');
      expect(await readFile(join(app.root, 'stories', 'taken-on-disk.md'), 'utf8')).toBe(outside);
      expect(await readFile(join(app.root, 'stories', '01-renamed-onto-disk.md'), 'utf8')).toBe(outside);
    } finally {
      await app.close();
    }
  });
});
