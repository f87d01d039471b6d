#!/usr/bin/env node
// `npm start`: the Electron app where its binary is installed, otherwise the browser host, on
// the vault named by --vault, STORY_BANK_VAULT or the per-user default.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

const electron = findElectronBinary();
let child;
if ('path' in electron) {
  child = spawn(electron.path, [root, ...args], { stdio: 'inherit' });
} else {
  console.log(`Story Bank: ${electron.reason}; starting the browser host instead — open the address below.`);
  const vaultIndex = args.indexOf('--vault');
  const vault = vaultIndex >= 0 ? [args[vaultIndex + 1]] : [];
  child = spawn(process.execPath, [join(root, 'out', 'main', 'cli.js'), 'serve', ...vault], { stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
