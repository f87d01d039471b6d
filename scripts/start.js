#!/usr/bin/env node
// `npm start`: the Electron app where its binary is installed, otherwise the browser host, on
// the vault named by --vault DIR (or --vault=DIR), STORY_BANK_VAULT or the per-user default.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findElectronBinary } from './electron-binary.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
// The app's own reader of --vault (src/main/commandLine.ts), built by `npm start` just before.
const { vaultOption } = await import(pathToFileURL(join(root, 'out', 'main', 'commandLine.js')).href);

let vault;
try {
  vault = vaultOption(args);
} catch (error) {
  console.error(`npm start: ${error.message}`);
  process.exit(2);
}

const electron = findElectronBinary();
let child;
if ('path' in electron) {
  child = spawn(electron.path, [root, ...args], { stdio: 'inherit' });
} else {
  console.log(`Story Bank: ${electron.reason}; starting the browser host instead — open the address below.`);
  const serve = [join(root, 'out', 'main', 'cli.js'), 'serve', ...(vault === undefined ? [] : [vault])];
  child = spawn(process.execPath, serve, { stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
