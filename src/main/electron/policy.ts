/**
 * Every security decision of the Electron shell, as pure functions with no `electron` import, so
 * unit tests run them under plain Node. The shell (index.ts, window.ts, ipc.ts) only applies them.
 */
import { MEDIA_PATH_PREFIX } from '../../core/rehearsal/take';
import { mediaTarget, type MediaTarget } from '../rehearsal/mediaRoute';

/** The renderer is served from this privileged custom scheme, never from file://. */
export const APP_SCHEME = 'storybank';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Where the built preload lives, relative to the app root; checked against out/ by a test. */
export const PRELOAD_RELATIVE_PATH = 'out/preload/index.cjs';
export const RENDERER_RELATIVE_DIR = 'out/renderer';

export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  spellcheck: boolean;
}

export function webPreferences(preloadPath: string): SecureWebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: true,
  };
}

export interface WindowBounds {
  width: number;
  height: number;
  x?: number;
  y?: number;
}

export function windowOptions(preloadPath: string, bounds: WindowBounds = { width: 1280, height: 800 }) {
  return {
    ...bounds,
    minWidth: 960,
    minHeight: 600,
    title: 'Story Bank',
    // Shown on ready-to-show, so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#f6f5f2',
    autoHideMenuBar: true,
    webPreferences: webPreferences(preloadPath),
  };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for pages of our own app scheme (no user name, password or port dressed around it). */
export function isOwnUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === 'app' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * What a request to our scheme asks for: a recording (`storybank://app/media/<story-id>/<stem>.webm`,
 * served from the vault's rehearsals/ folder only, so the page plays it from its own origin), or a
 * file of the built renderer. Another host, another scheme, or a media path that is not exactly a
 * recording's (`..`, encoded dots, backslashes, NUL, a sidecar, a folder) is refused: null.
 */
export type AppRequest = { kind: 'media'; path: string; target: MediaTarget } | { kind: 'renderer'; path: string };

export function appRequest(url: string): AppRequest | null {
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== 'app') return null;
  // Checked on the URL as written too: a parser that resolves `..` must not turn a refused path into a served one.
  const rawPath = /^[a-z]+:\/\/app(\/[^?#]*)/i.exec(url)?.[1] ?? '';
  if (parsed.pathname.startsWith(MEDIA_PATH_PREFIX) || rawPath.startsWith(MEDIA_PATH_PREFIX)) {
    const target = mediaTarget(parsed.pathname);
    return target && rawPath === parsed.pathname ? { kind: 'media', path: parsed.pathname, target } : null;
  }
  return { kind: 'renderer', path: parsed.pathname };
}

/** In-app navigation is never allowed: the app is one page. */
export function allowNavigation(url: string): boolean {
  return isOwnUrl(url) && parse(url)?.pathname === '/index.html';
}

/** A link the user clicked may open in the system browser if it is plain http(s) or mailto. */
export function openExternally(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && ['https:', 'http:', 'mailto:'].includes(parsed.protocol);
}

/** Camera and microphone (and nothing else) are granted, and only to our own page. */
export function grantPermission(permission: string, requestingUrl: string | undefined): boolean {
  if (!requestingUrl || !isOwnUrl(requestingUrl)) return false;
  return permission === 'media' || permission === 'clipboard-sanitized-write';
}

/** IPC is answered only for our own page's main frame. */
export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean): boolean {
  return isMainFrame && frameUrl !== undefined && isOwnUrl(frameUrl);
}

/**
 * `npm run dev` with Electron (`electron-vite dev` sets ELECTRON_RENDERER_URL): the dev server's
 * origin, whose files `storybank://app` then serves so the page keeps its own origin and every
 * rule above, with hot reload. Only an unpackaged app, and only plain http on a loopback address
 * with a port; anything else (a packaged app, a remote or credentialed URL) is null: the built files.
 */
export function rendererDevServer(url: string | undefined, isPackaged: boolean): string | null {
  if (isPackaged || !url) return null;
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== 'http:' || parsed.username !== '' || parsed.password !== '') return null;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname) || parsed.port === '') return null;
  return parsed.origin;
}
