#!/usr/bin/env node
// Runs Electron's binary download ourselves (package.json denies its own install script), so
// that a machine that cannot reach the download still finishes `npm install` and gets the
// browser host from `npm start`, while every other machine gets the real app.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) process.exit(0);
let installer;
try {
  installer = join(dirname(createRequire(import.meta.url).resolve('electron/package.json')), 'install.js');
} catch {
  process.exit(0); // production install without devDependencies: nothing to do
}
if (!existsSync(installer)) process.exit(0);
const result = spawnSync(process.execPath, [installer], { encoding: 'utf8', timeout: 180_000 });
if (result.status === 0) process.exit(0);
const reason =
  `${result.stderr || result.stdout || result.error?.message || ''}`.trim().split('\n')[0] || 'unknown error';
console.log(
  `Story Bank: the Electron binary could not be downloaded (${reason}); \`npm start\` will use the browser host.`,
);
