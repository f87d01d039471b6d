import { spawn, type ChildProcess } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tempDir } from './helpers/tempDir';

const root = process.cwd();
const cli = join(root, 'out', 'main', 'cli.js');

/** The environment without GIT_DIR and friends, so the host's vault stays in its temp folder. */
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_')));

interface Host {
  child: ChildProcess;
  port: number;
  token: string;
  output: () => string;
}

/** `story-bank serve VAULT --port 0` from the built app, once it prints its address. */
async function startServe(vault: string): Promise<Host> {
  const child = spawn(process.execPath, [cli, 'serve', vault, '--port', '0'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<URL>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match) resolve(new URL(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`the host exited with ${code}:\n${output}`)));
  });
  return { child, port: Number(url.port), token: url.searchParams.get('token') ?? '', output: () => output };
}

interface Exchange {
  /** The status line's code, or null when the host closed without answering. */
  status: number | null;
  text: string;
}

/**
 * Sends `bytes` over a raw TCP connection and collects what comes back until the host closes it.
 * `then`: 'end' half-closes our side after sending (a client that stops mid-request), 'destroy'
 * drops the connection at once (an early close, nothing to collect), 'wait' leaves it open.
 */
function exchange(port: number, bytes: Buffer | string, then: 'wait' | 'end' | 'destroy' = 'wait'): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const parts: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => parts.push(chunk));
    // A reset after the answer (the host closing with our bytes unread) still counts as closed.
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    socket.on('close', () => {
      const text = Buffer.concat(parts).toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(text);
      resolve({ status: status ? Number(status[1]) : null, text });
    });
    socket.on('connect', () => {
      socket.write(bytes);
      if (then === 'end') socket.end();
      if (then === 'destroy') socket.destroy();
    });
  });
}

const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

/**
 * The corpus: each entry builds raw request bytes for the host on `port` with token `token`.
 * Every entry is sent twice, as a plain request and as a WebSocket upgrade (`upgrade` holds the
 * upgrade headers, or the plain request's Connection: close).
 */
type Case = (ctx: { port: number; token: string; upgrade: string }) => string | Buffer;

const ours = (port: number) => `Host: 127.0.0.1:${port}\r\n`;
const origin = (port: number) => `Origin: http://127.0.0.1:${port}\r\n`;

