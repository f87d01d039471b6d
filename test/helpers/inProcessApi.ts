import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoryBankApi } from '../../src/core/api';
import { dispatch } from '../../src/main/api/dispatch';
import { createStoryBankService, type StoryBankService } from '../../src/main/api/storyBankService';
import { Vault } from '../../src/main/vault/vault';
import { createClient } from '../../src/renderer/src/lib/api/createClient';
import type { Transport } from '../../src/renderer/src/lib/api/transport';
import { tempDir } from './tempDir';

const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? null)) as T;

/**
 * The renderer's transport carried in one process: calls and events go through JSON, as over
 * the browser host's WebSocket, to the real service. For testing renderer state classes.
 */
export function inProcessTransport(service: StoryBankService): Transport {
  return {
    call: async (name, input) => wire(await dispatch(service.handlers, name, wire(input))),
    onEvent: (listener) => service.subscribe((event, payload) => listener(event, wire(payload))),
    onStatus: () => () => {},
  };
}

export function inProcessClient(service: StoryBankService): StoryBankApi {
  return createClient(inProcessTransport(service));
}

/** A temp copy of the sample vault, opened (watching unless told not to), with its service and client. */
export async function openSampleVault(options: { watch?: boolean } = {}) {
  const root = join(await tempDir(), 'vault');
  await cp(join(process.cwd(), 'resources', 'sample-vault'), root, { recursive: true });
  const vault = await Vault.open(root);
  if (options.watch ?? true) await vault.startWatching();
  const service = createStoryBankService(vault, { host: 'browser', version: 'test' }, { commitQuietMs: 60_000 });
  return {
    root,
    vault,
    service,
    api: inProcessClient(service),
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
