import type { ApiError, Envelope } from '@core/api';
import type { Transport } from './transport';

export interface WebSocketTransportOptions {
  /** Waits before each reconnect attempt; the last repeats while the host stays away. */
  retryMs?: readonly number[];
  /** How long a call made while disconnected waits for the connection before it fails. */
  queueMs?: number;
  /** How long a sent call waits for its answer before it fails. */
  answerMs?: number;
}

export const RETRY_MS = [250, 500, 1000, 2000, 4000] as const;
/** Long enough for a host that is restarted by hand to be back; short enough to tell the user. */
export const QUEUE_MS = 30_000;
/**
 * A backstop only: a host that dies closes the socket at once and fails its calls then. This
 * catches a host that is up but never answers; the slowest honest call (an import with its git
 * commit) takes seconds.
 */
export const ANSWER_MS = 120_000;

export interface WebSocketTransport extends Transport {
  /** Stops reconnecting, closes the socket and fails the calls still waiting (tests; a page never closes it). */
  close(): void;
}

interface Pending {
  message: string;
  sent: boolean;
  timer: ReturnType<typeof setTimeout>;
  settle: (envelope: Envelope<unknown>) => void;
}

function failure(error: ApiError): Envelope<unknown> {
  return { ok: false, error };
}

/**
 * The browser host's transport. The access token travels in the cookie the first page load set,
 * so the socket URL carries none. A dropped socket is reopened, and every call settles:
 *
 * - made while disconnected: queued, sent once the socket is open again, or failed with code
 *   `disconnected` after `queueMs` (it was never sent, so nothing was done);
 * - in flight when the socket drops: failed with `disconnected` (whether the host did it is
 *   unknown; a save is safe to repeat, as it carries the hash it started from);
 * - sent and never answered: failed with `timeout` after `answerMs`.
 */
export function webSocketTransport(url: string, options: WebSocketTransportOptions = {}): WebSocketTransport {
  const retryMs = options.retryMs ?? RETRY_MS;
  const queueMs = options.queueMs ?? QUEUE_MS;
  const answerMs = options.answerMs ?? ANSWER_MS;
  const pending = new Map<number, Pending>();
  const eventListeners = new Set<(name: string, payload: unknown) => void>();
  const statusListeners = new Set<(connected: boolean) => void>();
  /** The socket while it is open; null while connecting or waiting to retry. */
  let open: WebSocket | null = null;
  let nextId = 1;
  let attempt = 0;
  let closed = false;
  let socket: WebSocket;
  let retry: ReturnType<typeof setTimeout> | undefined;

  /** Null until the socket first opens or fails; a new status listener hears it at once. */
  let connected: boolean | null = null;
  const setStatus = (now: boolean): void => {
    if (connected === now) return;
    connected = now;
    statusListeners.forEach((listener) => listener(now));
  };

  function settle(id: number, envelope: Envelope<unknown>): void {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    clearTimeout(call.timer);
    call.settle(envelope);
  }

  function send(id: number, call: Pending, target: WebSocket): void {
    call.sent = true;
    clearTimeout(call.timer);
    call.timer = setTimeout(
      () => settle(id, failure({ code: 'timeout', message: `Story Bank did not answer within ${answerMs / 1000} s` })),
      answerMs,
    );
    target.send(call.message);
  }

  function onMessage(raw: unknown): void {
    let data: { id?: unknown; result?: Envelope<unknown>; event?: unknown; payload?: unknown };
    try {
      data = JSON.parse(String(raw)) as typeof data;
    } catch {
      return;
    }
    if (typeof data.event === 'string') {
      const name = data.event;
      eventListeners.forEach((listener) => listener(name, data.payload));
    } else if (typeof data.id === 'number' && data.result) {
      settle(data.id, data.result);
    }
  }

  function connect(): void {
    const current = new WebSocket(url);
    socket = current;
    current.addEventListener('open', () => {
      attempt = 0;
      open = current;
      // Queued calls leave in the order they were made, before anything a status listener asks.
      for (const [id, call] of pending) if (!call.sent) send(id, call, current);
      setStatus(true);
    });
    current.addEventListener('message', (message) => onMessage(message.data));
    // A failed connection is followed by its close, which handles it; heard here so a client
    // that throws unheard errors (ws's, under Node) does not.
    current.addEventListener('error', () => undefined);
    current.addEventListener('close', () => {
      if (open === current) open = null;
      setStatus(false);
      for (const [id, call] of pending) {
        if (!call.sent) continue;
        settle(
          id,
          failure({
            code: 'disconnected',
            message: 'the connection to Story Bank was lost before it answered',
          }),
        );
      }
      if (!closed) retry = setTimeout(connect, retryMs[Math.min(attempt++, retryMs.length - 1)]);
    });
  }
  connect();

  return {
    call(name, input) {
      const id = nextId++;
      return new Promise((resolve) => {
        const call: Pending = {
          message: JSON.stringify({ id, call: name, input }),
          sent: false,
          settle: resolve,
          timer: setTimeout(
            () =>
              settle(
                id,
                failure({
                  code: 'disconnected',
                  message: `Story Bank was unreachable for ${queueMs / 1000} s; nothing was sent`,
                }),
              ),
            queueMs,
          ),
        };
        pending.set(id, call);
        if (closed) settle(id, failure({ code: 'disconnected', message: 'the connection to Story Bank was closed' }));
        else if (open) send(id, call, open);
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
    close() {
      closed = true;
      clearTimeout(retry);
      socket.close();
      for (const id of [...pending.keys()]) {
        settle(id, failure({ code: 'disconnected', message: 'the connection to Story Bank was closed' }));
      }
    },
  };
}
