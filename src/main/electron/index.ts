import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import { chooseVault, findAppRoot } from '../appPaths';
import { openStoryBank, type OpenedStoryBank } from '../openStoryBank';
import { hardenContents } from './hardenContents';
import { wireIpc } from './ipc';
import { APP_ENTRY_URL, PRELOAD_RELATIVE_PATH, RENDERER_RELATIVE_DIR, vaultArgument, windowOptions } from './policy';
import { registerAppScheme, serveRenderer } from './protocol';

const appRoot = findAppRoot(dirname(fileURLToPath(import.meta.url)));
let opened: OpenedStoryBank | undefined;
let mainWindow: BrowserWindow | undefined;

// One app per machine: a second start focuses the first window instead of opening the vault twice.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void opened?.close());
  app.whenReady().then(start, (error: unknown) => fail(error));
}

async function start(): Promise<void> {
  try {
    hardenContents();
    serveRenderer(join(appRoot, RENDERER_RELATIVE_DIR));
    opened = await openStoryBank(chooseVault(vaultArgument(process.argv)), appRoot, 'electron');
    mainWindow = new BrowserWindow(windowOptions(join(appRoot, PRELOAD_RELATIVE_PATH)));
    wireIpc(opened.service, mainWindow);
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    await mainWindow.loadURL(APP_ENTRY_URL);
  } catch (error) {
    fail(error);
  }
}

function fail(error: unknown): void {
  dialog.showErrorBox('Story Bank could not start', (error as Error)?.message ?? String(error));
  app.exit(1);
}
