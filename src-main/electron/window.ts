import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { pathToFileURL } from 'node:url';

/** The till's window: the renderer gets no Node, runs sandboxed, and reaches main only via preload. */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    title: 'Mauzo',
    backgroundColor: '#f4f1ea',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  };
}

export interface WindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
}

export function createMainWindow(electron: WindowDeps, paths: { preload: string; indexHtml: string }): BrowserWindow {
  const window = new electron.BrowserWindow(windowOptions(paths.preload));
  const indexUrl = pathToFileURL(paths.indexHtml).href;
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayOnTill = (event: { preventDefault(): void }, url: string) => {
    if (url !== indexUrl) event.preventDefault();
  };
  window.webContents.on('will-navigate', stayOnTill);
  window.webContents.on('will-redirect', stayOnTill);
  // The till needs no camera, microphone, location, notifications or anything else a page may ask for.
  window.webContents.session.setPermissionRequestHandler((_contents, _permission, grant) => grant(false));
  window.webContents.session.setPermissionCheckHandler(() => false);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(indexUrl);
  return window;
}
