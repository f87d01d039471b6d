import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync, writeFileSync } from 'node:fs';
import { app, BrowserWindow, dialog, screen, shell } from 'electron';
import { chooseVault, findAppRoot } from '../appPaths';
import { openStoryBank, type OpenedStoryBank } from '../openStoryBank';
import { hardenContents } from './hardenContents';
import { wireIpc } from './ipc';
import { vaultOption } from '../commandLine';
import { APP_ENTRY_URL, PRELOAD_RELATIVE_PATH, RENDERER_RELATIVE_DIR, windowOptions } from './policy';
import { registerAppScheme, serveApp } from './protocol';
import { secondInstanceSteps, startAction } from './singleInstance';
import { restoredBounds } from './windowBounds';

const appRoot = findAppRoot(dirname(fileURLToPath(import.meta.url)));
let opened: OpenedStoryBank | undefined;
let mainWindow: BrowserWindow | undefined;

// One app per machine: a second start focuses the first window instead of opening the vault twice.
if (startAction(app.requestSingleInstanceLock()) === 'quit') {
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', () => {
    const window = mainWindow;
    const state = window ? { minimized: window.isMinimized(), visible: window.isVisible() } : null;
    for (const step of secondInstanceSteps(state)) window?.[step]();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void opened?.close());
  app.whenReady().then(start, (error: unknown) => fail(error));
}

async function start(): Promise<void> {
  try {
    hardenContents();
    serveApp(join(appRoot, RENDERER_RELATIVE_DIR), () => opened?.service.vaultRoot);
    opened = await openStoryBank(chooseVault(vaultOption(process.argv)), appRoot, 'electron', {
      // shell.openPath answers with an error message, or '' when the file was opened.
      openPath: async (path) => {
        const failure = await shell.openPath(path);
        if (failure) throw new Error(failure);
      },
      revealPath: async (path) => shell.showItemInFolder(path),
    });
    const boundsFile = join(app.getPath('userData'), 'window-bounds.json');
    const saved = restoredBounds(
      readJson(boundsFile),
      screen.getAllDisplays().map((display) => display.workArea),
    );
    mainWindow = new BrowserWindow(windowOptions(join(appRoot, PRELOAD_RELATIVE_PATH), saved ?? undefined));
    // The window opens next time where and as large as the user left it.
    mainWindow.on('close', () => {
      if (mainWindow && !mainWindow.isMinimized() && !mainWindow.isFullScreen())
        writeFileSync(boundsFile, JSON.stringify(mainWindow.getNormalBounds()));
    });
    wireIpc(opened.service, mainWindow);
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    await mainWindow.loadURL(APP_ENTRY_URL);
  } catch (error) {
    fail(error);
  }
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function fail(error: unknown): void {
  dialog.showErrorBox('Story Bank could not start', (error as Error)?.message ?? String(error));
  app.exit(1);
}
