import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findAppRoot } from '../main/appPaths';
import { serve } from './commands/serve';

/**
 * `npm run dev`'s browser host (started by scripts/dev.js, built to out/main/devHost.js): `story-bank
 * serve` whose page comes from Vite's dev server on the loopback port given first, with hot reload.
 * Arguments: DEV_SERVER_PORT, then serve's own ([VAULT] [--port N]). Not part of the `story-bank`
 * command, so the shipped `serve` has no way to accept another origin.
 */
async function devHost(argv: string[]): Promise<number> {
  const [portText, ...rest] = argv;
  const devServerPort = Number(portText);
  if (!Number.isInteger(devServerPort) || devServerPort < 1 || devServerPort > 65535) {
    console.error(`story-bank dev host: the first argument must be the dev server's port, not "${portText}"`);
    return 2;
  }
  try {
    return await serve(rest, findAppRoot(dirname(fileURLToPath(import.meta.url))), devServerPort);
  } catch (error) {
    console.error(`story-bank: ${(error as Error).message}`);
    return 2;
  }
}

devHost(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error('story-bank:', error);
    process.exitCode = 2;
  },
);
