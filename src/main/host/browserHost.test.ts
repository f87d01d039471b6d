import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { sampleStory } from '../../../test/helpers/sampleStory';
import { tempDir } from '../../../test/helpers/tempDir';
import { createStoryBankService } from '../api/storyBankService';
import { Vault } from '../vault/vault';
import { MAX_MESSAGE_BYTES, startBrowserHost, type BrowserHost } from './browserHost';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function startHost(): Promise<{ host: BrowserHost; vault: Vault; root: string }> {
  const root = await tempDir();
  const vault = await Vault.open(root);
  await vault.startWatching();
  cleanup.push(() => vault.close());
  const service = createStoryBankService(vault, { host: 'browser', version: 'test' });
  const staticDir = join(process.cwd(), 'src', 'renderer');
  const host = await startBrowserHost({ service, staticDir });
  cleanup.push(() => host.close());
  return { host, vault, root };
}

function get(port: number, path: string, headers: Record<string, string> = {}, hostname = '127.0.0.1', method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string; bytes: Buffer }>(
    (resolve, reject) => {
      const req = httpRequest({ hostname, port, path, headers, method }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => {
          const bytes = Buffer.concat(parts);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString(), bytes });
        });
      });
      req.on('error', reject);
      req.end();
    },
  );
}

/** The cookie the first visit with the token sets. */
async function cookieFor(host: BrowserHost): Promise<string> {
  const first = await get(host.port, `/?token=${host.token}`);
  return String((first.headers['set-cookie'] as string[])[0]).split(';')[0];
}

function connect(host: BrowserHost, headers: Record<string, string> = {}): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, {
    headers: { Origin: `http://127.0.0.1:${host.port}`, ...headers },
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

function call(
  socket: WebSocket,
  id: number,
  name: string,
  input: unknown,
): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const message = JSON.parse(data.toString());
      if (message.id !== id) return;
      socket.off('message', onMessage);
      resolve(message.result);
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ id, call: name, input }));
  });
}

