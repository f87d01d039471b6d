import { expect, test } from './fixtures';

test.describe('the browser host', () => {
  test('refuses a request without the token with 401 and no data', async ({ host, request }) => {
    const response = await request.get(`${host.origin}/`);
    expect(response.status()).toBe(401);
    expect(await response.text()).not.toContain('<script');
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

  test('refuses a WebSocket from a foreign origin or without the token', async ({
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
