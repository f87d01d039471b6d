import type { StoryBankApi } from '../../src/core/api';
import { dispatch } from '../../src/main/api/dispatch';
import type { StoryBankService } from '../../src/main/api/storyBankService';
import { createClient } from '../../src/renderer/src/api/createClient';
import type { Transport } from '../../src/renderer/src/api/transport';
import { openSampleVault as openVault } from './sampleVault';

export { until } from './sampleVault';

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

/** A temp copy of the sample vault with its service and the renderer's client to it. */
export async function openSampleVault(options: { watch?: boolean } = {}) {
  const opened = await openVault(options);
  return { ...opened, api: inProcessClient(opened.service) };
}
