import { watch } from 'chokidar';

/**
 * chokidar leaves out a file's change that comes within 50 ms of the last change it reported for
 * that file, and one whose modification time equals the last it saw (two writes in one tick of
 * the file clock). Another program's edit made just after our own save is such a change: dropped,
 * and never reported later. So every event is followed by one more look at its path once that
 * window has passed; a change left out is found then, and any later change makes an event of its own.
 */
export const FOLLOW_UP_MS = 100;

export interface FolderWatchOptions {
  usePolling: boolean;
  /** Entries not to watch or report (chokidar's `ignored`: the path, and its stats when known). */
  ignored: (path: string, stats?: { isFile(): boolean }) => boolean;
  /** A path that was added, changed or removed, or may have been: the caller reads it to see. */
  onPath: (path: string) => void;
  /** Native watching failed (out of inotify watches or file handles). */
  onError: (error: NodeJS.ErrnoException) => void;
}

export interface FolderWatch {
  close(): Promise<void>;
}

/** Watches the files directly in `folder` (not through links), ready when it resolves. */
export async function watchFolder(folder: string, options: FolderWatchOptions): Promise<FolderWatch> {
  const watcher = watch(folder, {
    ignoreInitial: true,
    depth: 0,
    followSymlinks: false,
    usePolling: options.usePolling,
    interval: 500,
    ignored: options.ignored,
  });
  const followUps = new Map<string, NodeJS.Timeout>();
  const seen = (path: string): void => {
    options.onPath(path);
    clearTimeout(followUps.get(path));
    followUps.set(
      path,
      setTimeout(() => {
        followUps.delete(path);
        options.onPath(path);
      }, FOLLOW_UP_MS),
    );
  };
  watcher.on('add', seen).on('change', seen).on('unlink', seen);
  watcher.on('error', (error) => options.onError(error as NodeJS.ErrnoException));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    async close() {
      for (const timer of followUps.values()) clearTimeout(timer);
      followUps.clear();
      await watcher.close();
    },
  };
}
