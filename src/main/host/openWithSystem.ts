import { spawn } from 'node:child_process';

/**
 * Opens a file with the system's default program, as Electron's shell.openPath does, for the
 * browser host (which runs on the user's own machine). Argument array only, never a shell string.
 */
export function openWithSystem(path: string, platform = process.platform): Promise<void> {
  const [command, args] =
    platform === 'darwin' ? ['open', [path]] : platform === 'win32' ? ['explorer.exe', [path]] : ['xdg-open', [path]];
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
