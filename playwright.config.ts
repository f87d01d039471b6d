import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, FAKE_MEDIA_ARGS } from './scripts/chromium.js';
import { useTempCacheDir } from './test/helpers/tempCacheDir';

// Hosts started by the specs keep their parse caches in this run's folder (inherited by the workers).
useTempCacheDir();

/** Flags for Debian's Chromium on a closed network, with a fake camera and microphone. */
export const CHROMIUM_LAUNCH_ARGS = [...CHROMIUM_ARGS, ...FAKE_MEDIA_ARGS];

export default defineConfig({
  testDir: './e2e',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'web',
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_LAUNCH_ARGS },
      },
    },
    // The same specs against the real Electron app; each skips with the reason where the binary is missing.
    // The browser host's own specs (tokens, Host and Origin checks) have no Electron counterpart.
    { name: 'electron', testIgnore: /(browserHost|devLoop)\.spec\.ts/ },
  ],
});
