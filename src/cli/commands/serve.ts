import { join } from 'node:path';
import { chooseVault } from '../../main/appPaths';
import { startBrowserHost, type BrowserHost } from '../../main/host/browserHost';
import { lockAndPrepareVaultFolder } from '../../main/prepareVaultFolder';
import { parseCommandLine } from '../../main/commandLine';
import { UsageError } from '../usage';

/**
 * `story-bank serve [VAULT] [--port N]`: runs until interrupted.
 *
 * The address is printed as soon as the folder is known to be usable and the host listens; the
 * vault then opens (git, every story read and checked, the watcher, and the modules that brings:
 * zod, the checker, the exporter) while the browser starts and loads the page, whose calls wait
 * for it. A vault that still fails to open ends the host with exit 2 and one `story-bank:` line.
 *
 * `devServerPort` is `npm run dev`'s (src/cli/devHost.ts), never a flag of the command: the page
 * then comes from Vite's dev server on that port (see startBrowserHost).
 */
export async function serve(argv: string[], appRoot: string, devServerPort?: number): Promise<number> {
  const { positionals, flags } = parseCommandLine(argv, ['port'], ['port']);
  if (positionals.length > 1) throw new UsageError('serve takes at most one VAULT folder');
  const portFlag = flags.get('port');
  const port = portFlag === undefined ? 0 : Number(portFlag);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError('--port must be a whole number from 0 to 65535');
  const token = tokenFromEnvironment();

  // Listened for from the start: a stop that comes while the vault is still opening waits for it,
  // then closes it as usual (and frees the lock) instead of killing the process halfway.
  const stopped = new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const choice = chooseVault(positionals[0]);
  // A second Story Bank on the same vault is refused before it touches anything (exit 2, one line).
  const lock = await lockAndPrepareVaultFolder(choice, appRoot);
  let host: BrowserHost | undefined;
  // The vault's modules (zod, yaml, chokidar, the checker) are loaded once the address is out:
  // compiling them took the main thread for some 20 ms before the host could listen.
  let openNow: () => void = () => undefined;
  let openRequested = false;
  const opening = new Promise<void>((resolve) => (openNow = resolve)).then(async () => {
    const { openStoryBank } = await import('../../main/openStoryBank');
    return openStoryBank(
      choice,
      appRoot,
      'browser',
      // Loaded when first used (node:child_process is not needed to print the address).
      {
        openPath: (path) => import('../../main/host/openWithSystem').then((m) => m.openWithSystem(path)),
        revealPath: (path) => import('../../main/host/openWithSystem').then((m) => m.revealWithSystem(path)),
      },
      lock,
    );
  });
  const open = (): void => {
    openRequested = true;
    openNow();
  };
  try {
    host = await startBrowserHost({
      service: opening.then((app) => app.service),
      staticDir: join(appRoot, 'out', 'renderer'),
      port,
      token,
      devServerPort,
    });
    await lock.setPort(host.port);
    console.log(`Story Bank vault: ${choice.path}`);
    console.log(`Story Bank is running at ${host.url}`);
    console.log('Open that address in a browser (it carries this run’s access token). Ctrl+C stops.');
    host.acceptSockets();
    open();
    const app = await opening;
    await stopped;
    await host.close();
    await app.close();
    return 0;
  } catch (error) {
    // The host could not listen, or the vault not open: whatever did start is closed, so the
    // process ends with the one error line instead of staying up on a watcher.
    await host?.close();
    if (openRequested) await opening.then((app) => app.close()).catch(() => undefined);
    throw error;
  } finally {
    await lock.release();
  }
}

/** The environment variable that fixes the access token instead of a random one per run. */
export const TOKEN_VARIABLE = 'STORY_BANK_TOKEN';

/**
 * The token a restarted host keeps, so a page left open reconnects with the cookie it has (with
 * `--port` the same as before). Taken from the environment, not a flag, as other users can read
 * a process's arguments but not its environment. It must be as hard to guess as a random one:
 * at least 32 base64url characters (the random one is 43). Unset: undefined, a random token.
 */
function tokenFromEnvironment(): string | undefined {
  const value = process.env[TOKEN_VARIABLE];
  if (value === undefined) return undefined;
  if (!/^[A-Za-z0-9_-]{32,}$/.test(value)) {
    throw new UsageError(
      `${TOKEN_VARIABLE} must be at least 32 characters of A-Z, a-z, 0-9, - and _ (unset it for a random token)`,
    );
  }
  return value;
}
