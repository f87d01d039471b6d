#!/usr/bin/env node
// Screenshots of the "first hour" fixes (issue 17) at the window sizes the issue and the layout
// spec name, each on its own temp copy of the sample vault with one story removed (criterion 1
// fails): the export's confirmation for a failing bank (item 4), the Delete confirmation (1), a new
// story with its title selected (6), Done in the editor (7) and the import dialog's formats (15).
// Writes docs/screenshots/first-hour-*.png. Needs `npx electron-vite build`.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs', 'screenshots');
const SIZES = [
  [900, 700],
  [1024, 768],
  [1280, 800],
  [1920, 1080],
];

/** A browser host on a fresh seven-story copy of the sample vault; returns its address and its stop. */
async function startHost() {
  const dir = await mkdtemp(join(tmpdir(), 'story-bank-shot-'));
  const vault = join(dir, 'vault');
  await cp(join(root, 'resources', 'sample-vault'), vault, { recursive: true });
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
  const stop = async () => {
    const exited = new Promise((resolve) => host.once('exit', resolve));
    host.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  return { url, stop };
}

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
await mkdir(out, { recursive: true });
for (const [width, height] of SIZES) {
  const { url, stop } = await startHost();
  const page = await browser.newPage({ viewport: { width, height } });
  const shot = (name) => page.screenshot({ path: join(out, `first-hour-${name}-${width}.png`) });
  await page.goto(url);
  await page.getByTestId('story-card').first().waitFor();

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('button', { name: 'Export anyway' }).waitFor();
  await shot('export-confirm');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Caching verified certificate chains' }).click();
  await page.getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('button', { name: 'Delete story' }).waitFor();
  await shot('delete');
  await page.getByRole('button', { name: 'Cancel' }).click();

  const editor = page.getByTestId('story-editor');
  await editor.getByRole('textbox', { name: 'New key phrase' }).focus();
  await page.keyboard.press('Tab');
  await shot('done');
  await editor.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('button', { name: 'New story in Learning from failure' }).click();
  await editor.getByRole('textbox', { name: 'Title', exact: true }).waitFor();
  await page.locator('#field-title:focus').waitFor();
  await shot('new-title');
  await editor.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByTestId('import-formats').waitFor();
  await shot('import');
  await page.keyboard.press('Escape');

  await page.close();
  await stop();
}
await browser.close();
console.log('screenshots written to docs/screenshots/');