const CORPUS: Record<string, Case> = {
  'target that is not a URL (the crash)': ({ port, upgrade }) => `GET http://[ HTTP/1.1\r\n${ours(port)}${upgrade}\r\n`,
  'absolute-form target naming us': ({ port, token, upgrade }) =>
    `GET http://127.0.0.1:${port}/api?token=${token} HTTP/1.1\r\n${ours(port)}${origin(port)}${upgrade}\r\n`,
  'absolute-form target naming another host': ({ port, upgrade }) =>
    `GET http://evil.example/api HTTP/1.1\r\n${ours(port)}${upgrade}\r\n`,
  'asterisk target': ({ port, upgrade }) => `GET * HTTP/1.1\r\n${ours(port)}${upgrade}\r\n`,
  'protocol-relative target': ({ port, upgrade }) => `GET //evil.example/api HTTP/1.1\r\n${ours(port)}${upgrade}\r\n`,
  'target without a leading slash': ({ port, upgrade }) => `GET api HTTP/1.1\r\n${ours(port)}${upgrade}\r\n`,
  'bad percent escape': ({ port, upgrade }) => `GET /%zz HTTP/1.1\r\n${ours(port)}${upgrade}\r\n`,
  'escaped NUL in the path': ({ port, upgrade }) => `GET /%00 HTTP/1.1\r\n${ours(port)}${upgrade}\r\n`,
  'bad escape in the token': ({ port, upgrade }) => `GET /api?token=%zz%ff HTTP/1.1\r\n${ours(port)}${upgrade}\r\n`,
  'two tokens': ({ port, token, upgrade }) => `GET /api?token=x&token=${token} HTTP/1.1\r\n${ours(port)}${upgrade}\r\n`,
  'dot segments': ({ port, upgrade }) => `GET /../../../etc/passwd HTTP/1.1\r\n${ours(port)}${upgrade}\r\n`,
  'raw NUL in the target': ({ port, upgrade }) => `GET /a\0b HTTP/1.1\r\n${ours(port)}${upgrade}\r\n`,
  'bytes that are not UTF-8 in the target': ({ port, upgrade }) =>
    Buffer.concat([
      Buffer.from('GET /'),
      Buffer.from([0xff, 0xfe, 0x80]),
      Buffer.from(` HTTP/1.1\r\n${ours(port)}${upgrade}\r\n`),
    ]),
  'unknown method': ({ port, upgrade }) => `FROB /api HTTP/1.1\r\n${ours(port)}${upgrade}\r\n`,
  'method that is not a token': ({ port, upgrade }) => `G{T /api HTTP/1.1\r\n${ours(port)}${upgrade}\r\n`,
  'lower-case method': ({ port, upgrade }) => `get /api HTTP/1.1\r\n${ours(port)}${upgrade}\r\n`,
  'unknown HTTP version': ({ port, upgrade }) => `GET /api HTTP/9.9\r\n${ours(port)}${upgrade}\r\n`,
  'no HTTP version': ({ port, upgrade }) => `GET /api\r\n${ours(port)}${upgrade}\r\n`,
  'missing Host': ({ upgrade }) => `GET /api HTTP/1.1\r\n${upgrade}\r\n`,
  'duplicate Host': ({ port, token, upgrade }) =>
    `GET /api?token=${token} HTTP/1.1\r\nHost: evil.example\r\n${ours(port)}${origin(port)}${upgrade}\r\n`,
  'Host that is not a host': ({ upgrade }) => `GET /api HTTP/1.1\r\nHost: [\r\n${upgrade}\r\n`,
  'NUL in a header value': ({ port, upgrade }) => `GET /api HTTP/1.1\r\n${ours(port)}X-A: a\0b\r\n${upgrade}\r\n`,
  'header line without a colon': ({ port, upgrade }) => `GET /api HTTP/1.1\r\n${ours(port)}NoColon\r\n${upgrade}\r\n`,
  'space before the colon': ({ port, upgrade }) => `GET /api HTTP/1.1\r\nHost : 127.0.0.1:${port}\r\n${upgrade}\r\n`,
  'folded header line': ({ port, upgrade }) => `GET /api HTTP/1.1\r\n${ours(port)}X-A: a\r\n  folded\r\n${upgrade}\r\n`,
  'huge header': ({ port, upgrade }) =>
    `GET /api HTTP/1.1\r\n${ours(port)}X-Big: ${'a'.repeat(100_000)}\r\n${upgrade}\r\n`,
  'huge target': ({ port, upgrade }) => `GET /${'a'.repeat(100_000)} HTTP/1.1\r\n${ours(port)}${upgrade}\r\n`,
  'many headers': ({ port, upgrade }) =>
    `GET /api HTTP/1.1\r\n${ours(port)}${Array.from({ length: 3000 }, (_, i) => `X-${i}: ${i}\r\n`).join('')}${upgrade}\r\n`,
  'negative Content-Length': ({ port, upgrade }) =>
    `GET /api HTTP/1.1\r\n${ours(port)}Content-Length: -1\r\n${upgrade}\r\n`,
  'two different Content-Lengths': ({ port, upgrade }) =>
    `GET /api HTTP/1.1\r\n${ours(port)}Content-Length: 1\r\nContent-Length: 2\r\n${upgrade}\r\nab`,
  'Content-Length with Transfer-Encoding': ({ port, upgrade }) =>
    `POST /api HTTP/1.1\r\n${ours(port)}Content-Length: 3\r\nTransfer-Encoding: chunked\r\n${upgrade}\r\n0\r\n\r\n`,
  'broken chunked body': ({ port, upgrade }) =>
    `POST /api HTTP/1.1\r\n${ours(port)}Transfer-Encoding: chunked\r\n${upgrade}\r\nzz\r\nhello\r\n`,
  'mangled cookie': ({ port, upgrade }) =>
    `GET /api HTTP/1.1\r\n${ours(port)}Cookie: ;;=;story-bank-${port}=%;=x=\r\n${upgrade}\r\n`,
  'Origin "null"': ({ port, token, upgrade }) =>
    `GET /api?token=${token} HTTP/1.1\r\n${ours(port)}Origin: null\r\n${upgrade}\r\n`,
  'Origin that is not a URL': ({ port, token, upgrade }) =>
    `GET /api?token=${token} HTTP/1.1\r\n${ours(port)}Origin: http://[\r\n${upgrade}\r\n`,
  'bare line feeds': ({ port, upgrade }) =>
    `GET /api HTTP/1.1\n${ours(port).trim()}\n${upgrade.replace(/\r\n/g, '\n')}\n`,
};

