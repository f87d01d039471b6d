import type { PreloadBridge, Transport } from './transport';

export function ipcTransport(bridge: PreloadBridge): Transport {
  return {
    call: (name, input) => bridge.call(name, input),
    onEvent: (listener) => bridge.onEvent(listener),
    onStatus: (listener) => {
      listener(true);
      return () => {};
    },
  };
}
