import { unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { StoryOrder } from '../../core/api';
import { StoryBankError } from '../../core/apiError';
import { formatStoryOrder, MAX_ORDER_FILE_BYTES, parseStoryOrder, STORY_ORDER_FILE } from '../../core/storyOrderFile';
import { atomicWriteFile, nodeAtomicFileSystem, type AtomicFileSystem } from '../fs/atomicWrite';
import { readFileNoFollow } from '../fs/noLinks';
import { watchFolder, type FolderWatch } from '../fs/watchFolder';
import { describeWriteError } from '../fs/writeError';

/** Watcher events this close together are read as one change (an editor's save is several). */
const BATCH_MS = 15;

/**
 * The vault's order file as it stands: its ids, or why it could not be used. Never throws: a file
 * that is missing, a link, too large or not an order file falls back to the default order.
 */
export async function readStoryOrder(root: string): Promise<StoryOrder> {
  const none = { ids: null, file: STORY_ORDER_FILE };
  let bytes: Buffer | null;
  try {
    bytes = await readFileNoFollow(join(root, STORY_ORDER_FILE));
  } catch (error) {
    return { ...none, problem: `${STORY_ORDER_FILE} cannot be read: ${(error as Error).message}` };
  }
  if (bytes === null) return { ...none, problem: null };
  if (bytes.length > MAX_ORDER_FILE_BYTES)
    return { ...none, problem: `${STORY_ORDER_FILE} is ${bytes.length} bytes, too large for an order file` };
  const parsed = parseStoryOrder(bytes.toString('utf8'));
  if (!parsed.ok) return { ...none, problem: `${STORY_ORDER_FILE} is not an order file: ${parsed.message}` };
  return { ids: parsed.ids, file: STORY_ORDER_FILE, problem: null };
}

const sameOrder = (a: StoryOrder, b: StoryOrder) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The order file of an open vault: read, written through the atomic writer, and watched, so an
 * edit made in another program reaches the app as one `storyOrderChanged`. Writes run one at a
 * time, each after reading the file again: a file that has become unreadable is never replaced
 * unless the caller says so (its text is the user's).
 */
export class StoryOrderFile {
  private watcher: FolderWatch | undefined;
  private timer: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(order: StoryOrder) => void>();

  private constructor(
    readonly root: string,
    public current: StoryOrder,
    private readonly fileSystem: AtomicFileSystem,
  ) {}

  static async open(root: string, fileSystem: AtomicFileSystem = nodeAtomicFileSystem): Promise<StoryOrderFile> {
    return new StoryOrderFile(root, await readStoryOrder(root), fileSystem);
  }

  onChange(listener: (order: StoryOrder) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Saves `ids` as the order (null: removes the file, back to the default order). An unreadable
   * file is replaced only with `replaceUnreadable`; `beforeReplace` runs first (to commit it).
   */
  write(
    ids: readonly string[] | null,
    options: { replaceUnreadable?: boolean; beforeReplace?: () => Promise<unknown> } = {},
  ): Promise<StoryOrder> {
    const run = this.queue.then(async () => {
      const onDisk = await readStoryOrder(this.root);
      if (onDisk.problem) {
        if (!options.replaceUnreadable)
          throw new StoryBankError(
            'conflict',
            `${onDisk.problem}. Fix it in an editor, or replace it with the order shown; it was left as it is`,
          );
        await options.beforeReplace?.();
      }
      const path = join(this.root, STORY_ORDER_FILE);
      try {
        if (ids === null) await unlink(path).catch(ignoreMissing);
        else await atomicWriteFile(path, formatStoryOrder([...new Set(ids)]), this.fileSystem);
      } catch (error) {
        throw new StoryBankError('io', `could not save ${STORY_ORDER_FILE}: ${describeWriteError(error)}`);
      }
      return this.settle(await readStoryOrder(this.root));
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Watches the file, so outside edits (an editor, a pull) are followed as they happen. */
  async startWatching(usePolling = false): Promise<void> {
    if (this.watcher) return;
    const path = join(this.root, STORY_ORDER_FILE);
    const folder = dirname(path);
    this.watcher = await watchFolder(folder, {
      usePolling,
      ignored: (entry) => entry !== folder && basename(entry) !== basename(path),
      onPath: () => this.reread(),
      // Native watching failed (out of watches or handles): follow the file by polling instead.
      onError: () => void this.close().then(() => this.startWatching(true)),
    });
    // An edit made between the first read and the watcher's start would go unseen: look once more.
    this.reread();
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    await this.watcher?.close();
    this.watcher = undefined;
  }

  private reread(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.queue = this.queue.then(async () => {
        this.settle(await readStoryOrder(this.root));
      });
    }, BATCH_MS);
  }

  /** Takes `order` as current, telling the listeners when it differs from what they had. */
  private settle(order: StoryOrder): StoryOrder {
    if (sameOrder(order, this.current)) return this.current;
    this.current = order;
    for (const listener of this.listeners) listener(order);
    return order;
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}
