import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares in constant time; hashing first makes the lengths equal, so length leaks nothing. */
export function tokensMatch(given: string | undefined | null, expected: string): boolean {
  if (!given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function cookieName(port: number): string {
  // Cookies are shared between ports of one host, so the name carries ours.
  return `story-bank-${port}`;
}

export function readCookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

export type Verdict = 'ok' | 'forbidden' | 'unauthorized';

/**
 * Who may talk to the browser host: requests naming our own loopback address in Host (a DNS
 * rebinding page names its own domain), from our own Origin when a browser sends one, carrying
 * the per-run token in the query or in the cookie the first visit set.
 */
export function judgeRequest(request: IncomingMessage, port: number, token: string, requireOrigin: boolean): Verdict {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = request.headers.host ?? '';
  if (!allowedHosts.includes(host)) return 'forbidden';
  const origin = request.headers.origin;
  if (origin !== undefined || requireOrigin) {
    if (!allowedHosts.some((allowed) => origin === `http://${allowed}`)) return 'forbidden';
  }
  const url = new URL(request.url ?? '/', `http://${host}`);
  const given = url.searchParams.get('token') ?? readCookie(request, cookieName(port));
  return tokensMatch(given, token) ? 'ok' : 'unauthorized';
}
