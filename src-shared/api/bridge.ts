import type { EventMap, EventName } from './events';

/** What Electron's preload exposes on window.mauzo; the renderer falls back to HTTP without it. */
export interface MauzoBridge {
  call(method: string, input: unknown, token: string | null): Promise<unknown>;
  on<E extends EventName>(event: E, handler: (payload: EventMap[E]) => void): () => void;
}

export const IPC_CALL = 'mauzo:call';
export const IPC_EVENT = 'mauzo:event';
