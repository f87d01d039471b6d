import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWriteFile, type AtomicFileSystem } from '../fs/atomicWrite';
import { readFileNoFollow } from '../fs/noLinks';
import { STATE_DIR } from '../vault/vaultLayout';

const RECORD_FILE = 'exports.json';

type Records = Record<string, string>;

/** Every path's recorded hash; an export reads them once and hands them to both calls below. */
export async function readExportRecords(vaultRoot: string): Promise<Readonly<Records>> {
  return readRecords(vaultRoot);
}

async function readRecords(vaultRoot: string): Promise<Records> {
  try {
    // Not through a link: the record is written back, and a clone could link it to any file.
    const bytes = await readFileNoFollow(join(vaultRoot, STATE_DIR, RECORD_FILE));
    const parsed: unknown = JSON.parse(bytes?.toString('utf8') ?? '{}');
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter(([, hash]) => typeof hash === 'string')) as Records;
  } catch {
    // Missing or damaged: the export then asks git, and refuses when in doubt.
    return {};
  }
}

/** The content hash of what the last export wrote to `path`, if the vault remembers it. */
export async function readExportRecord(
  vaultRoot: string,
  path: string,
  known?: Promise<Readonly<Records>>,
): Promise<string | undefined> {
  return (await (known ?? readRecords(vaultRoot)))[path];
}

/** Remembers what an export wrote to `path`, so a later hand edit there can be told apart. */
export async function writeExportRecord(
  vaultRoot: string,
  path: string,
  hash: string,
  fileSystem?: AtomicFileSystem,
  known?: Promise<Readonly<Records>>,
): Promise<void> {
  const records = { ...(await (known ?? readRecords(vaultRoot))) };
  if (records[path] === hash) return;
  records[path] = hash;
  await mkdir(join(vaultRoot, STATE_DIR), { recursive: true });
  // Not flushed: a record lost or damaged by a power cut only makes the next export ask git (and
  // refuse when in doubt), while two flushes were a third of an export's time.
  await atomicWriteFile(join(vaultRoot, STATE_DIR, RECORD_FILE), `${JSON.stringify(records, null, 2)}\n`, fileSystem, {
    durable: false,
  });
}
