// Which development loop `npm run dev` runs (scripts/dev.js): a pure decision, tested on its own.

/**
 * `electron`: `electron-vite dev` (main and preload rebuilt and Electron restarted on change, the
 * renderer from Vite's dev server with hot reload) where the Electron binary is installed.
 * `browser`: the browser host with its page from Vite's dev server (hot reload) where it is not,
 * or when `--browser` asks for it. `args` are what is left for the app (`--browser` taken out).
 *
 * @param {{ path: string } | { reason: string }} electron what findElectronBinary() found
 * @param {string[]} argv `npm run dev -- …`'s arguments
 * @returns {{ mode: 'electron', args: string[] } | { mode: 'browser', reason: string, args: string[] }}
 */
export function chooseDevMode(electron, argv) {
  const args = argv.filter((arg) => arg !== '--browser');
  if (args.length !== argv.length) return { mode: 'browser', reason: '--browser was given', args };
  if ('path' in electron) return { mode: 'electron', args };
  return { mode: 'browser', reason: electron.reason, args };
}
