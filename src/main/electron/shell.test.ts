import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The Electron shell only applies policy.ts, and these checks hold it to that where the Electron
 * binary cannot run (it cannot be downloaded on every machine that runs the tests). They read the
 * source, so a window built with its own options, a guard dropped or an unchecked IPC handler
 * fails here; the explained Electronegativity findings in docs/security.md rest on them.
 */
const DIR = join(process.cwd(), 'src', 'main', 'electron');
const source = (name: string): string => readFileSync(join(DIR, name), 'utf8');
const shellFiles = readdirSync(DIR).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));

describe('the Electron shell applies the policy', () => {
  it('builds every window from windowOptions(), and sets web preferences nowhere else', () => {
    const all = shellFiles.map(source).join('\n');
    const windows = all.match(/new BrowserWindow\(/g) ?? [];
    expect(windows.length).toBeGreaterThan(0);
    expect(all.match(/new BrowserWindow\(windowOptions\(/g)).toHaveLength(windows.length);
    for (const name of shellFiles.filter((n) => n !== 'policy.ts')) {
      expect(source(name), name).not.toMatch(/webPreferences\s*:|nodeIntegration|contextIsolation|sandbox\s*:/);
    }
  });

  it('guards navigation, redirects, new windows, webviews and permissions on every web contents', () => {
    const harden = source('hardenContents.ts');
    expect(harden).toMatch(
      /'will-navigate',\s*\(event, url\) => \{\s*if \(!allowNavigation\(url\)\) event\.preventDefault\(\)/,
    );
    expect(harden).toMatch(
      /'will-redirect',\s*\(event, url\) => \{\s*if \(!allowNavigation\(url\)\) event\.preventDefault\(\)/,
    );
    expect(harden).toMatch(/'will-attach-webview', \(event\) => event\.preventDefault\(\)/);
    expect(harden).toMatch(
      /setWindowOpenHandler\(\(\{ url \}\) => \{\s*if \(openExternally\(url\)\) void shell\.openExternal\(url\);\s*return \{ action: 'deny' \};/,
    );
    expect(harden).toMatch(/setPermissionRequestHandler\([^]*?callback\(grantPermission\(/);
    expect(harden).toMatch(/setPermissionCheckHandler\([^]*?grantPermission\(/);
    expect(source('index.ts')).toMatch(/hardenContents\(\);[^]*new BrowserWindow/);
    // shell.openExternal is reached through the openExternally() check only.
    for (const name of shellFiles) {
      const calls = source(name).match(/shell\.openExternal\(/g) ?? [];
      expect(calls.length, name).toBe(name === 'hardenContents.ts' ? 1 : 0);
    }
  });

  it('answers IPC only after the sender check, and serves every page with the CSP', () => {
    const ipc = source('ipc.ts');
    const check = ipc.indexOf('isTrustedSender(');
    expect(check).toBeGreaterThan(0);
    expect(ipc.indexOf('dispatch(service.handlers')).toBeGreaterThan(check);
    expect(ipc.match(/ipcMain\.(handle|on)\(/g)).toHaveLength(1);
    expect(source('protocol.ts')).toMatch(/'Content-Security-Policy': contentSecurityPolicy\(\)/);
  });
});
