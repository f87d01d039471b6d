import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  contentSecurityPolicyMeta,
  devServerContentSecurityPolicyMeta,
} from './contentSecurityPolicy';

describe('content security policy', () => {
  it('allows only our own scripts, never eval or inline script, and no remote origin', () => {
    for (const policy of [contentSecurityPolicy(), contentSecurityPolicyMeta()]) {
      expect(policy).toMatch(/default-src 'none'/);
      // WebAssembly compilation for the voice model, and nothing more: no 'unsafe-eval'.
      expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
      expect(policy).not.toMatch(/'unsafe-eval'|https?:|\*/);
      expect(policy).toMatch(/object-src 'none'/);
      expect(policy).toMatch(/base-uri 'none'/);
      expect(/script-src [^;]*unsafe-inline/.test(policy)).toBe(false);
    }
    expect(contentSecurityPolicy()).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicyMeta()).not.toContain('frame-ancestors');
  });

  it("plays media from the page's own origin only (recordings under /media/), and from nowhere else", () => {
    for (const policy of [contentSecurityPolicy(), contentSecurityPolicyMeta()]) {
      const media = policy.split('; ').filter((directive) => directive.startsWith('media-src '));
      expect(media).toEqual(["media-src 'self'"]);
    }
  });
});

describe("the dev server's policy (npm run dev)", () => {
  const nonce = 'c2VjcmV0LW5vbmNlLTEyMzQ1';

  it('differs from the shipped one only by the style nonce (and a loopback hot reload socket)', () => {
    const shipped = contentSecurityPolicyMeta().split('; ');
    const dev = devServerContentSecurityPolicyMeta(nonce).split('; ');
    expect(dev.filter((directive) => !shipped.includes(directive))).toEqual([`style-src 'self' 'nonce-${nonce}'`]);
    const electron = devServerContentSecurityPolicyMeta(nonce, 'ws://127.0.0.1:5173').split('; ');
    expect(electron.filter((directive) => !shipped.includes(directive))).toEqual([
      `style-src 'self' 'nonce-${nonce}'`,
      "connect-src 'self' ws://127.0.0.1:5173",
    ]);
    for (const policy of [dev.join('; '), electron.join('; ')]) {
      expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
      expect(policy).not.toMatch(/'unsafe-eval'|https?:|\*/);
      expect(/style-src [^;]*unsafe-inline/.test(policy)).toBe(false);
    }
  });

  it('refuses a nonce or socket that could widen the policy', () => {
    expect(() => devServerContentSecurityPolicyMeta("x'; script-src *")).toThrow(/nonce/);
    expect(() => devServerContentSecurityPolicyMeta('short')).toThrow(/nonce/);
    expect(() => devServerContentSecurityPolicyMeta(nonce, 'ws://example.com:5173')).toThrow(/loopback/);
    expect(() => devServerContentSecurityPolicyMeta(nonce, 'ws://127.0.0.1:5173 https:')).toThrow(/loopback/);
  });
});
