import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { STORY_ORDER_FILE } from '../../core/storyOrderFile';
import { slowDisk } from '../../../test/helpers/slowDisk';
import { tempDir } from '../../../test/helpers/tempDir';
import { ensureVaultLayout } from './vaultLayout';
import { StoryOrderFile } from './storyOrderFile';

let file: StoryOrderFile | undefined;
afterEach(async () => {
  await file?.close();
  file = undefined;
});

it('sees another program’s edit of the order file made just after its own write, on a disk slow to flush', async () => {
  const root = await tempDir();
  await ensureVaultLayout(root);
  file = await StoryOrderFile.open(root, slowDisk(80));
  await file.startWatching();
  const opened = file;
  for (const delay of [5, 15, 25, 35, 45]) {
    await opened.write([`ours-${delay}`]);
    await new Promise((resolve) => setTimeout(resolve, delay));
    const outside = `theirs-${delay}`;
    const seen = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the edit ${delay} ms after a write was not seen in 10 s`)),
        10_000,
      );
      const stop = opened.onChange((order) => {
        if (order.ids?.[0] !== outside) return;
        clearTimeout(timer);
        stop();
        resolve();
      });
    });
    await writeFile(join(root, STORY_ORDER_FILE), `{"order": ["${outside}"]}\n`);
    await seen;
    expect(opened.current.ids).toEqual([outside]);
  }
});
