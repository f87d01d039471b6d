import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { APP_ROOT, expect, test } from './fixtures';

/** A recording in the vault, and where the page plays it from. */
const RECORDING = { storyId: 'raft-attestation-log', file: '2025-03-14T09-26-53Z.webm' };
const RECORDING_PATH = `/media/${RECORDING.storyId}/${RECORDING.file}`;

/**
 * Asks the host to open the API socket at `path`, as a page of `origin` would, and resolves with
 * its answer: 101 (opened) or the status it refused with.
 */
function openSocket(origin: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${origin}${path}`, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        Origin: origin,
      },
    });
    request.once('upgrade', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode ?? 0);
    });
    request.once('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once('error', reject);
    request.end();
  });
}

test.describe('the browser host', () => {
  test('without the token refuses the page, its scripts, the API socket and a recording; with it serves them', async ({
    host,
    vault,
    playwright,
  }) => {
    const recording = randomBytes(4096);
    await mkdir(join(vault, 'rehearsals', RECORDING.storyId), { recursive: true });
    await writeFile(join(vault, 'rehearsals', RECORDING.storyId, RECORDING.file), recording);
    const script = /src="\.?(\/assets\/index-[^"]+\.js)"/.exec(
      await readFile(join(APP_ROOT, 'out', 'renderer', 'index.html'), 'utf8'),
    )?.[1];
    expect(script, 'the built page names its script').toBeTruthy();

    // A client that never had the token: no query string, no cookie.
    const stranger = await playwright.request.newContext();
    for (const path of ['/', '/index.html', script as string, RECORDING_PATH]) {
      const response = await stranger.get(`${host.origin}${path}`);
      expect(response.status(), path).toBe(401);
      const body = await response.body();
      expect(body.includes(recording), path).toBe(false);
      expect(body.toString('utf8'), path).not.toMatch(/<script|import\(/);
    }
    expect(await openSocket(host.origin, '/api')).toBe(401);
    expect(await openSocket(host.origin, `/api?token=${host.token.slice(0, -2)}xx`)).toBe(401);
    await stranger.dispose();

    // The same requests with the token (traded for the cookie on the first one) are served: the
    // refusals above were the token's doing.
    const owner = await playwright.request.newContext();
    expect((await owner.get(host.url)).status()).toBe(200);
    expect((await owner.get(`${host.origin}${script}`)).status()).toBe(200);
    const served = await owner.get(`${host.origin}${RECORDING_PATH}`);
    expect(served.status()).toBe(200);
    expect((await served.body()).equals(recording)).toBe(true);
    expect(await openSocket(host.origin, `/api?token=${host.token}`)).toBe(101);
    await owner.dispose();
  });

  test('refuses a wrong token with 401', async ({ host, request }) => {
    const response = await request.get(`${host.origin}/?token=${host.token.slice(0, -2)}xx`);
    expect(response.status()).toBe(401);
  });

  test('refuses a foreign Host header (DNS rebinding) with 403', async ({ host, request }) => {
    const port = new URL(host.origin).port;
    const response = await request.get(host.url, { headers: { Host: `attacker.example:${port}` } });
    expect(response.status()).toBe(403);
  });

  test('refuses a WebSocket from a foreign origin, even with the token', async ({
    host,
    playwright,
    launchOptions,
  }) => {
    const browser = await playwright.chromium.launch(launchOptions);
    const page = await browser.newPage();
    // A page on another origin (a plain data: page) tries to open the API socket.
    await page.goto('data:text/html,<title>elsewhere</title>');
    const outcome = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(url);
          socket.onopen = () => resolve('open');
          socket.onerror = () => resolve('refused');
        }),
      `${host.origin.replace('http', 'ws')}/api?token=${host.token}`,
    );
    expect(outcome).toBe('refused');
    await browser.close();
  });

  test('serves the page with the token and a strict CSP', async ({ host, request }) => {
    const response = await request.get(host.url);
    expect(response.status()).toBe(200);
    const csp = response.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    // 'wasm-unsafe-eval' (WebAssembly for the voice model) is allowed; 'unsafe-eval' never.
    expect(csp).not.toMatch(/(^|[\s;])'unsafe-eval'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });
});
