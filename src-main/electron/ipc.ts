import type { IpcMain, WebContents } from 'electron';
import { IPC_CALL, IPC_EVENT } from '../../src-shared/api';
import type { App } from '../app';

/** Bridges the renderer's calls to dispatch, and the engine's events to the window. */
export function bridgeIpc(ipcMain: Pick<IpcMain, 'handle'>, app: App, webContents: WebContents, indexUrl: string): () => void {
  ipcMain.handle(IPC_CALL, (event, method: unknown, input: unknown, token: unknown) => {
    if (event.senderFrame?.url !== indexUrl) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'calls are accepted only from the till window' } };
    }
    return app.dispatch(String(method), input, typeof token === 'string' ? token : null, 'ipc');
  });
  return app.events.subscribe((name, payload) => webContents.send(IPC_EVENT, name, payload));
}
