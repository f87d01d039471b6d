import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { cookieName, judgeRequest, newToken, requestTarget, tokensMatch } from './hostAuth';

const PORT = 41234;
const TOKEN = newToken();

function request(headers: Record<string, string>, url = '/'): IncomingMessage {
  return { headers, url } as unknown as IncomingMessage;
}

describe('the browser host token', () => {
  it('is 32 random bytes, different every run', () => {
    expect(Buffer.from(TOKEN, 'base64url')).toHaveLength(32);
    expect(newToken()).not.toBe(TOKEN);
  });

  it('matches only itself, whatever the length or content of the guess, and never throws', () => {
    expect(tokensMatch(TOKEN, TOKEN)).toBe(true);
    for (const guess of [
      undefined,
      null,
      '',
      TOKEN.slice(0, -1),
      `${TOKEN}x`,
      `${TOKEN.slice(0, -1)}${TOKEN.endsWith('A') ? 'B' : 'A'}`,
      TOKEN.toUpperCase() === TOKEN ? TOKEN.toLowerCase() : TOKEN.toUpperCase(),
      ` ${TOKEN}`,
      `${TOKEN}\u0000`,
      'x'.repeat(100_000),
      '\u{1F600}'.repeat(43),
    ]) {
      // Different lengths would make a bare timingSafeEqual throw; hashing first makes them equal.
      expect(tokensMatch(guess, TOKEN), String(guess).slice(0, 50)).toBe(false);
    }
  });
});

describe('who may talk to the browser host', () => {
  const host = `127.0.0.1:${PORT}`;
  const origin = `http://${host}`;

  it('admits our own address with the token, in the query or in our cookie', () => {
    expect(judgeRequest(request({ host }, `/?token=${TOKEN}`), PORT, TOKEN, false)).toBe('ok');
    expect(judgeRequest(request({ host: `localhost:${PORT}` }, `/?token=${TOKEN}`), PORT, TOKEN, false)).toBe('ok');
    expect(judgeRequest(request({ host, cookie: `a=b; ${cookieName(PORT)}=${TOKEN}` }), PORT, TOKEN, false)).toBe('ok');
    expect(judgeRequest(request({ host, origin }, `/api?token=${TOKEN}`), PORT, TOKEN, true)).toBe('ok');
  });

  it('answers unauthorized without the token, with a wrong one, or with the cookie of another port', () => {
    expect(judgeRequest(request({ host }), PORT, TOKEN, false)).toBe('unauthorized');
    expect(judgeRequest(request({ host }, `/?token=${TOKEN}x`), PORT, TOKEN, false)).toBe('unauthorized');
    expect(judgeRequest(request({ host }, '/?token='), PORT, TOKEN, false)).toBe('unauthorized');
    expect(judgeRequest(request({ host, cookie: `${cookieName(PORT + 1)}=${TOKEN}` }), PORT, TOKEN, false)).toBe(
      'unauthorized',
    );
  });

  it('forbids any other Host (DNS rebinding) or Origin, even with the token', () => {
    const withToken = `/?token=${TOKEN}`;
    for (const other of [
      `evil.example:${PORT}`,
      `127.0.0.1.nip.io:${PORT}`,
      `127.0.0.1:${PORT + 1}`,
      '127.0.0.1',
      `[::1]:${PORT}`,
      `0.0.0.0:${PORT}`,
      `127.0.0.2:${PORT}`,
      '',
    ]) {
      expect(judgeRequest(request({ host: other }, withToken), PORT, TOKEN, false), other).toBe('forbidden');
    }
    expect(judgeRequest(request({}, withToken), PORT, TOKEN, false)).toBe('forbidden');
    for (const other of ['http://evil.example', 'null', `https://${host}`, `http://${host}.evil.example`, '']) {
      expect(judgeRequest(request({ host, origin: other }, withToken), PORT, TOKEN, false), other).toBe('forbidden');
    }
    // The WebSocket needs an Origin: a non-browser client without one is refused there.
    expect(judgeRequest(request({ host }, `/api${withToken}`), PORT, TOKEN, true)).toBe('forbidden');
  });

  it('calls a target that is not a path a bad request, without throwing', () => {
    const host = `127.0.0.1:${PORT}`;
    for (const target of [
      'http://[',
      `http://${host}/?token=${TOKEN}`,
      '*',
      'api',
      '',
      `//evil.example/?token=${TOKEN}`,
    ]) {
      const verdict = judgeRequest(request({ host }, target), PORT, TOKEN, false);
      expect(verdict, target).toBe(target.startsWith('//') ? 'ok' : 'bad-request');
    }
    expect(requestTarget('//evil.example/api')?.host).toBe('127.0.0.1');
  });
});

describe("the dev server's address (npm run dev only)", () => {
  const DEV = 45678;
  const cookie = `${cookieName(PORT)}=${TOKEN}`;
  const fromDev = (extra: Record<string, string> = {}): IncomingMessage =>
    request({ host: `127.0.0.1:${DEV}`, origin: `http://127.0.0.1:${DEV}`, cookie, ...extra }, '/api');

  it('is accepted in Host and Origin when the dev host names its port, with the token still required', () => {
    expect(judgeRequest(fromDev(), PORT, TOKEN, true, DEV)).toBe('ok');
    expect(
      judgeRequest(fromDev({ host: `localhost:${DEV}`, origin: `http://localhost:${DEV}` }), PORT, TOKEN, true, DEV),
    ).toBe('ok');
    expect(judgeRequest(fromDev({ cookie: '' }), PORT, TOKEN, true, DEV)).toBe('unauthorized');
    expect(judgeRequest(fromDev({ origin: 'http://evil.example' }), PORT, TOKEN, true, DEV)).toBe('forbidden');
    expect(judgeRequest(fromDev({ host: `evil.example:${DEV}` }), PORT, TOKEN, true, DEV)).toBe('forbidden');
    expect(judgeRequest(fromDev({ origin: `http://127.0.0.1:${DEV + 1}` }), PORT, TOKEN, true, DEV)).toBe('forbidden');
  });

  it('is refused as any other address when no dev port is given (story-bank serve)', () => {
    expect(judgeRequest(fromDev(), PORT, TOKEN, true)).toBe('forbidden');
    expect(judgeRequest(fromDev({ origin: `http://127.0.0.1:${PORT}` }), PORT, TOKEN, true)).toBe('forbidden');
  });
});
