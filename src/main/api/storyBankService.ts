import type { ApiEvents, ApiHandlers, EventName, VaultInfo } from '../../core/api';
import { StoryBankError } from '../../core/apiError';
import type { Vault } from '../vault/vault';

export type EventSink = <E extends EventName>(event: E, payload: ApiEvents[E]) => void;

export interface StoryBankService {
  handlers: ApiHandlers;
  /** Registers a transport's way of sending events; returns the unsubscribe. */
  subscribe(sink: EventSink): () => void;
}

/** The one implementation of the API contract; transports only carry it. */
export function createStoryBankService(vault: Vault, info: Omit<VaultInfo, 'root'>): StoryBankService {
  const sinks = new Set<EventSink>();
  vault.onChange((change) => {
    for (const sink of sinks) sink('storiesChanged', change);
  });
  const handlers: ApiHandlers = {
    getVaultInfo: async () => ({ root: vault.root, ...info }),
    listStories: async () => vault.snapshot(),
    readStory: async ({ id }) => {
      const record = vault.findById(id);
      if (!record) throw new StoryBankError('not-found', `no story has the id "${id}"`);
      return record;
    },
    saveStory: async ({ story }) => vault.save(story),
  };
  return {
    handlers,
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
  };
}
