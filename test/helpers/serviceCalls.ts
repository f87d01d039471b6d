import type { CallInput, CallName, CallResults, Envelope } from '../../src/core/api';
import { dispatch } from '../../src/main/api/dispatch';
import { createStoryBankService } from '../../src/main/api/storyBankService';
import { Vault } from '../../src/main/vault/vault';

/**
 * The vault in `root` opened as the app opens it (watching, with its service), and its API called
 * as a transport calls it: JSON in, checked against the contract, an envelope out.
 */
export async function openServiceAt(root: string) {
  const vault = await Vault.open(root);
  const service = createStoryBankService(vault, { host: 'browser', version: 'test' }, { commitQuietMs: 60_000 });
  await service.startWatching();
  const envelope = async <K extends CallName>(name: K, input: CallInput<K>): Promise<Envelope<CallResults[K]>> =>
    (await dispatch(service.handlers, name, JSON.parse(JSON.stringify(input)))) as Envelope<CallResults[K]>;
  const call = async <K extends CallName>(name: K, input: CallInput<K>): Promise<CallResults[K]> => {
    const result = await envelope(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value;
  };
  return {
    vault,
    call,
    envelope,
    stop: async () => {
      await service.close();
      await vault.close();
    },
  };
}
