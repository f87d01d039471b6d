import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_ROOT, SAMPLE_STORIES, appMounted, expect, test } from './fixtures';

/**
 * `npm run dev` in its browser mode (scripts/dev.js --browser, the mode used where Electron is
 * missing) on a copy of the app in a temp folder, so a renderer file can be edited under it: the
 * page comes from Vite's dev server, reaches the host with the token, shows the board, and takes
 * an edit of a component without reloading; everything it started is gone when it is stopped.
 */
const COPIED = [
  'src',
  'scripts',
  'resources',
  'package.json',
  'electron.vite.config.ts',
  'pathAliases.ts',
  'svelte.config.js',
  'tsconfig.json',
  'tsconfig.node.json',
  'tsconfig.web.json',
];
const HEADER = join('src', 'renderer', 'src', 'app', 'AppHeader.svelte');

/** Asks `origin`'s /api for a WebSocket as a page of `pageOrigin` would: 101 or the refusal's status. */
function openSocket(origin: string, pageOrigin: string, cookie?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${origin}/api`, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        Origin: pageOrigin,
        ...(cookie ? { Cookie: cookie } : {}),
      },
    });
    request.once('upgrade', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode ?? 0);
    });
    request.once('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once('error', reject);
    request.end();
  });
}

/** Resolves with the first match of `pattern` in the child's output. */
function waitForOutput(child: ChildProcess, output: () => string, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const look = (): void => {
      const match = pattern.exec(output());
      if (match) resolve(match);
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    child.once('exit', (code) => reject(new Error(`npm run dev exited with ${code}:\n${output()}`)));
    look();
  });
}

/** Processes whose command line names `text` (the temp folder), from `ps`. */
function processesNaming(text: string): string[] {
  const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return ps.stdout.split('\n').filter((line) => line.includes(text) && !line.includes('ps -eo'));
}

test.describe('npm run dev, browser mode', () => {
  test.setTimeout(180_000);

  test('serves the page from Vite with hot reload, through the host and its token, and leaves nothing running', async ({
    playwright,
    launchOptions,
  }, testInfo) => {
    testInfo.skip(testInfo.project.name !== 'web', 'the dev loop is a browser page');
    const dir = await mkdtemp(join(tmpdir(), 'story-bank-dev-'));
    const app = join(dir, 'app');
    const vault = join(dir, 'vault');
    for (const entry of COPIED) await cp(join(APP_ROOT, entry), join(app, entry), { recursive: true });
    await symlink(join(APP_ROOT, 'node_modules'), join(app, 'node_modules'));
    await cp(SAMPLE_STORIES, vault, { recursive: true });

    let output = '';
    const dev = spawn(process.execPath, [join(app, 'scripts', 'dev.js'), '--browser', '--vault', vault], {
      cwd: app,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    dev.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    dev.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => dev.once('exit', (code) => resolve(code)));
    const browser = await playwright.chromium.launch(launchOptions);
    try {
      const [, devServer] = await waitForOutput(
        dev,
        () => output,
        /dev server \(hot reload\): (http:\/\/127\.0\.0\.1:\d+)\//,
      );
      const [, hostUrl] = await waitForOutput(dev, () => output, /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/);
      const hostOrigin = new URL(hostUrl).origin;
      expect(output).toContain('--browser was given');

      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const refused: string[] = [];
      page.on('console', (message) => {
        if (/Content.Security.Policy|Refused to/i.test(message.text())) refused.push(message.text());
      });
      await page.goto(hostUrl);
      // The host traded the token for its cookie and sent the browser on to the dev server.
      expect(new URL(page.url()).origin).toBe(devServer);
      await appMounted(page);
      await expect(page.getByTestId('story-card')).toHaveCount(8);
      await expect(page.locator('script[src="/@vite/client"]')).toHaveCount(1);
      const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      expect(policy).toMatch(/style-src 'self' 'nonce-[\w-]+'/);
      expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval';/);

      // The API through the dev server needs the token's cookie like the host itself, and our origin.
      const cookie = (await page.context().cookies(hostOrigin)).map((c) => `${c.name}=${c.value}`).join('; ');
      expect(cookie).toMatch(/^story-bank-\d+=/);
      expect(await openSocket(devServer, devServer)).toBe(401);
      expect(await openSocket(devServer, 'http://evil.example', cookie)).toBe(403);
      expect(await openSocket(devServer, devServer, cookie)).toBe(101);
      // The host serves no page of its own in development.
      const direct = await page.request.get(`${hostOrigin}/index.html`);
      expect(direct.status()).toBe(404);

      // Hot reload: a component's text changes on the page without a reload.
      await page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));
      const header = join(app, HEADER);
      const source = await readFile(header, 'utf8');
      expect(source).toContain('<h1>Story Bank</h1>');
      await writeFile(header, source.replace('<h1>Story Bank</h1>', '<h1>Story Bank, hot</h1>'));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Story Bank, hot', { timeout: 30_000 });
      expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
      await expect(page.getByTestId('story-card')).toHaveCount(8);
      expect(refused).toEqual([]);
    } finally {
      await browser.close();
      if (dev.exitCode === null) dev.kill('SIGTERM');
      expect(await exited, output).toBe(0);
      expect(processesNaming(dir)).toEqual([]);
      await rm(dir, { recursive: true, force: true });
    }
  });
});
