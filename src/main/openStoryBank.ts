import type { VaultInfo } from '../core/api';
import { createStoryBankService, type ServiceOptions, type StoryBankService } from './api/storyBankService';
import { appVersion, type VaultChoice } from './appPaths';
import { lockAndPrepareVaultFolder, prepareVaultFolder } from './prepareVaultFolder';
import { Vault } from './vault/vault';
import type { VaultLock } from './vault/vaultLock';

export interface OpenedStoryBank {
  vault: Vault;
  service: StoryBankService;
  close(): Promise<void>;
}

/**
 * Everything both hosts do at start: lock the vault (unless the caller `holding` its lock took it
 * already, and then releases it), put the sample vault in place on a first default start, open
 * and watch the vault, and build the service the transports carry. Closing releases a lock taken here.
 */
export async function openStoryBank(
  choice: VaultChoice,
  appRoot: string,
  host: VaultInfo['host'],
  options: ServiceOptions = {},
  holding?: VaultLock,
): Promise<OpenedStoryBank> {
  const lock = holding ? null : await lockAndPrepareVaultFolder(choice, appRoot);
  try {
    if (holding) await prepareVaultFolder(choice, appRoot);
    const vault = await Vault.open(choice.path);
    const service = createStoryBankService(vault, { host, version: appVersion(appRoot) }, options);
    const watching = watchAfterStart(service);
    return {
      vault,
      service,
      close: async () => {
        await watching.stop();
        await service.close();
        await vault.close();
        await lock?.release();
      },
    };
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

/**
 * How long after the vault opens its watchers start (its stories' and its order file's, which
 * both watch stories/). Starting them costs an lstat and a watch per file (about 150 ms of the
 * main thread for 1,000 stories), on the same two cores as the window's first screen; nothing is
 * missed meanwhile: once ready, each looks at its files again and reports what changed
 * (Vault.startWatching, StoryOrderFile.startWatching).
 */
export const WATCH_AFTER_MS = 1000;

/**
 * Starts the service's watchers WATCH_AFTER_MS from now. `stop` resolves once no start is under
 * way or to come.
 */
function watchAfterStart(service: StoryBankService): { stop(): Promise<void> } {
  let started: Promise<void> | undefined;
  const timer = setTimeout(() => {
    started = service
      .startWatching()
      // Settled either way: an unhandled rejection would end the process.
      .catch((error: unknown) => console.error('story-bank vault: the folder cannot be watched:', error));
  }, WATCH_AFTER_MS);
  return {
    stop: async () => {
      clearTimeout(timer);
      await started;
    },
  };
}
