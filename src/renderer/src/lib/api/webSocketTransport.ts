import type { Envelope } from '../../../../core/api';
import type { Transport } from './transport';

const RETRY_MS = [250, 500, 1000, 2000, 4000];

interface Pending {
  resolve: (envelope: Envelope<unknown>) => void;
}

/**
 * The browser host's transport. The access token travels in the cookie the first page load set,
 * so the socket URL carries none. A dropped socket is reopened; calls made while it is down wait
 * for it, and calls in flight when it dropped fail with a clear message.
 */
export function webSocketTransport(url: string): Transport {
  const pending = new Map<number, Pending>();
  const eventListeners = new Set<(name: string, payload: unknown) => void>();
  const statusListeners = new Set<(connected: boolean) => void>();
  let socket: WebSocket;
  let opened: Promise<WebSocket>;
  let nextId = 1;
  let attempt = 0;

  /** Null until the socket first opens or fails; a new status listener hears it at once. */
  let connected: boolean | null = null;
  const setStatus = (now: boolean): void => {
    connected = now;
    statusListeners.forEach((listener) => listener(now));
  };

  function connect(): void {
    opened = new Promise((resolve) => {
      socket = new WebSocket(url);
      socket.addEventListener('open', () => {
        attempt = 0;
        setStatus(true);
        resolve(socket);
      });
      socket.addEventListener('message', (message) => {
        const data = JSON.parse(String(message.data)) as {
          id?: number;
          result?: Envelope<unknown>;
          event?: string;
          payload?: unknown;
        };
        if (typeof data.event === 'string') {
          eventListeners.forEach((listener) => listener(data.event as string, data.payload));
        } else if (typeof data.id === 'number' && data.result) {
          pending.get(data.id)?.resolve(data.result);
          pending.delete(data.id);
        }
      });
      socket.addEventListener('close', () => {
        setStatus(false);
        for (const [id, call] of pending) {
          call.resolve({
            ok: false,
            error: { code: 'io', message: 'the connection to Story Bank was lost; try again' },
          });
          pending.delete(id);
        }
        setTimeout(connect, RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]);
      });
    });
  }
  connect();

  return {
    async call(name, input) {
      const ready = await opened;
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, { resolve });
        ready.send(JSON.stringify({ id, call: name, input }));
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      if (connected !== null) listener(connected);
      return () => statusListeners.delete(listener);
    },
  };
}
