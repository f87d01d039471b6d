import { lstat, mkdir, readFile, writeFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

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
  const gitignore = join(root, '.gitignore');
  const existing = await readFile(gitignore, 'utf8').catch(() => '');
  const present = new Set(existing.split(/\r?\n/).map((line) => line.trim()));
  const missing = GITIGNORE_LINES.filter((line) => !present.has(line));
  if (missing.length === 0) return;
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  await writeFile(gitignore, `${existing}${separator}${missing.join('\n')}\n`);
}