describe('browser host', () => {
  it('answers 401 without the token or with a wrong one, and serves the page with it', async () => {
    const { host } = await startHost();
    expect((await get(host.port, '/')).status).toBe(401);
    expect((await get(host.port, '/index.html')).status).toBe(401);
    expect((await get(host.port, `/?token=${host.token}x`)).status).toBe(401);
    const first = await get(host.port, `/?token=${host.token}`);
    expect(first.status).toBe(303);
    const cookie = String((first.headers['set-cookie'] as string[])[0]).split(';')[0];
    expect(cookie).toContain(host.token);
    const page = await get(host.port, '/index.html', { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers).toMatchObject({
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
      'cache-control': 'no-store',
    });
    // The app's page must not ask for another browsing context group (see SECURITY_HEADERS).
    expect(page.headers['cross-origin-opener-policy']).toBeUndefined();
  });

  it('answers 403 to a foreign Host or Origin, and refuses paths outside the renderer', async () => {
    const { host } = await startHost();
    const withToken = `/?token=${host.token}`;
    expect((await get(host.port, withToken, { Host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await get(host.port, withToken, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(host.port, `/../../package.json?token=${host.token}`)).status).not.toBe(200);
    expect((await get(host.port, `/%2e%2e/%2e%2e/package.json?token=${host.token}`)).status).toBe(303);
  });

  it('listens on 127.0.0.1 only: every other address of this machine, IPv4 and IPv6, is refused', async () => {
    const { host } = await startHost();
    const others = Object.values(networkInterfaces())
      .flat()
      // Link-local IPv6 needs a zone to be dialled; the others are reachable as they are.
      .filter((a) => a && a.address !== '127.0.0.1' && !a.address.startsWith('fe80:'))
      .map((a) => a!.address);
    // 127.0.0.2 and ::1 are loopback too, but not the address we bind: they must be refused as well.
    for (const loopback of ['127.0.0.2', '::1']) if (!others.includes(loopback)) others.push(loopback);
    expect(others.length).toBeGreaterThan(0);
    for (const address of others) {
      await expect(get(host.port, '/', {}, address), address).rejects.toThrow(
        /ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH|EAFNOSUPPORT/,
      );
    }
  });

  it('refuses WebSocket upgrades without the token or from another origin', async () => {
    const { host } = await startHost();
    const noToken = new WebSocket(`ws://127.0.0.1:${host.port}/api`, {
      headers: { Origin: `http://127.0.0.1:${host.port}` },
    });
    await expect(
      new Promise((_, reject) =>
        noToken.once('unexpected-response', (_r, res) => reject(new Error(`HTTP ${res.statusCode}`))),
      ),
    ).rejects.toThrow('HTTP 401');
    await expect(connect(host, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('carries calls and events of the API, and rejects bad input without stopping', async () => {
    const { host } = await startHost();
    const socket = await connect(host);
    cleanup.push(async () => socket.close());
    expect(await call(socket, 1, 'listStories', {})).toEqual({ ok: true, value: { stories: [], problems: [] } });
    expect(await call(socket, 2, 'readStory', { id: '../../etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(await call(socket, 3, 'nope', {})).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call(socket, 4, 'listStories', { extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });

    const event = new Promise((resolve) =>
      socket.on('message', (d) => JSON.parse(d.toString()).event && resolve(JSON.parse(d.toString()))),
    );
    const saved = await call(socket, 5, 'saveStory', { story: sampleStory() });
    expect(saved).toMatchObject({ ok: true, value: { written: true } });
    expect(await event).toMatchObject({
      event: 'storiesChanged',
      payload: { upserted: [{ story: { id: 'raft-failover' } }] },
    });
    expect(await call(socket, 6, 'readStory', { id: 'raft-failover' })).toMatchObject({
      ok: true,
      value: { file: 'stories/cutting-failover-time-with-raft.md' },
    });
  });

  it('closes a connection that sends more than the message limit, and keeps serving', async () => {
    const { host } = await startHost();
    const other = await connect(host);
    const socket = await connect(host);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    socket.send('x'.repeat(MAX_MESSAGE_BYTES + 1));
    // 1009: "message too big", the WebSocket code that says exactly what happened.
    expect((await closed).code).toBe(1009);
    // A page already connected goes on, and a new one connects.
    expect(await call(other, 1, 'listStories', {})).toMatchObject({ ok: true });
    other.close();
    const again = await connect(host);
    expect(await call(again, 1, 'listStories', {})).toMatchObject({ ok: true });
    again.close();
  });

  it('answers every malformed frame with an error or not at all, and keeps the connection serving', async () => {
    const { host } = await startHost();
    const socket = await connect(host);
    cleanup.push(async () => socket.close());
    const replies: Array<{ id: unknown; result?: { ok: boolean; error?: { code: string } } }> = [];
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (!message.event) replies.push(message);
    });
    const frame = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc
        .record(
          {
            id: fc.oneof(fc.string(), fc.double(), fc.constant(null), fc.integer(), fc.constant(2 ** 60)),
            call: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'listStories', 'readStory'), fc.string()),
            input: fc.anything(),
          },
          { requiredKeys: [] },
        )
        .map((message) => JSON.stringify(message) ?? 'null'),
      fc.nat({ max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
      fc.constantFrom('{"id":1,"call":"readStory","input":{"id":"../../etc/passwd"}}', '{"__proto__":{"x":1}}'),
    );
    // Our own calls' ids, above anything the fuzzed frames use (their integers are 32-bit).
    const OWN_IDS = 2 ** 40;
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(frame, async (data) => {
        sent += 1;
        socket.send(data);
        // A valid call after each frame: answered, in order, on the same connection.
        const answer = await call(socket, OWN_IDS + sent, 'getVaultInfo', {});
        expect(answer).toMatchObject({ ok: true });
      }),
      {
        numRuns: Number(process.env.FUZZ_RUNS ?? 50),
        seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined,
      },
    );
    // Every other reply is an envelope: an error with its code (a frame that happened to be a valid
    // call may have succeeded).
    for (const reply of replies.filter((r) => typeof r.id !== 'number' || r.id < OWN_IDS)) {
      expect(typeof reply.result?.ok).toBe('boolean');
      if (!reply.result?.ok) expect(reply.result?.error?.code).toMatch(/^(bad-request|not-found)$/);
    }
    expect(replies.filter((r) => r.result?.error?.code === 'bad-request').length).toBeGreaterThan(0);
    expect(socket.readyState).toBe(WebSocket.OPEN);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('browser host: recordings under /media/', () => {
  const FILE = '2025-03-14T09-26-53Z.webm';
  const RECORDING = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7) % 256));

  async function hostWithRecording() {
    const started = await startHost();
    const folder = join(started.root, 'rehearsals', 'raft-failover');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, FILE), RECORDING);
    await writeFile(join(folder, FILE.replace('.webm', '.json')), '{"secret": "sidecar"}');
    return { ...started, folder, cookie: await cookieFor(started.host) };
  }

  it('serves a recording behind the token, with ranges for seeking, as webm that is never sniffed', async () => {
    const { host, cookie } = await hostWithRecording();
    const path = `/media/raft-failover/${FILE}`;
    expect((await get(host.port, path)).status).toBe(401);
    expect((await get(host.port, path, { Cookie: `${cookie}x` })).status).toBe(401);
    expect((await get(host.port, path, { Cookie: cookie, Host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await get(host.port, path, { Cookie: cookie, Origin: 'http://evil.example' })).status).toBe(403);

    const whole = await get(host.port, path, { Cookie: cookie });
    expect(whole.status).toBe(200);
    expect(whole.bytes.equals(RECORDING)).toBe(true);
    expect(whole.headers).toMatchObject({
      'content-type': 'video/webm',
      'content-length': '4000',
      'accept-ranges': 'bytes',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    expect(whole.headers['content-security-policy']).toContain("media-src 'self';");

    const part = await get(host.port, path, { Cookie: cookie, Range: 'bytes=1000-1999' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 1000-1999/4000');
    expect(part.bytes.equals(RECORDING.subarray(1000, 2000))).toBe(true);
    expect((await get(host.port, path, { Cookie: cookie, Range: 'bytes=9000-' })).status).toBe(416);

    const head = await get(host.port, path, { Cookie: cookie }, '127.0.0.1', 'HEAD');
    expect(head).toMatchObject({ status: 200, body: '' });
    expect(head.headers['content-length']).toBe('4000');
  });

  it('serves nothing else: no sidecars, no listings, no paths out of rehearsals/, no links', async () => {
    const { host, cookie, folder, root } = await hostWithRecording();
    await writeFile(join(root, 'stories', 'x.webm'), 'a story folder file');
    await symlink(join(root, 'stories', 'x.webm'), join(folder, '2025-03-14T09-26-54Z.webm'));
    for (const path of [
      `/media/raft-failover/${FILE.replace('.webm', '.json')}`,
      '/media/',
      '/media/raft-failover/',
      '/media/raft-failover',
      '/media/raft-failover/2025-03-14T09-26-54Z.webm',
      `/media/../stories/x.webm`,
      `/media/%2e%2e/stories/x.webm`,
      `/media/raft-failover/..%2f..%2fstories%2fx.webm`,
      `/media/raft-failover/%2e%2e/%2e%2e/stories/x.webm`,
      `/media/raft-failover\\..\\..\\stories\\x.webm`,
      `/media/raft-failover/${FILE}%00`,
    ]) {
      const answer = await get(host.port, path, { Cookie: cookie });
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toMatch(/sidecar|story folder/);
    }
  });
});
