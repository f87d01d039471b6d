import { spawn } from 'node:child_process';
import { dirname } from 'node:path';

/**
 * The program that opens files, instead of the platform's (`open`, `explorer.exe`, `xdg-open`):
 * for a desktop without one, or for tests, which must not start a real desktop program.
 */
export const OPENER_ENV = 'STORY_BANK_OPENER';

/**
 * Opens a file with the system's default program, as Electron's shell.openPath does, for the
 * browser host (which runs on the user's own machine). Argument array only, never a shell string.
 */
export function openWithSystem(
  path: string,
  platform = process.platform,
  opener = process.env[OPENER_ENV],
): Promise<void> {
  const [command, args] = opener
    ? [opener, [path]]
    : platform === 'darwin'
      ? ['open', [path]]
      : platform === 'win32'
        ? ['explorer.exe', [path]]
        : ['xdg-open', [path]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'ENOENT' ? `${command} is not installed, so the file cannot be opened` : error.message,
        ),
      ),
    );
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}

/** Shows a file in its folder, for the browser host: the folder opened with the system's opener. */
export function revealWithSystem(path: string, platform = process.platform): Promise<void> {
  return openWithSystem(dirname(path), platform);
}
