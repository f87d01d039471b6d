import type { Envelope } from '@core/api';

/** How the client reaches main: Electron IPC through the preload, or the browser host's socket. */
export interface Transport {
  call(name: string, input: unknown): Promise<Envelope<unknown>>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
  /**
   * Connection state changes (the WebSocket can drop and come back; IPC never does). A listener
   * hears the current state at once when there is one.
   */
  onStatus(listener: (connected: boolean) => void): () => void;
}

/** What the preload exposes as `window.storyBank`. */
export interface PreloadBridge {
  call(name: string, input: unknown): Promise<Envelope<unknown>>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    storyBank?: PreloadBridge;
  }
}
