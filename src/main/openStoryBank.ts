import type { VaultInfo } from '../core/api';
import { createStoryBankService, type ServiceOptions, type StoryBankService } from './api/storyBankService';
import { appVersion, type VaultChoice } from './appPaths';
import { prepareVaultFolder } from './prepareVaultFolder';
import { Vault } from './vault/vault';

export interface OpenedStoryBank {
  vault: Vault;
  service: StoryBankService;
  close(): Promise<void>;
}

/**
 * Everything both hosts do at start: put the sample vault in place on a first default start,
 * open and watch the vault, and build the service the transports carry.
 */
export async function openStoryBank(
  choice: VaultChoice,
  appRoot: string,
  host: VaultInfo['host'],
  options: ServiceOptions = {},
): Promise<OpenedStoryBank> {
  await prepareVaultFolder(choice, appRoot);
  const vault = await Vault.open(choice.path);
  await vault.startWatching();
  const service = createStoryBankService(vault, { host, version: appVersion(appRoot) }, options);
  return {
    vault,
    service,
    close: async () => {
      await service.close();
      await vault.close();
    },
  };
}
