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
    await vault.startWatching();
    const service = createStoryBankService(vault, { host, version: appVersion(appRoot) }, options);
    return {
      vault,
      service,
      close: async () => {
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
