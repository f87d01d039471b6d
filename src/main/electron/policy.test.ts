import { describe, expect, it } from 'vitest';
import {
  allowNavigation,
  APP_ENTRY_URL,
  appRequest,
  grantPermission,
  isTrustedSender,
  openExternally,
  rendererDevServer,
  webPreferences,
  windowOptions,
} from './policy';

describe('Electron security policy', () => {
  it('window web preferences are exactly the secure set, and the window uses them', () => {
    // Exact: a new key (enableBlinkFeatures, additionalArguments, …) is a decision this test must see.
    expect(webPreferences('/app/out/preload/index.cjs')).toEqual({
      preload: '/app/out/preload/index.cjs',
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
    });
    expect(windowOptions('/p.cjs', { width: 1000, height: 700, x: 5, y: 6 }).webPreferences).toEqual(
      webPreferences('/p.cjs'),
    );
  });

  it('window web preferences follow the security checklist', () => {
    expect(webPreferences('/app/out/preload/index.cjs')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    const options = windowOptions('/p.cjs');
    expect(options.show).toBe(false);
    expect(options.webPreferences.preload).toBe('/p.cjs');
  });

  it('allows no navigation away from the app page', () => {
    expect(allowNavigation(APP_ENTRY_URL)).toBe(true);
    for (const url of [
      'http://127.0.0.1:8080/index.html',
      'storybank://app.evil.example/index.html',
      'storybank://evil@app/../index.html',
      'storybank://app/media/raft/2025-03-14T09-26-53Z.webm',
      'devtools://devtools/bundled/inspector.html',
      'chrome://settings',
      'about:blank',
      'data:text/html,<script>alert(1)</script>',
      'blob:storybank://app/1234',
      'https://example.com',
      'file:///etc/passwd',
      'storybank://other/index.html',
      'storybank://app/evil.html',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(allowNavigation(url)).toBe(false);
    }
  });

  it('opens only web and mail links in the system browser', () => {
    expect(openExternally('https://example.com/x')).toBe(true);
    expect(openExternally('mailto:a@b.c')).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'storybank://app/index.html',
      '',
    ]) {
      expect(openExternally(url)).toBe(false);
    }
  });

  it('grants camera and microphone to our own page only, and nothing else to anyone', () => {
    expect(grantPermission('media', APP_ENTRY_URL)).toBe(true);
    expect(grantPermission('media', 'https://example.com')).toBe(false);
    expect(grantPermission('media', undefined)).toBe(false);
    for (const permission of ['geolocation', 'notifications', 'openExternal', 'midi', 'hid', 'serial', 'usb']) {
      expect(grantPermission(permission, APP_ENTRY_URL)).toBe(false);
    }
    for (const permission of [
      'clipboard-read',
      'display-capture',
      'fullscreen',
      'pointerLock',
      'keyboardLock',
      'idle-detection',
      'storage-access',
      'fileSystem',
      'window-management',
      'unknown',
    ]) {
      expect(grantPermission(permission, APP_ENTRY_URL), permission).toBe(false);
    }
    for (const url of [
      'file:///index.html',
      'http://127.0.0.1:1234/index.html',
      'storybank://app.evil/index.html',
      'storybank://other/index.html',
      'devtools://devtools/x',
      'about:blank',
      '',
    ]) {
      expect(grantPermission('media', url), url).toBe(false);
    }
  });

  it('answers IPC only from our own page’s main frame', () => {
    expect(isTrustedSender(APP_ENTRY_URL, true)).toBe(true);
    expect(isTrustedSender(APP_ENTRY_URL, false)).toBe(false);
    expect(isTrustedSender('https://example.com/', true)).toBe(false);
    expect(isTrustedSender(undefined, true)).toBe(false);
    for (const url of [
      '',
      'about:blank',
      'about:srcdoc',
      'file:///work/out/renderer/index.html',
      'devtools://devtools/bundled/inspector.html',
      'chrome-error://chromewebdata/',
      'data:text/html,x',
      'http://127.0.0.1:5173/',
      'storybank://app.evil.example/index.html',
      'storybank://evil/index.html',
      'storybanks://app/index.html',
      'storybank://evil@app/index.html',
      'storybank://app:1@app/index.html',
      'storybank://app:8080/index.html',
      'not a url',
    ]) {
      expect(isTrustedSender(url, true), url).toBe(false);
    }
  });

  it('serves recordings from storybank://app/media/<story-id>/<stem>.webm only, and the renderer otherwise', () => {
    const file = '2025-03-14T09-26-53Z.webm';
    expect(appRequest(`storybank://app/media/raft/${file}`)).toEqual({
      kind: 'media',
      path: `/media/raft/${file}`,
      target: { storyId: 'raft', file },
    });
    expect(appRequest(`storybank://app/media/raft/${file}?t=1#x`)).toMatchObject({ kind: 'media' });
    expect(appRequest('storybank://app/index.html')).toEqual({ kind: 'renderer', path: '/index.html' });
    expect(appRequest('storybank://app/assets/index.js')).toEqual({ kind: 'renderer', path: '/assets/index.js' });
    for (const url of [
      `storybank://media/raft/${file}`,
      `storybank://evil/media/raft/${file}`,
      `file:///media/raft/${file}`,
      `https://app/media/raft/${file}`,
      'storybank://app/media/../index.html',
      'storybank://app/media/raft/../../../etc/passwd',
      `storybank://app/media/%2e%2e/raft/${file}`,
      `storybank://app/media/raft/%2e%2e%2f${file}`,
      `storybank://app/media/raft/..%2f..%2fstories%2fa.md`,
      `storybank://app/media/raft\\..\\${file}`,
      `storybank://app/media/raft/${file}%00`,
      `storybank://app/media/raft/${file}\u0000`,
      `storybank://app/media//etc/${file}`,
      `storybank://app/media/raft/${file.replace('.webm', '.json')}`,
      'storybank://app/media/raft/',
      'storybank://app/media/',
      `storybank://app/x/../media/raft/${file}`,
      'not a url',
    ]) {
      expect(appRequest(url), url).toBeNull();
    }
  });
});

describe("the renderer's dev server (npm run dev with Electron)", () => {
  it('is used only by an unpackaged app, and only on plain http at a loopback address and port', () => {
    expect(rendererDevServer('http://localhost:5173', false)).toBe('http://localhost:5173');
    expect(rendererDevServer('http://127.0.0.1:5174/', false)).toBe('http://127.0.0.1:5174');
    for (const url of [
      undefined,
      '',
      'not a url',
      'https://127.0.0.1:5173',
      'http://example.com:5173',
      'http://127.0.0.1.example.com:5173',
      'http://user:pass@127.0.0.1:5173',
      'http://127.0.0.1',
      'file:///tmp/index.html',
      'storybank://app',
    ]) {
      expect(rendererDevServer(url, false), String(url)).toBeNull();
    }
    expect(rendererDevServer('http://localhost:5173', true)).toBeNull();
  });
});
