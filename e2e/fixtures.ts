import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test as base, _electron, type Locator, type Page } from '@playwright/test';
import { findElectronBinary } from '../scripts/electron-binary.js';
import { startHost, stopHost, type HostProcess } from '../test/helpers/hostProcess';

export { expect } from '@playwright/test';
export { startHost, stopHost, type HostProcess } from '../test/helpers/hostProcess';

export const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLE_STORIES = join(APP_ROOT, 'resources', 'sample-vault');

/**
 * Waits for the app to mount: index.html's "Opening your stories…" goes when it does. The page
 * mounts once its connection is open and the stories have come (or 400 ms have passed), after
 * the load event, so a key pressed right after `goto` could otherwise reach no handler yet.
 */
export async function appMounted(page: Page): Promise<void> {
  await page.locator('#app > .booting').waitFor({ state: 'detached', timeout: 15_000 });
}

/** The setup step's name for each recording mode. */
const MODE_LABELS = {
  'camera-and-mic': 'Camera and microphone',
  'mic-only': 'Microphone only',
  'no-recording': 'No recording',
} as const;

/**
 * The rehearsal's setup step (shown before the first take, and after the toolbar's Setup): chooses
 * `mode` when given, waits until the devices are open, and presses Start; the countdown follows.
 */
export async function startFromSetup(prompter: Locator, mode?: keyof typeof MODE_LABELS): Promise<void> {
  const setup = prompter.getByTestId('rehearsal-setup');
  await expect(setup).toBeVisible();
  if (mode) await setup.getByRole('radio', { name: MODE_LABELS[mode] }).check();
  const start = setup.getByRole('button', { name: 'Start', exact: true });
  await expect(start).toBeEnabled({ timeout: 15_000 });
  // Nothing waits after the click: the countdown (3 s) starts at once, and callers check it.
  await start.click();
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
      // Where it cannot run here, CI runs it (on Ubuntu under xvfb-run, macOS and Windows).
      const reason = 'reason' in binary ? `electron: ${binary.reason}; it runs in CI (.github/workflows/ci.yml)` : '';
      testInfo.skip('reason' in binary, reason);
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
