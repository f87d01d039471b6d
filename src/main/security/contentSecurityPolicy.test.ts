import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, contentSecurityPolicyMeta } from './contentSecurityPolicy';

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
