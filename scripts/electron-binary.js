// Where the Electron executable is, without require('electron'): from Electron 43 on, that
// require starts a download when the binary is missing, which on a closed network only hangs.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** @returns {{ path: string } | { reason: string }} */
export function findElectronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    return { path: process.env.ELECTRON_OVERRIDE_DIST_PATH };
  }
  let dir;
  try {
    dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { reason: 'the Electron binary is not installed (its download is not reachable from this machine)' };
  }
  const path = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(path) ? { path } : { reason: `the Electron binary is missing at ${path}` };
}
