#!/usr/bin/env node
// The installed command: runs the CLI built into out/main by `npm install` (prepare) or `npm run build`.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  console.error('story-bank: the app is not built yet; run `npm run build` in the Story Bank folder');
  process.exit(2);
}
await import(pathToFileURL(cli).href);
