/**
 * The page's Content Security Policy, one definition for both hosts (Electron's protocol handler
 * and the browser host send it as a header; the built index.html carries it as a meta tag too).
 * No 'unsafe-eval', no 'unsafe-inline' scripts, no remote origin: if sanitising ever failed, an
 * injected script still would not run and could not send anything anywhere.
 */
const DIRECTIVES: Array<[string, string]> = [
  ['default-src', "'none'"],
  // 'wasm-unsafe-eval' lets the page compile WebAssembly (onnxruntime-web, which runs the on-device
  // voice-activity model) and nothing else: eval() and new Function() stay blocked, and the wasm
  // itself can only come from 'self' (connect-src). Never 'unsafe-eval'.
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  ['style-src', "'self'"],
  // Svelte sets element style attributes for layout (widths, transforms); attributes cannot
  // carry selectors, so they cannot be used for CSS-based exfiltration.
  ['style-src-attr', "'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self'"],
  // Recordings are played from the page's own origin only: /media/… on the browser host,
  // storybank://app/media/… in Electron, both served from the vault's rehearsals/ folder.
  ['media-src', "'self'"],
  ['connect-src', "'self'"],
  ['worker-src', "'self'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['object-src', "'none'"],
  ['frame-src', "'none'"],
];

/** For a response header; adds what a meta tag may not carry. */
export function contentSecurityPolicy(): string {
  return [...DIRECTIVES, ['frame-ancestors', "'none'"]].map(([name, value]) => `${name} ${value}`).join('; ');
}

/** For the `<meta http-equiv>` tag in index.html (frame-ancestors is ignored there). */
export function contentSecurityPolicyMeta(): string {
  return DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');
}

/**
 * The meta tag's policy for a page from Vite's dev server (`npm run dev`), which injects each
 * component's styles as `<style>` elements: they carry the run's random nonce (Vite's
 * `html.cspNonce`), which style-src allows, and nothing else is loosened — no 'unsafe-inline'
 * style elements, scripts still 'self' only. `hotReloadSocket` is the dev server's WebSocket
 * origin, for a page that is not on the dev server's own origin (Electron's storybank://app).
 */
export function devServerContentSecurityPolicyMeta(styleNonce: string, hotReloadSocket?: string): string {
  if (!/^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(styleNonce))
    throw new Error('a style nonce is 16 or more base64 characters');
  if (hotReloadSocket !== undefined && !/^ws:\/\/(127\.0\.0\.1|localhost):\d{1,5}$/.test(hotReloadSocket)) {
    throw new Error('the hot reload socket must be ws:// on a loopback address');
  }
  return DIRECTIVES.map(([name, value]) => {
    if (name === 'style-src') return `${name} ${value} 'nonce-${styleNonce}'`;
    if (name === 'connect-src' && hotReloadSocket) return `${name} ${value} ${hotReloadSocket}`;
    return `${name} ${value}`;
  }).join('; ');
}
