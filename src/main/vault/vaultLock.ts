import { createHash, randomBytes } from 'node:crypto';
import { lstat, mkdir, readlink, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { StoryBankError } from '../../core/apiError';
import { atomicWriteFile } from '../fs/atomicWrite';
import { readFileNoFollow } from '../fs/noLinks';
import { isRunning, thisProcess, type ProcessIdentity } from './processIdentity';
import { STATE_DIR } from './vaultLayout';

export const LOCK_FILE = 'host.lock';

/** What a lock file holds: its owner, a token for this one taking, and the port a host serves on. */
interface LockContent extends ProcessIdentity {
  token: string;
  port?: number;
}

export interface VaultLock {
  /** Notes the port the host serves on, for the message a second start shows. */
  setPort(port: number): Promise<void>;
  /** Removes the lock if it is still ours. */
  release(): Promise<void>;
}

/**
 * Looks at a lock this many times while others take it over or release it, before giving up:
 * a takeover holds its claim for milliseconds, but a loaded machine may pause it for seconds.
 */
const ATTEMPTS = 250;
const RETRY_MS = 20;
/** Claims on claims: each level needs another process to have died holding one. */
const MAX_DEPTH = 4;

/**
 * One Story Bank per vault, whichever way it is opened (the browser host, the Electron app, an
 * export or an import): two would each save, watch and auto-commit the same files. The lock is
 * `.storybank/host.lock` (git-ignored), naming its owner by host, boot, pid and process start, so
 * a lock that came with a clone, or outlived its process or the machine's last boot, is not
 * trusted but taken over.
 *
 * Taking it never races: the file appears whole or not at all (written beside it, then given its
 * name with link(), which fails if the name is taken). A stale lock is replaced only by the one
 * process that wins the claim on exactly those bytes (the same exclusive create, of
 * `host.lock.<hash of its bytes>.claim`), and only if the lock still holds those bytes; the
 * claim is removed after, and a late claimer then finds other bytes and leaves them alone.
 */
export async function acquireVaultLock(vaultRoot: string): Promise<VaultLock> {
  const dir = join(vaultRoot, STATE_DIR);
  const path = join(dir, LOCK_FILE);
  // Taken before the folder is checked (a second start is refused before it touches anything),
  // so the one check that matters here is made here too: the lock goes in the vault, not through a link.
  if ((await lstat(dir).catch(() => null))?.isSymbolicLink())
    throw new StoryBankError(
      'bad-request',
      `${STATE_DIR}/ in ${vaultRoot} is a symbolic link; Story Bank does not follow links out of a vault. Replace it with a real folder.`,
    );
  await mkdir(dir, { recursive: true });
  const content: LockContent = { ...thisProcess(), token: randomBytes(12).toString('hex') };
  const outcome = await take(path, content, 0);
  if (outcome.kind === 'held') {
    const { pid, port } = outcome.holder;
    const where = port ? ` at http://127.0.0.1:${port}/` : '';
    throw new StoryBankError(
      'conflict',
      `${vaultRoot} is already open in another Story Bank (process ${pid}${where}); use that one, or stop it first`,
    );
  }
  if (outcome.kind === 'busy')
    throw new StoryBankError('conflict', `could not lock ${path}: another Story Bank keeps taking it`);
  const ours = async (): Promise<boolean> => (await readLock(path))?.holder?.token === content.token;
  return {
    setPort: async (port) => {
      content.port = port;
      if (await ours()) await atomicWriteFile(path, serialise(content), undefined, { durable: false });
    },
    release: async () => {
      if (await ours()) await unlink(path).catch(() => undefined);
    },
  };
}

type Outcome = { kind: 'taken' } | { kind: 'held'; holder: LockContent } | { kind: 'busy' };

async function take(path: string, content: LockContent, depth: number): Promise<Outcome> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    if (await createNew(path, content)) return { kind: 'taken' };
    const found = await readLock(path);
    // Released since: try again.
    if (!found) continue;
    if (found.holder && isRunning(found.holder)) return { kind: 'held', holder: found.holder };
    if (depth >= MAX_DEPTH) return { kind: 'busy' };
    const claim = `${path}.${createHash('sha256').update(found.bytes).digest('hex').slice(0, 16)}.claim`;
    const claimed = await take(claim, content, depth + 1);
    if (claimed.kind !== 'taken') {
      // Another process is taking this stale lock over right now: look again once it has.
      await delay(RETRY_MS);
      continue;
    }
    try {
      // Nobody else can replace these bytes while we hold their claim, nor create a new lock
      // while the name is taken: if they are still there, ours replaces exactly them.
      if ((await readLock(path))?.bytes.equals(found.bytes)) {
        await atomicWriteFile(path, serialise(content), undefined, { durable: false });
        return { kind: 'taken' };
      }
    } finally {
      await unlink(claim).catch(() => undefined);
    }
  }
  return { kind: 'busy' };
}

/** Creates the lock whole, or finds the name taken (false). */
async function createNew(path: string, content: LockContent): Promise<boolean> {
  try {
    await atomicWriteFile(path, serialise(content), undefined, { durable: false, replace: false });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * The lock's bytes (a link's target, for a link: never followed) and its holder, or null when
 * the lock is gone. A holder in any other shape (damaged, or the pid-only lock of older
 * versions) is null: not trusted, so taken over.
 */
async function readLock(path: string): Promise<{ bytes: Buffer; holder: LockContent | null } | null> {
  let bytes: Buffer | null;
  try {
    bytes = await readFileNoFollow(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOOP') throw error;
    const target = await readlink(path).catch(() => null);
    return target === null ? null : { bytes: Buffer.from(`symbolic link to ${target}`), holder: null };
  }
  if (bytes === null) return null;
  return { bytes, holder: parseLock(bytes) };
}

function parseLock(bytes: Buffer): LockContent | null {
  try {
    const data = JSON.parse(bytes.toString('utf8')) as Partial<LockContent>;
    const nullableText = (value: unknown) => value === null || typeof value === 'string';
    const valid =
      typeof data.host === 'string' &&
      nullableText(data.boot) &&
      Number.isSafeInteger(data.pid) &&
      (data.pid as number) > 0 &&
      nullableText(data.started) &&
      typeof data.token === 'string' &&
      (data.port === undefined || Number.isSafeInteger(data.port));
    return valid ? (data as LockContent) : null;
  } catch {
    return null;
  }
}

function serialise(content: LockContent): string {
  return `${JSON.stringify(content)}\n`;
}
