import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, _electron, type Page } from '@playwright/test';
import { findElectronBinary } from '../scripts/electron-binary.js';

export { expect } from '@playwright/test';

export const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLE_STORIES = join(APP_ROOT, 'resources', 'sample-vault');

export interface HostProcess {
  url: string;
  origin: string;
  token: string;
  child: ChildProcess;
  output: () => string;
}

/**
 * Starts `story-bank serve VAULT` from the built app and waits for the address it prints; on
 * `port` when given (a restart on the address a page still has open), else on a free one.
 */
export async function startHost(vault: string, extraEnv: NodeJS.ProcessEnv = {}, port = 0): Promise<HostProcess> {
  const args = [join(APP_ROOT, 'out', 'main', 'cli.js'), 'serve', vault, '--port', String(port)];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`the host printed no address in 15 s:\n${output}`)), 15_000);
    const look = (): void => {
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    };
    child.stdout.on('data', look);
    child.once('exit', (code) => reject(new Error(`the host exited with ${code}:\n${output}`)));
  });
  const parsed = new URL(url);
  return { url, origin: parsed.origin, token: parsed.searchParams.get('token') ?? '', child, output: () => output };
}

/**
 * Waits for the app to mount: index.html's "Opening your stories…" goes when it does. The page
 * mounts once its connection is open and the stories have come (or 400 ms have passed), after
 * the load event, so a key pressed right after `goto` could otherwise reach no handler yet.
 */
export async function appMounted(page: Page): Promise<void> {
  await page.locator('#app > .booting').waitFor({ state: 'detached', timeout: 15_000 });
}

export async function stopHost(host: HostProcess): Promise<void> {
  if (host.child.exitCode !== null) return;
  const exited = new Promise((r) => host.child.once('exit', r));
  host.child.kill('SIGTERM');
  await exited;
}

interface Fixtures {
  /** A fresh copy of the sample vault in a temp folder. */
  vault: string;
  /** The app's page, in Chromium through the browser host or in Electron, on `vault`. */
  app: Page;
  /** The browser host serving `vault` (web project only). */
  host: HostProcess;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  vault: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'story-bank-e2e-'));
    const vault = join(dir, 'vault');
    await cp(SAMPLE_STORIES, vault, { recursive: true });
    await use(vault);
    await rm(dir, { recursive: true, force: true });
  },
  host: async ({ vault }, use, testInfo) => {
    testInfo.skip(testInfo.project.name !== 'web', 'the browser host is exercised by the web project');
    const host = await startHost(vault);
    await use(host);
    await stopHost(host);
  },
  // Chromium is launched here rather than through Playwright's `browser` fixture, so the electron
  // project never tries to start a browser it does not use.
  app: async ({ vault, playwright, launchOptions }, use, testInfo) => {
    if (testInfo.project.name === 'electron') {
      const binary = findElectronBinary();
      testInfo.skip('reason' in binary, 'reason' in binary ? `electron: ${binary.reason}` : '');
      if (!('path' in binary)) return;
      const electronApp = await _electron.launch({ executablePath: binary.path, args: [APP_ROOT, '--vault', vault] });
      const page = await electronApp.firstWindow();
      await appMounted(page);
      await use(page);
      await electronApp.close();
      return;
    }
    const host = await startHost(vault);
    const browser = await playwright.chromium.launch(launchOptions);
    // A page of its own context: axe-core's Playwright runner needs one.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(host.url);
    await appMounted(page);
    await use(page);
    await browser.close();
    await stopHost(host);
  },
});
