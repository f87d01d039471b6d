/**
 * Runs src/renderer/harness (the page that drives RecordingSession and the voice classes) in
 * Chromium: builds it with Vite and the app's Svelte config into a temp folder, serves it on
 * loopback (a secure context, as getUserMedia needs) with the detector's files from the app's
 * build (out/renderer/vad, made by `electron-vite build`), and calls its steps.
 *
 * Why a page of its own rather than the app: these classes' failure paths (a refused write, a
 * recorder error, an overtaken start) cannot be reached from the app's buttons at will, and each
 * step's answer is the class's own state, not what a view made of it.
 */
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, normalize, sep } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.js';
import type { CallName, HarnessCalls } from '../src/renderer/harness/calls';
import { APP_ROOT } from './fixtures';

const VAD_BUILD = join(APP_ROOT, 'out', 'renderer', 'vad');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.wav': 'audio/wav',
};

/** The built page, once per worker, and the servers serving it. */
let built: Promise<string> | null = null;
let serving = 0;

function buildHarness(): Promise<string> {
  built ??= (async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'story-bank-harness-'));
    await build({
      configFile: false,
      logLevel: 'error',
      root: join(APP_ROOT, 'src', 'renderer', 'harness'),
      base: './',
      cacheDir: join(outDir, '.vite'),
      plugins: [svelte({ configFile: join(APP_ROOT, 'svelte.config.js') })],
      build: { outDir, emptyOutDir: false, minify: false, reportCompressedSize: false },
    });
    return outDir;
  })();
  return built;
}

export interface HarnessServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves the built page at `/`, the detector's files at `/vad/`, `files` by their URL path, and
 * two broken copies of the detector: `/missing/vad/` (nothing there) and `/broken/vad/` (a model
 * file that is not a model).
 */
export async function serveHarness(files: Record<string, string> = {}): Promise<HarnessServer> {
  if (!existsSync(join(VAD_BUILD, 'silero_vad_v5.onnx'))) {
    throw new Error(`${VAD_BUILD} is missing: run \`npx electron-vite build\` first (npm test does)`);
  }
  const root = await buildHarness();
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      let file: string | null = files[path] ?? null;
      if (path === '/broken/vad/silero_vad_v5.onnx') {
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        response.end(Buffer.from('this is not an onnx model'));
        return;
      }
      const vad = /^\/(?:broken\/)?vad\/([\w.-]+)$/.exec(path);
      if (!file && vad) file = join(VAD_BUILD, vad[1]);
      if (!file && !path.startsWith('/missing/')) {
        const inside = normalize(join(root, path === '/' ? 'index.html' : path));
        if (inside.startsWith(root + sep)) file = inside;
      }
      const body = file ? await readFile(file).catch(() => null) : null;
      if (!body) {
        response.writeHead(404).end();
        return;
      }
      const type = TYPES[/\.\w+$/.exec(file!)?.[0] ?? ''] ?? 'application/octet-stream';
      // With its length, a media element knows the file's duration and can seek in it.
      response.writeHead(200, { 'content-type': type, 'content-length': body.length }).end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serving += 1;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        serving -= 1;
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Removes this worker's build once no server of it is left open (a spec's afterAll calls it). */
export async function removeHarnessBuild(): Promise<void> {
  if (serving > 0) return;
  const dir = await built?.catch(() => null);
  built = null;
  if (dir) await rm(dir, { recursive: true, force: true });
}

/** Chromium for the page, with `args` after the usual ones; audio starts without a gesture. */
export function launchChromium(
  playwright: { chromium: { launch(options: object): Promise<Browser> } },
  args: string[],
): Promise<Browser> {
  return playwright.chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required', ...args],
  });
}

/** A fresh page on the harness, ready for calls. */
export async function openHarness(browser: Browser, server: HarnessServer): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/`);
  await page.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
  return page;
}

/** Runs one step of the page and gives its answer. */
export function call<K extends CallName>(
  page: Page,
  name: K,
  ...args: HarnessCalls[K][0]
): Promise<HarnessCalls[K][1]> {
  return page.evaluate(
    ([step, input]) => {
      const steps = (globalThis as unknown as { harness: Record<string, (...a: unknown[]) => Promise<unknown>> })
        .harness;
      return steps[step as string](...(input as unknown[]));
    },
    [name, args] as const,
  ) as Promise<HarnessCalls[K][1]>;
}
