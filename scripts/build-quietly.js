#!/usr/bin/env node
// `npm start`'s build: electron-vite build, whose output (a line per built file) is shown only
// when it fails, so a start prints what the user needs: the vault, and the address or the window.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const bin = join(
  dirname(createRequire(import.meta.url).resolve('electron-vite/package.json')),
  'bin',
  'electron-vite.js',
);
// Colours as a terminal would get them, though the output goes to a pipe first.
const env = process.stdout.isTTY ? { ...process.env, FORCE_COLOR: '1' } : process.env;
const child = spawn(process.execPath, [bin, 'build'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
const output = [];
child.stdout.on('data', (chunk) => output.push(chunk));
child.stderr.on('data', (chunk) => output.push(chunk));
child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
child.on('close', (code, signal) => {
  if (code === 0) return;
  process.stderr.write(Buffer.concat(output));
  console.error(`npm start: the build failed (${signal ?? `exit ${code}`}), so nothing was started.`);
  process.exit(code || 1);
});
