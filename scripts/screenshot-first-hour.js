#!/usr/bin/env node
// Screenshots of the "first hour" fixes (issue 17 items 4 and 1) at the three sizes the issue
// names, on a temp copy of the sample vault: the export's confirmation for a failing bank, and the
// Delete confirmation. Writes docs/screenshots/first-hour-*.png. Needs `npx electron-vite build`.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs', 'screenshots');
const dir = await mkdtemp(join(tmpdir(), 'story-bank-shot-'));
const vault = join(dir, 'vault');
await cp(join(root, 'resources', 'sample-vault'), vault, { recursive: true });
// Seven stories: criterion 1 fails, so the export asks first.
await rm(join(vault, 'stories', '08-failing-a-live-demo-at-the-week-12-checkpoint.md'));
const host = spawn(process.execPath, [join(root, 'out', 'main', 'cli.js'), 'serve', vault, '--port', '0'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((resolve) => {
  let text = '';
  host.stdout.on('data', (chunk) => {
    text += chunk;
    const match = /running at (\S+)/.exec(text);
    if (match) resolve(match[1]);
  });
});
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
await mkdir(out, { recursive: true });
for (const [width, height] of [
  [1280, 800],
  [1024, 768],
  [900, 700],
]) {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(url);
  await page.getByTestId('story-card').first().waitFor();
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('button', { name: 'Export anyway' }).waitFor();
  await page.screenshot({ path: join(out, `first-hour-export-confirm-${width}.png`) });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Caching verified certificate chains' }).click();
  await page.getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('button', { name: 'Delete story' }).waitFor();
  await page.screenshot({ path: join(out, `first-hour-delete-${width}.png`) });
  await page.close();
}
await browser.close();
host.kill('SIGTERM');
await rm(dir, { recursive: true, force: true });
console.log('screenshots written to docs/screenshots/');
