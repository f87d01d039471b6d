import { constants } from 'node:fs';
import { mkdir, open, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StoryBankError } from '../../core/apiError';
import { STATE_DIR } from '../vault/vaultLayout';

export const LOCK_FILE = 'host.lock';

interface LockContent {
  pid: number;
  port?: number;
}

export interface VaultLock {
  /** Notes the port the host serves on, for the message a second start shows. */
  setPort(port: number): Promise<void>;
  /** Removes the lock if it is still ours. */
  release(): Promise<void>;
}

/** Whether process `pid` is running (a signal 0 checks without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readLock(path: string): Promise<LockContent | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockContent>;
    return Number.isSafeInteger(parsed.pid) && (parsed.pid as number) > 0 ? (parsed as LockContent) : null;
  } catch {
    return null;
  }
}

/**
 * One browser host per vault: two would each save, watch and auto-commit the same files. The
 * lock is `.storybank/host.lock` holding the pid (and port) of the host; one left by a process
 * that is gone (killed, crashed) is taken over.
 */
export async function acquireVaultLock(vaultRoot: string): Promise<VaultLock> {
  const dir = join(vaultRoot, STATE_DIR);
  const path = join(dir, LOCK_FILE);
  await mkdir(dir, { recursive: true });
  const content: LockContent = { pid: process.pid };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
      await handle.writeFile(JSON.stringify(content));
      await handle.close();
      return {
        setPort: async (port) => {
          content.port = port;
          await writeFile(path, JSON.stringify(content));
        },
        release: async () => {
          if ((await readLock(path))?.pid === process.pid) await unlink(path).catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readLock(path);
    if (holder && holder.pid !== process.pid && alive(holder.pid)) {
      const where = holder.port ? ` at http://127.0.0.1:${holder.port}/` : '';
      throw new StoryBankError(
        'conflict',
        `${vaultRoot} is already open in another Story Bank (process ${holder.pid}${where}); use that one, or stop it first`,
      );
    }
    // Stale (its process is gone) or unreadable (a crash mid-write): take it over.
    await unlink(path).catch(() => undefined);
  }
  throw new StoryBankError('conflict', `could not lock ${path}: another Story Bank keeps taking it`);
}
