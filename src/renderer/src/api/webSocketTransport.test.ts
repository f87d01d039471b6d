/* eslint-disable no-restricted-imports --
   The renderer never imports Node; this test does on purpose: it runs the page's transport under
   Node against a real WebSocket server on 127.0.0.1 that it can drop, stop and restart. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { ApiCallError, createClient } from './createClient';
import { webSocketTransport, type WebSocketTransport, type WebSocketTransportOptions } from './webSocketTransport';

interface Received {
  id: number;
  call: string;
  input: unknown;
  /** Which connection (1, 2, …) it came on. */
  connection: number;
  socket: ServerSocket;
}

/**
 * A real WebSocket server on 127.0.0.1 speaking the host's protocol. It answers every call with
 * `{ok: true, value: {echo: call}}` unless told to hold answers, and can be stopped and started
 * again on the same port, as a host restarted by hand would be.
 */
class TestHost {
  received: Received[] = [];
  connections = 0;
  holdAnswers = false;
  port = 0;
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  private waiters: Array<() => void> = [];

  async start(): Promise<void> {
    const server = createServer();
    const wss = new WebSocketServer({ server });
    wss.on('connection', (socket) => {
      const connection = ++this.connections;
      socket.on('message', (data) => {
        const { id, call, input } = JSON.parse(String(data)) as { id: number; call: string; input: unknown };
        this.received.push({ id, call, input, connection, socket });
        if (!this.holdAnswers) socket.send(JSON.stringify({ id, result: { ok: true, value: { echo: call } } }));
        this.wake();
      });
      this.wake();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    this.wss = wss;
  }

  /** Ends every connection and stops listening: the host is down. */
  async stop(): Promise<void> {
    const { server, wss } = this;
    if (!server || !wss) return;
    this.server = null;
    this.wss = null;
    for (const client of wss.clients) client.terminate();
    wss.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Drops the open connections while staying up. */
  dropConnections(): void {
    for (const client of this.wss?.clients ?? []) client.terminate();
  }

  /** Resolves once `condition` holds (checked after every connection and message). */
  until(condition: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (condition()) resolve();
        else this.waiters.push(check);
      };
      check();
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((waiter) => waiter());
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/api`;
  }
}

/** The statuses a transport reports, and a way to wait for the next one. */
function watchStatus(transport: WebSocketTransport) {
  const seen: boolean[] = [];
  let waiters: Array<() => void> = [];
  transport.onStatus((connected) => {
    seen.push(connected);
    const now = waiters;
    waiters = [];
    now.forEach((waiter) => waiter());
  });
  return {
    seen,
    /** Resolves when the latest status is `connected`. */
    until(connected: boolean): Promise<void> {
      return new Promise((resolve) => {
        const check = (): void => {
          if (seen[seen.length - 1] === connected) resolve();
          else waiters.push(check);
        };
        check();
      });
    },
  };
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let host: TestHost;
let transport: WebSocketTransport | undefined;

/** Quick retries so a test spends its time on behaviour, not on waiting. */
function connect(options: WebSocketTransportOptions = {}): WebSocketTransport {
  transport = webSocketTransport(host.url, { retryMs: [100], ...options });
  return transport;
}

beforeAll(() => {
  // The page's WebSocket is the browser's; under Node the same role is played by ws's client.
  globalThis.WebSocket = WebSocket as unknown as typeof globalThis.WebSocket;
});

afterEach(async () => {
  transport?.close();
  transport = undefined;
  await host.stop();
});

describe('webSocketTransport', () => {
  it('carries calls and their answers, and relays events', async () => {
    host = new TestHost();
    await host.start();
    const client = connect();
    const status = watchStatus(client);
    const events: Array<[string, unknown]> = [];
    client.onEvent((name, payload) => events.push([name, payload]));
    expect(await client.call('getVaultInfo', {})).toEqual({ ok: true, value: { echo: 'getVaultInfo' } });
    expect(status.seen).toEqual([true]);
    const heard = new Promise<void>((resolve) => {
      const stop = client.onEvent(() => {
        stop();
        resolve();
      });
    });
    host.received[0].socket.send(JSON.stringify({ event: 'gitStateChanged', payload: { kind: 'ok' } }));
    await heard;
    expect(events).toEqual([['gitStateChanged', { kind: 'ok' }]]);
  });

  it('fails a call in flight when the connection drops, and sends one made during the retry delay once back', async () => {
    host = new TestHost();
    await host.start();
    const client = connect({ retryMs: [300] });
    const status = watchStatus(client);
    await status.until(true);
    host.holdAnswers = true;
    const inFlight = client.call('saveStory', { n: 1 });
    await host.until(() => host.received.length === 1);
    host.holdAnswers = false;
    host.dropConnections();
    await status.until(false);
    // The socket is closed and the next attempt is 300 ms away: this call must wait for it.
    const duringDelay = client.call('listStories', {});
    expect(await inFlight).toEqual({
      ok: false,
      error: { code: 'disconnected', message: expect.stringMatching(/lost before it answered/) },
    });
    expect(await duringDelay).toEqual({ ok: true, value: { echo: 'listStories' } });
    expect(host.received.map((r) => [r.call, r.connection])).toEqual([
      ['saveStory', 1],
      ['listStories', 2],
    ]);
    expect(status.seen).toEqual([true, false, true]);
  });

  it('queues calls while the host is down and sends them, in order, when it is back on the same port', async () => {
    host = new TestHost();
    await host.start();
    const client = connect();
    const status = watchStatus(client);
    await status.until(true);
    await host.stop();
    await status.until(false);
    const first = client.call('saveStory', { n: 1 });
    const second = client.call('commitNow', {});
    // What the page asks on hearing "connected" (its resync) goes after what was queued.
    let resync: Promise<unknown> | undefined;
    client.onStatus((connected) => {
      if (connected) resync ??= client.call('listStories', {});
    });
    // Several reconnect attempts fail against the closed port before the host is back.
    await pause(350);
    expect(host.received).toEqual([]);
    await host.start();
    expect(await first).toEqual({ ok: true, value: { echo: 'saveStory' } });
    expect(await second).toEqual({ ok: true, value: { echo: 'commitNow' } });
    expect(await resync).toEqual({ ok: true, value: { echo: 'listStories' } });
    expect(host.received.map((r) => [r.call, r.input, r.connection])).toEqual([
      ['saveStory', { n: 1 }, 2],
      ['commitNow', {}, 2],
      ['listStories', {}, 2],
    ]);
    expect(status.seen).toEqual([true, false, true]);
  });

  it('fails a queued call with a typed error when the host stays away, and never sends it later', async () => {
    host = new TestHost();
    await host.start();
    const client = connect({ queueMs: 200 });
    const status = watchStatus(client);
    await status.until(true);
    await host.stop();
    await status.until(false);
    const api = createClient(client);
    const failed = await api.getVaultInfo({}).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(ApiCallError);
    expect(failed).toMatchObject({ code: 'disconnected', message: expect.stringMatching(/nothing was sent/) });
    await host.start();
    await status.until(true);
    expect(await client.call('listStories', {})).toEqual({ ok: true, value: { echo: 'listStories' } });
    expect(host.received.map((r) => r.call)).toEqual(['listStories']);
  });

  it('fails a sent call that gets no answer with `timeout`, and ignores the answer if it comes later', async () => {
    host = new TestHost();
    await host.start();
    const client = connect({ answerMs: 200 });
    host.holdAnswers = true;
    const api = createClient(client);
    const failed = await api.exportDeliverable({}).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(ApiCallError);
    expect(failed).toMatchObject({ code: 'timeout' });
    const late = host.received[0];
    late.socket.send(JSON.stringify({ id: late.id, result: { ok: true, value: 'late' } }));
    host.holdAnswers = false;
    // The connection is still usable, and the late answer went to no one.
    expect(await client.call('listStories', {})).toEqual({ ok: true, value: { echo: 'listStories' } });
  });
});
