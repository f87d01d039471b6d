#!/usr/bin/env node
// `npm start`: the Electron app where its binary is installed, otherwise the browser host, on
// the vault named by --vault, STORY_BANK_VAULT or the per-user default.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function electronPath() {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const electron = electronPath();
let child;
if (electron) {
  child = spawn(electron, [root, ...args], { stdio: 'inherit' });
} else {
  console.log(
    'Story Bank: the Electron binary is not installed here, so the app opens in your browser instead (browser host).',
  );
  const vaultIndex = args.indexOf('--vault');
  const vault = vaultIndex >= 0 ? [args[vaultIndex + 1]] : [];
  child = spawn(process.execPath, [join(root, 'out', 'main', 'cli.js'), 'serve', ...vault], { stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
