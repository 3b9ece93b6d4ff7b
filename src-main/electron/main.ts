/** Electron's main process: thin. The engine is createApp; this file only makes a window and bridges IPC. */
import electron from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApp } from '../app';
import { bridgeIpc } from './ipc';
import { createMainWindow } from './window';

const { app, ipcMain } = electron;

// Bundled to dist/electron/main.cjs; the project's files sit two levels up (or in the asar archive).
const root = join(__dirname, '..', '..');
const indexHtml = join(root, 'dist', 'renderer', 'index.html');

if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(() => {
  const mauzo = createApp({
    dataDir: app.getPath('userData'),
    migrationsFolder: join(root, 'migrations'),
    version: app.getVersion(),
    kra: { mode: 'demo', simulatorEntry: join(root, 'dist', 'kra-sim', 'cli.mjs') },
    deferSenders: true,
  });
  const window = createMainWindow(electron, { preload: join(__dirname, 'preload.cjs'), indexHtml });
  bridgeIpc(ipcMain, mauzo, window.webContents, pathToFileURL(indexHtml).href);
  mauzo.startSenders();
  app.on('window-all-closed', () => {
    void mauzo.close().then(() => app.quit());
  });
}).catch((error: unknown) => {
  // One line for the person starting the till (a second till on this folder, a missing ledger...).
  console.error(`Mauzo did not start: ${error instanceof Error ? error.message : String(error)}`);
  app.exit(1);
});
