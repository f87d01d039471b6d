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

export type Verdict = 'ok' | 'bad-request' | 'forbidden' | 'unauthorized';

/**
 * The request's target as a URL, or null when it is not one we answer: only the origin form
 * ("/path?query") that browsers send to a server. An absolute form ("http://host/…"), "*" or
 * anything `URL` cannot parse ("http://[") is a bad request, never an exception.
 */
export function requestTarget(raw: string | undefined): URL | null {
  if (!raw?.startsWith('/')) return null;
  try {
    // Prefixed rather than resolved against a base, so "//evil/x" stays a path on our host.
    return new URL(`http://127.0.0.1${raw}`);
  } catch {
    return null;
  }
}

/**
 * Who may talk to the browser host: requests naming our own loopback address in Host (a DNS
 * rebinding page names its own domain), from our own Origin when a browser sends one, carrying
 * the per-run token in the query or in the cookie the first visit set. A target that is not one
 * we answer (see requestTarget) is a bad request, whoever sends it.
 *
 * `devServerPort`, for `npm run dev` only (never `story-bank serve`): the page comes from Vite's
 * dev server on that loopback port, which forwards the API and recordings here, so its address is
 * accepted as ours too. The token is still required: it travels in the same cookie.
 */
export function judgeRequest(
  request: IncomingMessage,
  port: number,
  token: string,
  requireOrigin: boolean,
  devServerPort?: number,
): Verdict {
  const target = requestTarget(request.url);
  if (!target) return 'bad-request';
  const allowedHosts = [port, ...(devServerPort === undefined ? [] : [devServerPort])].flatMap((p) => [
    `127.0.0.1:${p}`,
    `localhost:${p}`,
  ]);
  const host = request.headers.host ?? '';
  if (!allowedHosts.includes(host)) return 'forbidden';
  const origin = request.headers.origin;
  if (origin !== undefined || requireOrigin) {
    if (!allowedHosts.some((allowed) => origin === `http://${allowed}`)) return 'forbidden';
  }
  const given = target.searchParams.get('token') ?? readCookie(request, cookieName(port));
  return tokensMatch(given, token) ? 'ok' : 'unauthorized';
}
