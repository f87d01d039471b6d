import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { chooseVault } from '../../main/appPaths';
import { startBrowserHost } from '../../main/host/browserHost';
import { openWithSystem } from '../../main/host/openWithSystem';
import { acquireVaultLock } from '../../main/host/vaultLock';
import { openStoryBank } from '../../main/openStoryBank';
import { parseArgs } from '../args';
import { UsageError } from '../usage';

/** `story-bank serve [VAULT] [--port N]`: runs until interrupted. */
export async function serve(argv: string[], appRoot: string): Promise<number> {
  const { positionals, flags } = parseArgs(argv, ['port'], ['port']);
  if (positionals.length > 1) throw new UsageError('serve takes at most one VAULT folder');
  const portFlag = flags.get('port');
  const port = portFlag === undefined ? 0 : Number(portFlag);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError('--port must be a whole number from 0 to 65535');

  const choice = chooseVault(positionals[0]);
  // A second host on the same vault is refused before it touches anything (exit 2, one line).
  const lock = (await stat(choice.path).catch(() => null)) ? await acquireVaultLock(choice.path) : null;
  const app = await openStoryBank(choice, appRoot, 'browser', { openPath: openWithSystem });
  const vaultLock = lock ?? (await acquireVaultLock(app.vault.root));
  const host = await startBrowserHost({ service: app.service, staticDir: join(appRoot, 'out', 'renderer'), port });
  await vaultLock.setPort(host.port);
  console.log(`Story Bank vault: ${app.vault.root}`);
  console.log(`Story Bank is running at ${host.url}`);
  console.log('Open that address in a browser (it carries this run’s access token). Ctrl+C stops.');

  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  await app.close();
  await vaultLock.release();
  return 0;
}
