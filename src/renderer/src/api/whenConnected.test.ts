import { describe, expect, it } from 'vitest';
import type { Transport } from './transport';
import { whenConnected } from './whenConnected';

/** A transport whose connection state the test sets; listeners hear the current state at once. */
function transportWithStatus(initial: boolean | null) {
  let state = initial;
  const listeners = new Set<(connected: boolean) => void>();
  const transport: Transport = {
    call: () => Promise.reject(new Error('not used')),
    onEvent: () => () => {},
    onStatus(listener) {
      listeners.add(listener);
      if (state !== null) listener(state);
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

describe('whenConnected', () => {
  it('resolves when the connection opens, and stops listening', async () => {
    const fake = transportWithStatus(null);
    let resolved = false;
    const waiting = whenConnected(fake.transport, 10_000).then(() => (resolved = true));
    await Promise.resolve();
    expect(resolved).toBe(false);
    fake.set(false);
    await Promise.resolve();
    expect(resolved).toBe(false);
    fake.set(true);
    await waiting;
    expect(fake.listeners.size).toBe(0);
  });

  it('resolves at once when already connected (IPC)', async () => {
    const fake = transportWithStatus(true);
    await whenConnected(fake.transport, 10_000);
    expect(fake.listeners.size).toBe(0);
  });

  it('gives up waiting after the timeout when the connection never opens', async () => {
    const fake = transportWithStatus(false);
    const started = Date.now();
    await whenConnected(fake.transport, 30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(fake.listeners.size).toBe(0);
  });
});
