// The browser host and Chromium as the benchmarks run them: `story-bank serve` from the built app
// (out/main/cli.js) in a child process, Debian's Chromium through playwright-core.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, FAKE_MEDIA_ARGS } from '../../scripts/chromium.js';
import { APP_ROOT } from './vaults.js';

export const CLI = join(APP_ROOT, 'out', 'main', 'cli.js');

export function assertBuilt() {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npx electron-vite build\` first`);
}

/** Spawns `script args…` under Node and resolves with the address it prints ("running at URL"). */
export function spawnServer(script, args, label, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} printed no address in 30 s:\n${output}`));
    }, 30_000);
    const look = () => {
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', look);
      resolve({
        url: match[1],
        child,
        output: () => output,
        stop: () => stopChild(child),
      });
    };
    child.stdout.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited with ${code}:\n${output}`));
    });
  });
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  return exited;
}

/**
 * `story-bank serve VAULT --port 0`. `inspect`: with Node's inspector on a random loopback port,
 * so the memory benchmark can collect the host's garbage before it reads the host's RSS.
 */
export function startHost(vault, { inspect = false } = {}) {
  return spawnServer(
    CLI,
    ['serve', vault, '--port', '0'],
    'story-bank serve',
    inspect ? ['--inspect=127.0.0.1:0'] : [],
  );
}

/**
 * The inspector of a host started with `inspect`: `collectGarbage()` and `heapMB()` (the JS heap
 * in use), through the DevTools protocol on its WebSocket.
 */
export async function hostInspector(host) {
  const match = /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/\S+)/.exec(host.output());
  if (!match) throw new Error(`the host printed no inspector address:\n${host.output()}`);
  const { default: WebSocket } = await import('ws');
  const socket = new WebSocket(match[1]);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let nextId = 0;
  const send = (method) =>
    new Promise((resolve) => {
      const id = (nextId += 1);
      const onMessage = (data) => {
        const message = JSON.parse(String(data));
        if (message.id !== id) return;
        socket.off('message', onMessage);
        resolve(message.result);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method }));
    });
  return {
    collectGarbage: () => send('HeapProfiler.collectGarbage'),
    heapMB: async () => (await send('Runtime.getHeapUsage')).usedSize / (1024 * 1024),
    close: () => socket.close(),
  };
}

/** A static page of one element, from a Node child process: the start-up floor. */
export function startTrivialServer() {
  return spawnServer(join(APP_ROOT, 'bench', 'lib', 'trivialServer.js'), [], 'the trivial server');
}

/** A bare fs.watch on `file` that sends each new text to a one-element page: the edit floor. */
export function startWatchServer(file) {
  return spawnServer(join(APP_ROOT, 'bench', 'lib', 'watchServer.js'), [file], 'the watch server');
}

export async function launchChromium({ fakeMedia = false } = {}) {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...(fakeMedia ? FAKE_MEDIA_ARGS : [])],
  });
}

/** The size of the benchmarks' pages. */
export const VIEWPORT = { width: 1280, height: 800 };

export async function newPage(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  return context.newPage();
}

/** Now on the bench's clock, in ms since the epoch with sub-ms precision, like the page's. */
export function nowMs() {
  return performance.timeOrigin + performance.now();
}

/**
 * How far the page's clock (`performance.timeOrigin + performance.now()`) is ahead of ours. Both
 * start from the wall clock, but each process reads it once, so they may differ by a few ms. The
 * estimate from the quickest of several round trips is off by at most half that round trip.
 */
export async function clockOffset(page, tries = 15) {
  let best = { roundTrip: Infinity, offset: 0 };
  for (let i = 0; i < tries; i += 1) {
    const before = nowMs();
    const pageNow = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = nowMs();
    if (after - before < best.roundTrip) best = { roundTrip: after - before, offset: pageNow - (before + after) / 2 };
  }
  return best.offset;
}

/**
 * The cards the board builds at first for a generated vault of `count` stories (spread evenly over
 * the eight columns): each column builds its first `BOARD_PAGE_SIZE` (src/core/boardPaging.ts),
 * as built (read from out/main/lib.js when first asked, after `assertBuilt`).
 */
export async function boardCards(count) {
  const { BOARD_PAGE_SIZE } = await import(pathToFileURL(join(APP_ROOT, 'out', 'main', 'lib.js')).href);
  return 8 * Math.min(Math.ceil(count / 8), BOARD_PAGE_SIZE);
}

/**
 * The cards of the board's first frame for such a vault in the benchmarks' 1280×800 page
 * (`newPage`): each column's first `firstScreenCards(800)`, about those the window shows; the rest
 * of the first page (`boardCards`) is built a frame later.
 */
export async function firstScreenCards(count) {
  const lib = await import(pathToFileURL(join(APP_ROOT, 'out', 'main', 'lib.js')).href);
  return 8 * Math.min(Math.ceil(count / 8), lib.firstScreenCards(VIEWPORT.height));
}

/** Waits until the board of a vault of `count` stories has built its cards. */
export async function waitForCards(page, count, timeout = 120_000) {
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="story-card"]').length >= n,
    await boardCards(count),
    {
      timeout,
      polling: 50,
    },
  );
}
