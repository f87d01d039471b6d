import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWriteFile, type AtomicFileSystem } from '../fs/atomicWrite';
import { STATE_DIR } from '../vault/vaultLayout';

const RECORD_FILE = 'exports.json';

type Records = Record<string, string>;

async function readRecords(vaultRoot: string): Promise<Records> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(vaultRoot, STATE_DIR, RECORD_FILE), 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter(([, hash]) => typeof hash === 'string')) as Records;
  } catch {
    // Missing or damaged: the export then asks git, and refuses when in doubt.
    return {};
  }
}

/** The content hash of what the last export wrote to `path`, if the vault remembers it. */
export async function readExportRecord(vaultRoot: string, path: string): Promise<string | undefined> {
  return (await readRecords(vaultRoot))[path];
}

/** Remembers what an export wrote to `path`, so a later hand edit there can be told apart. */
export async function writeExportRecord(
  vaultRoot: string,
  path: string,
  hash: string,
  fileSystem?: AtomicFileSystem,
): Promise<void> {
  const records = await readRecords(vaultRoot);
  if (records[path] === hash) return;
  records[path] = hash;
  await mkdir(join(vaultRoot, STATE_DIR), { recursive: true });
  await atomicWriteFile(join(vaultRoot, STATE_DIR, RECORD_FILE), `${JSON.stringify(records, null, 2)}\n`, fileSystem);
}
