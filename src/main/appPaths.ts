import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const APP_NAME = 'Story Bank';

/**
 * The folder holding Story Bank's package.json. Found by walking up from the running file so it
 * is right from the TypeScript sources (tests), the built `out/` bundles and the CLI alike.
 */
export function findAppRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'story-bank') return dir;
    if (dirname(dir) === dir) throw new Error(`Story Bank's package.json was not found above ${start}`);
  }
}

export function appVersion(appRoot: string): string {
  return JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')).version as string;
}

export function sampleVaultDir(appRoot: string): string {
  return join(appRoot, 'resources', 'sample-vault');
}

/** The per-user data folder, where Electron would put it for an app named Story Bank. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_NAME);
}

/**
 * The per-user cache folder (what is kept here can always be made again): STORY_BANK_CACHE_DIR
 * when set, else where each system keeps caches. Never inside a vault, which git shares.
 */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.STORY_BANK_CACHE_DIR) return resolve(env.STORY_BANK_CACHE_DIR);
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), APP_NAME, 'Cache');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', APP_NAME);
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), APP_NAME);
}

export interface VaultChoice {
  path: string;
  /** True when no folder was named: the embedded sample vault is copied there on first start. */
  isDefault: boolean;
}

/** `--vault DIR` wins, then STORY_BANK_VAULT, then the per-user default vault. */
export function chooseVault(vaultArg: string | undefined, env: NodeJS.ProcessEnv = process.env): VaultChoice {
  if (vaultArg) return { path: resolve(vaultArg), isDefault: false };
  if (env.STORY_BANK_VAULT) return { path: resolve(env.STORY_BANK_VAULT), isDefault: true };
  return { path: join(userDataDir(env), 'vault'), isDefault: true };
}
