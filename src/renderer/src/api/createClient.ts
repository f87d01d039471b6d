import type { ApiEvents, EventName, StoryBankApi } from '@core/api';
import { CALL_NAMES } from '@core/apiCallNames';
import { ipcTransport } from './ipcTransport';
import type { Transport } from './transport';
import { webSocketTransport } from './webSocketTransport';

/** An error returned by main, rethrown in the renderer with its code and message. */
export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

/** Picks the transport: the preload's bridge inside Electron, otherwise the browser host socket. */
export function defaultTransport(): Transport {
  if (window.storyBank) return ipcTransport(window.storyBank);
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return webSocketTransport(`${scheme}//${location.host}/api`);
}

/** The typed API over any transport: one method per entry of the contract, plus `on`. */
export function createClient(transport: Transport): StoryBankApi {
  const client = {
    on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void) {
      return transport.onEvent((name, payload) => {
        if (name === event) listener(payload as ApiEvents[E]);
      });
    },
  } as StoryBankApi;
  for (const name of CALL_NAMES) {
    (client as unknown as Record<string, (input: unknown) => Promise<unknown>>)[name] = async (input: unknown) => {
      const envelope = await transport.call(name, input ?? {});
      if (!envelope.ok) throw new ApiCallError(envelope.error.code, envelope.error.message);
      return envelope.value;
    };
  }
  return client;
}
