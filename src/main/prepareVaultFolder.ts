import { cp, stat } from 'node:fs/promises';
import { sampleVaultDir, type VaultChoice } from './appPaths';
import { acquireVaultLock, type VaultLock } from './vault/vaultLock';
import { ensureVaultLayout } from './vault/vaultLayout';

/**
 * The part of opening a vault that can refuse the folder, done first and quickly (no git, no
 * stories read, no zod loaded): the sample vault copied in on a first default start, then the
 * folders and .gitignore lines checked and added. A file, or a linked stories/, rehearsals/ or
 * .storybank/, is refused here with the reason.
 */
export async function prepareVaultFolder(choice: VaultChoice, appRoot: string): Promise<void> {
  if (choice.isDefault && !(await stat(choice.path).catch(() => null))) {
    await cp(sampleVaultDir(appRoot), choice.path, { recursive: true, errorOnExist: true, force: false });
  }
  await ensureVaultLayout(choice.path);
}

/**
 * The vault's lock, then the folder prepared: what every way of opening a vault for writing does
 * first (serve, the app, export, import). A folder that exists is locked before anything in it is
 * touched, so a second Story Bank is refused with one line; a folder still to be made is locked
 * once made; anything else (a file) is refused by prepareVaultFolder with the reason.
 */
export async function lockAndPrepareVaultFolder(choice: VaultChoice, appRoot: string): Promise<VaultLock> {
  const early = (await stat(choice.path).catch(() => null))?.isDirectory() ? await acquireVaultLock(choice.path) : null;
  try {
    await prepareVaultFolder(choice, appRoot);
  } catch (error) {
    await early?.release();
    throw error;
  }
  return early ?? acquireVaultLock(choice.path);
}
