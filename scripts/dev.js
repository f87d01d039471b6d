#!/usr/bin/env node
// `npm run dev [-- --vault DIR] [-- --browser]`: the development loop with hot reload.
// Where the Electron binary is installed: `electron-vite dev`. Where it is not (or with --browser):
// the browser host (out/main/devHost.js, built first) serves the API on 127.0.0.1 behind its
// per-run token, and Vite's dev server, also on 127.0.0.1, serves the page with hot reload and
// forwards /api and /media to the host. Open the printed host address: it trades the token for
// the cookie and sends the browser on to the dev server. See docs/architecture.md, "Development".
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { realpathSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chooseDevMode } from './devMode.js';
import { findElectronBinary } from './electron-binary.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const choice = chooseDevMode(findElectronBinary(), process.argv.slice(2));

if (choice.mode === 'electron') {
  const bin = join(
    dirname(createRequire(import.meta.url).resolve('electron-vite/package.json')),
    'bin',
    'electron-vite.js',
  );
  const child = spawn(process.execPath, [bin, 'dev', '--', ...choice.args], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  await browserLoop(choice.reason, choice.args);
}

async function browserLoop(reason, args) {
  console.log(`Story Bank dev: ${reason}; the browser host with the page from Vite's dev server (hot reload).`);
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-quietly.js')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const { vaultOption } = await import(pathToFileURL(join(root, 'out', 'main', 'commandLine.js')).href);
  let vault;
  try {
    vault = vaultOption(args);
  } catch (error) {
    console.error(`npm run dev: ${error.message}`);
    process.exit(2);
  }

  const devPort = await freePort();
  const host = spawn(
    process.execPath,
    [join(root, 'out', 'main', 'devHost.js'), String(devPort), ...(vault === undefined ? [] : [vault])],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const hostExited = once(host, 'exit');
  let server;
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    await server?.close();
    if (host.exitCode === null && host.signalCode === null) host.kill('SIGTERM');
    await hostExited;
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void stop(0));
  void hostExited.then(([code]) => stop(code ?? 1));

  // A host that exits before it serves (a refused folder, a locked vault) has said why on stderr;
  // `stop` then ends with its exit code.
  const address = await hostAddress(host).catch(() => null);
  if (address === null) return;
  // The config file's extensionless imports are fine for Vite's bundling loader, which we use.
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING = 'true';
  const vite = await import('vite');
  const loaded = await vite.loadConfigFromFile(
    { command: 'serve', mode: 'development' },
    join(root, 'electron.vite.config.ts'),
    root,
  );
  const hostOrigin = new URL(address).origin;
  server = await vite.createServer(
    vite.mergeConfig(loaded.config.renderer, {
      configFile: false,
      // Vite's dependency cache goes with this checkout's build, not into node_modules, which
      // may be shared between checkouts.
      cacheDir: join(root, 'out', '.vite-dev'),
      server: {
        host: '127.0.0.1',
        port: devPort,
        strictPort: true,
        // node_modules may be a link to an install outside this checkout; the dev server may read it.
        fs: { allow: [root, realpathSync(join(root, 'node_modules'))] },
        // Host and Origin stay the dev server's, which the dev host accepts (never `serve`).
        proxy: { '/api': { target: hostOrigin, ws: true }, '/media': { target: hostOrigin } },
      },
    }),
  );
  await server.listen();
  console.log(`Story Bank dev server (hot reload): http://127.0.0.1:${devPort}/`);
  console.log(`Open ${address} — it sets this run's cookie and sends you on to the dev server.`);
}

/** The address the host prints ("running at URL"), passing its output through. */
function hostAddress(child) {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the dev host exited with ${code}`)));
  });
}

/** A port free on 127.0.0.1 now, for the dev server (the host must know it before it starts). */
async function freePort() {
  const probe = createNetServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address();
  probe.close();
  await once(probe, 'close');
  return port;
}