/** Upgrades that pass the token and origin checks and go wrong in the WebSocket handshake itself. */
const HANDSHAKES: Record<string, (ctx: { port: number; token: string }) => string> = {
  'bad Sec-WebSocket-Key': ({ port, token }) =>
    `GET /api?token=${token} HTTP/1.1\r\n${ours(port)}${origin(port)}Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: not a key!\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  'no Sec-WebSocket-Key': ({ port, token }) =>
    `GET /api?token=${token} HTTP/1.1\r\n${ours(port)}${origin(port)}Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  'unsupported Sec-WebSocket-Version': ({ port, token }) =>
    `GET /api?token=${token} HTTP/1.1\r\n${ours(port)}${origin(port)}Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 7\r\n\r\n`,
  'Sec-WebSocket-Version that is not a number': ({ port, token }) =>
    `GET /api?token=${token} HTTP/1.1\r\n${ours(port)}${origin(port)}Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: \0x\r\n\r\n`,
  'upgrade to something else': ({ port, token }) =>
    `GET /api?token=${token} HTTP/1.1\r\n${ours(port)}${origin(port)}Upgrade: h2c\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  'upgrade by POST': ({ port, token }) =>
    `POST /api?token=${token} HTTP/1.1\r\n${ours(port)}${origin(port)}Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  'upgrade to another path': ({ port, token }) =>
    `GET /other?token=${token} HTTP/1.1\r\n${ours(port)}${origin(port)}Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
};

/** Bytes that are not HTTP at all, or stop part way. */
const RAW: Record<string, { bytes: (port: number) => Buffer | string; then: 'wait' | 'end' | 'destroy' }> = {
  'random binary': {
    bytes: () => Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 151 + 7) % 256)),
    then: 'wait',
  },
  'a TLS ClientHello': { bytes: () => Buffer.from('16030100a5010000a10303', 'hex'), then: 'end' },
  'the HTTP/2 preface': { bytes: () => 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', then: 'wait' },
  'only blank lines': { bytes: () => '\r\n\r\n\r\n', then: 'end' },
  'half a request line, then our side closed': { bytes: () => 'GET /ap', then: 'end' },
  'half the headers, then our side closed': {
    bytes: (port) => `GET /api HTTP/1.1\r\n${ours(port)}Upgrade: websock`,
    then: 'end',
  },
  'half an upgrade, then the connection dropped': {
    bytes: (port) => `GET http://[ HTTP/1.1\r\n${ours(port)}Upgrade: websocket\r\nConnection: Upgrade\r\n`,
    then: 'destroy',
  },
  'a whole crashing upgrade, dropped at once': {
    bytes: (port) => `GET http://[ HTTP/1.1\r\n${ours(port)}Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n`,
    then: 'destroy',
  },
};

const UPGRADE = `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n`;
const PLAIN = 'Connection: close\r\n';
/** What a malformed or unauthenticated request may be answered with. */
const REFUSALS = [400, 401, 403, 404, 405, 408, 414, 431, 505];

describe('the browser host answers malformed requests and stays up (story-bank serve)', () => {
  let host: Host;
  beforeAll(async () => {
    const vault = join(await tempDir(), 'vault');
    await cp(join(root, 'resources', 'sample-vault'), vault, { recursive: true });
    host = await startServe(vault);
  });
  afterAll(() => {
    host?.child.kill('SIGTERM');
  });

  /** The host is still running and serves a valid request. */
  async function stillServes(label: string): Promise<void> {
    expect(host.child.exitCode, `${label}: the host exited:\n${host.output()}`).toBeNull();
    const valid = await exchange(host.port, `GET /?token=${host.token} HTTP/1.1\r\n${ours(host.port)}${PLAIN}\r\n`);
    expect(valid.status, `${label}: a valid request after it`).toBe(303);
  }

  it(`refuses each of ${Object.keys(CORPUS).length} malformed requests, plain and as upgrades`, async () => {
    expect(Object.keys(CORPUS).length + Object.keys(HANDSHAKES).length + Object.keys(RAW).length).toBeGreaterThan(30);
    for (const [name, build] of Object.entries(CORPUS)) {
      for (const [kind, upgrade] of [
        ['plain', PLAIN],
        ['upgrade', UPGRADE],
      ]) {
        const label = `${name} (${kind})`;
        const reply = await exchange(host.port, build({ port: host.port, token: host.token, upgrade }));
        expect(REFUSALS, `${label}: ${reply.text.slice(0, 80)}`).toContain(reply.status);
        await stillServes(label);
      }
    }
  });

  it('refuses WebSocket handshakes that pass the checks but are malformed', async () => {
    for (const [name, build] of Object.entries(HANDSHAKES)) {
      const reply = await exchange(host.port, build({ port: host.port, token: host.token }));
      expect(REFUSALS, `${name}: ${reply.text.slice(0, 80)}`).toContain(reply.status);
      await stillServes(name);
    }
  });

  it('closes connections that are not HTTP or stop part way, answering where it can', async () => {
    for (const [name, { bytes, then }] of Object.entries(RAW)) {
      const reply = await exchange(host.port, bytes(host.port), then);
      if (reply.status !== null) expect(REFUSALS, name).toContain(reply.status);
      else expect(reply.text, `${name}: closed without an answer, or answered with a status line`).toBe('');
      await stillServes(name);
    }
  });

  it('still opens a WebSocket and answers a call after all of them', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, {
      headers: { Origin: `http://127.0.0.1:${host.port}` },
    });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    // Events may come first; the answer is the message with our id.
    const reply = new Promise<unknown>((resolve) =>
      socket.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString()) as { id?: number };
        if (message.id === 1) resolve(message);
      }),
    );
    socket.send(JSON.stringify({ id: 1, call: 'getVaultInfo', input: {} }));
    expect(await reply).toMatchObject({ id: 1, result: { ok: true } });
    socket.close();
    expect(host.child.exitCode).toBeNull();
  });
});
