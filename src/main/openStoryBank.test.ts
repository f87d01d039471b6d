import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoriesChanged, StoryOrder } from '../core/api';
import { renderStoryFile } from '../core/frontmatter/renderStoryFile';
import { STORY_ORDER_FILE } from '../core/storyOrderFile';
import { until } from '../../test/helpers/sampleVault';
import { sampleStory } from '../../test/helpers/sampleStory';
import { tempDir } from '../../test/helpers/tempDir';
import { openStoryBank, WATCH_AFTER_MS } from './openStoryBank';

async function sampleVaultCopy(): Promise<{ path: string; isDefault: false }> {
  const path = join(await tempDir(), 'vault');
  await cp(join(process.cwd(), 'resources', 'sample-vault'), path, { recursive: true });
  return { path, isDefault: false };
}

describe('openStoryBank (the Electron app and serve start through it)', () => {
  it('locks the vault: a second opening is refused until the first is closed', async () => {
    const vault = join(await tempDir(), 'vault');
    await cp(join(process.cwd(), 'resources', 'sample-vault'), vault, { recursive: true });
    const choice = { path: vault, isDefault: false };
    const first = await openStoryBank(choice, process.cwd(), 'electron');
    try {
      await expect(openStoryBank(choice, process.cwd(), 'electron')).rejects.toThrow(
        `${vault} is already open in another Story Bank (process ${process.pid})`,
      );
    } finally {
      await first.close();
    }
    const again = await openStoryBank(choice, process.cwd(), 'electron');
    await again.close();
  });

  it('reports an outside edit made before its watcher started (it starts a moment after the vault opens)', async () => {
    const choice = await sampleVaultCopy();
    const app = await openStoryBank(choice, process.cwd(), 'browser');
    try {
      const seen = new Promise<StoriesChanged>((resolve) => app.vault.onChange(resolve));
      // Written at once: no watcher is running yet to see it happen.
      await writeFile(join(choice.path, 'stories', 'early.md'), renderStoryFile(sampleStory({ id: 'early-edit' })));
      const change = await seen;
      expect(change.upserted.map((record) => record.story.id)).toEqual(['early-edit']);
    } finally {
      await app.close();
    }
  });

  it('reports an order file edited before its watchers started', async () => {
    const choice = await sampleVaultCopy();
    const app = await openStoryBank(choice, process.cwd(), 'browser');
    try {
      const orders: StoryOrder[] = [];
      app.service.subscribe((event, payload) => {
        if (event === 'storyOrderChanged') orders.push(payload as StoryOrder);
      });
      const order = await app.service.handlers.getStoryOrder({});
      expect(order).toEqual({ ids: null, file: STORY_ORDER_FILE, problem: null });
      await writeFile(join(choice.path, STORY_ORDER_FILE), '{"order": ["append-only-store"]}\n');
      await until(() => orders.length > 0, 'the order change event');
      expect(orders).toEqual([{ ids: ['append-only-store'], file: STORY_ORDER_FILE, problem: null }]);
    } finally {
      await app.close();
    }
  });

  it('closed before its watcher started, never starts one', async () => {
    const choice = await sampleVaultCopy();
    const app = await openStoryBank(choice, process.cwd(), 'browser');
    const changes: StoriesChanged[] = [];
    app.vault.onChange((change) => changes.push(change));
    await app.close();
    await new Promise((resolve) => setTimeout(resolve, WATCH_AFTER_MS + 300));
    await writeFile(join(choice.path, 'stories', 'late.md'), renderStoryFile(sampleStory({ id: 'after-close' })));
    // A watcher started after the close would report this within its 100 ms follow-up look.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(changes).toEqual([]);
  });
});
