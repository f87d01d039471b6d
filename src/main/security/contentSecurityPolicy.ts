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
