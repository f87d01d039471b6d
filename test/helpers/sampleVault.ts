import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { createStoryBankService } from '../../src/main/api/storyBankService';
import { Vault } from '../../src/main/vault/vault';
import { tempDir } from './tempDir';

/** A temp copy of the sample vault, opened (watching unless told not to), with its service. */
export async function openSampleVault(options: { watch?: boolean } = {}) {
  const root = join(await tempDir(), 'vault');
  await cp(join(process.cwd(), 'resources', 'sample-vault'), root, { recursive: true });
  const vault = await Vault.open(root);
  const service = createStoryBankService(vault, { host: 'browser', version: 'test' }, { commitQuietMs: 60_000 });
  if (options.watch ?? true) await service.startWatching();
  return {
    root,
    vault,
    service,
    close: async () => {
      await service.close();
      await vault.close();
    },
  };
}

/** Waits until `condition` holds (checked every 10 ms), failing after 5 s. */
export async function until(condition: () => boolean, what = 'the condition'): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5_000) throw new Error(`${what} did not hold within 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
