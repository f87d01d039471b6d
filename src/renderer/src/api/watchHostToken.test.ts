/* eslint-disable no-restricted-imports --
   The renderer never imports Node; this test does on purpose: the host it asks is a real HTTP
   server on 127.0.0.1. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transport } from './transport';
import { watchHostToken } from './watchHostToken';

/** A transport whose connection state the test sets; listeners hear the current state at once. */
function transportWithStatus(initial: boolean) {
  let state = initial;
  const listeners = new Set<(connected: boolean) => void>();
  const transport: Transport = {
    call: () => Promise.reject(new Error('not used')),
    onEvent: () => () => {},
    onStatus(listener) {
      listeners.add(listener);
      listener(state);
      return () => listeners.delete(listener);
    },
  };
  return {
    transport,
    listeners,
    set(connected: boolean) {
      state = connected;
      listeners.forEach((listener) => listener(connected));
    },
  };
}

/** A host that answers every request with `status`, counting the requests. */
async function startHost() {
  const host = { status: 401, requests: 0, server: null as Server | null, url: '' };
  const server = createServer((request, response) => {
    host.requests += 1;
    response.writeHead(host.status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  host.server = server;
  host.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return host;
}

const stops: Array<() => unknown> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** The reports `watchHostToken` makes, and a way to wait for the next one equal to `value`. */
function reports() {
  const seen: boolean[] = [];
  let waiters: Array<() => void> = [];
  return {
    seen,
    listener: (refused: boolean) => {
      seen.push(refused);
      const now = waiters;
      waiters = [];
      now.forEach((waiter) => waiter());
    },
    next(value: boolean): Promise<void> {
      const from = seen.length;
      return new Promise((resolve) => {
        const check = (): void => {
          if (seen.slice(from).includes(value)) resolve();
          else waiters.push(check);
        };
        check();
      });
    },
  };
}

describe('watchHostToken', () => {
  it('asks nothing while connected; while disconnected reports a refused token until it is accepted', async () => {
    const host = await startHost();
    stops.push(() => new Promise((resolve) => host.server?.close(resolve)));
    const fake = transportWithStatus(true);
    const heard = reports();
    stops.push(watchHostToken(fake.transport, `${host.url}index.html`, heard.listener, 20));
    expect(heard.seen).toEqual([false]);
    expect(host.requests).toBe(0);

    const refused = heard.next(true);
    fake.set(false);
    await refused;
    // The page's new cookie (opened in another tab) is accepted: the next check says so.
    host.status = 200;
    await heard.next(false);
    fake.set(true);
    expect(heard.seen[heard.seen.length - 1]).toBe(false);
    expect(fake.listeners.size).toBe(1);
  });

  it('reports false when the host is not there at all, and stops listening when stopped', async () => {
    const host = await startHost();
    await new Promise((resolve) => host.server?.close(resolve));
    const fake = transportWithStatus(false);
    const heard = reports();
    const stop = watchHostToken(fake.transport, host.url, heard.listener, 20);
    await heard.next(false);
    expect(heard.seen.every((refused) => refused === false)).toBe(true);
    stop();
    expect(fake.listeners.size).toBe(0);
  });
});
