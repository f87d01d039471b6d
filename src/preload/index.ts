import { contextBridge, ipcRenderer } from 'electron';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../core/channels';

/**
 * The only thing the page gets from Electron: a call function and an event subscription for the
 * API contract. ipcRenderer itself never crosses the bridge.
 */
contextBridge.exposeInMainWorld('storyBank', {
  call: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(CALL_CHANNEL, name, input),
  onEvent: (listener: (name: string, payload: unknown) => void): (() => void) => {
    const relay = (_event: unknown, name: string, payload: unknown): void => listener(name, payload);
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, relay);
  },
});
