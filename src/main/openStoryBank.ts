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
    // Served while the watcher starts (for 1,000 files, some 150 ms of lstat and watch calls that
    // the page's first listStories need not wait for): it then reports what changed meanwhile.
    // A watcher that cannot start falls back to polling, as one that fails later does.
    const watching = vault.startWatching().catch((error: NodeJS.ErrnoException) => vault.handleWatchError(error));
    const service = createStoryBankService(vault, { host, version: appVersion(appRoot) }, options);
    return {
      vault,
      service,
      close: async () => {
        await watching;
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
