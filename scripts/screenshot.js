#!/usr/bin/env node
// Takes screenshots of the running app (browser host + Debian Chromium) on a temp copy of the
// sample vault: docs/screenshots/board-1280.png and board-1920.png. Used for the README.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = await mkdtemp(join(tmpdir(), 'story-bank-shot-'));
const vault = join(dir, 'vault');
await cp(join(root, 'resources', 'sample-vault'), vault, { recursive: true });
const host = spawn(process.execPath, [join(root, 'out', 'main', 'cli.js'), 'serve', vault], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((resolve) => {
  let out = '';
  host.stdout.on('data', (chunk) => {
    out += chunk;
    const match = /running at (\S+)/.exec(out);
    if (match) resolve(match[1]);
  });
});
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
await mkdir(join(root, 'docs', 'screenshots'), { recursive: true });
const schemes = (process.env.SCHEMES ?? 'light').split(',');
for (const colorScheme of schemes) {
  for (const [width, height] of [
    [1280, 800],
    [1920, 1080],
  ]) {
    const page = await browser.newPage({ viewport: { width, height }, colorScheme });
    await page.goto(url);
    await page.getByTestId('story-card').first().waitFor();
    const suffix = colorScheme === 'light' ? '' : `-${colorScheme}`;
    await page.screenshot({ path: join(root, 'docs', 'screenshots', `board-${width}${suffix}.png`) });
    await page.close();
  }
}
await browser.close();
host.kill('SIGTERM');
await rm(dir, { recursive: true, force: true });
console.log('screenshots written to docs/screenshots/');
