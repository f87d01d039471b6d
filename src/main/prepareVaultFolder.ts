import { cp, stat } from 'node:fs/promises';
import { sampleVaultDir, type VaultChoice } from './appPaths';
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
