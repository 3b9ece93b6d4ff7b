import type { ContextBridge, IpcRenderer, IpcRendererEvent } from 'electron';
import { IPC_CALL, IPC_EVENT, type EventMap, type EventName, type MauzoBridge } from '../../src-shared/api';

/** Exposes exactly `call` and `on` to the till as window.mauzo; nothing else of Electron leaks. */
export function exposeBridge(
  contextBridge: Pick<ContextBridge, 'exposeInMainWorld'>,
  ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>,
): void {
  const bridge = {
    call: (method: string, input: unknown, token: string | null) => ipcRenderer.invoke(IPC_CALL, method, input, token),
    on: <E extends EventName>(event: E, handler: (payload: EventMap[E]) => void) => {
      const listener = (_: IpcRendererEvent, name: string, payload: EventMap[E]) => {
        if (name === event) handler(payload);
      };
      ipcRenderer.on(IPC_EVENT, listener);
      return () => {
        ipcRenderer.removeListener(IPC_EVENT, listener);
      };
    },
  } satisfies MauzoBridge;
  contextBridge.exposeInMainWorld('mauzo', bridge);
}
