import { lstat, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWriteFile } from '../fs/atomicWrite';
import { readFileNoFollow } from '../fs/noLinks';

export const STORIES_DIR = 'stories';
export const REHEARSALS_DIR = 'rehearsals';
export const STATE_DIR = '.storybank';

const GITIGNORE_LINES = ['# Story Bank: recordings stay on this machine', 'rehearsals/**/*.webm', '.storybank/'];

/**
 * Makes `root` a vault: adds the folders and .gitignore lines Story Bank needs and nothing else.
 * Files already in the folder are never touched; an existing .gitignore only gains missing lines.
 */
export async function ensureVaultLayout(root: string): Promise<void> {
  const info = await stat(root).catch(() => null);
  if (info && !info.isDirectory()) throw new Error(`${root} is a file, not a folder`);
  for (const dir of [STORIES_DIR, REHEARSALS_DIR, STATE_DIR]) {
    // A link here would send every read and write of the vault somewhere else: refuse it.
    const found = await lstat(join(root, dir)).catch(() => null);
    if (found?.isSymbolicLink())
      throw new Error(
        `${dir}/ in ${root} is a symbolic link; Story Bank does not follow links out of a vault. Replace it with a real folder.`,
      );
    if (found && !found.isDirectory()) throw new Error(`${dir} in ${root} is a file; Story Bank needs a folder there`);
    await mkdir(join(root, dir), { recursive: true });
  }
  const existing = await readGitignore(root);
  const present = new Set(existing.split(/\r?\n/).map((line) => line.trim()));
  const missing = GITIGNORE_LINES.filter((line) => !present.has(line));
  if (missing.length === 0) return;
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  await atomicWriteFile(join(root, '.gitignore'), `${existing}${separator}${missing.join('\n')}\n`);
}

/**
 * The vault's .gitignore, '' when it has none. A link there (a cloned repository can commit one
 * to any file on the machine) stops the vault from opening: its lines would be read from, and
 * ours added to, a file outside the vault; replacing it would drop the repository's own rules.
 */
async function readGitignore(root: string): Promise<string> {
  try {
    return (await readFileNoFollow(join(root, '.gitignore')))?.toString('utf8') ?? '';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP')
      throw new Error(
        `.gitignore in ${root} is a symbolic link; Story Bank does not follow links out of a vault. Replace it with a real file.`,
        { cause: error },
      );
    if (code === 'EISDIR')
      throw new Error(`.gitignore in ${root} is not a file; Story Bank needs a file there`, { cause: error });
    throw error;
  }
}
