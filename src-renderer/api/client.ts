import {
  ApiError,
  type ApiResult,
  type EventMap,
  type EventName,
  type InputOf,
  type MauzoBridge,
  type MethodName,
  type OutputOf,
} from '../../src-shared/api';

/** How the till reaches the engine: Electron's preload bridge when present, else the host over HTTP. */
export interface Transport {
  call(method: string, input: unknown, token: string | null): Promise<ApiResult<unknown>>;
  on<E extends EventName>(event: E, handler: (payload: EventMap[E]) => void): () => void;
  /** The session's token changed: events follow it (the host streams them only to a logged-in till). */
  setToken(token: string | null): void;
}

declare global {
  interface Window {
    mauzo?: MauzoBridge;
  }
}

function bridgeTransport(bridge: MauzoBridge): Transport {
  return {
    call: (method, input, token) => bridge.call(method, input, token) as Promise<ApiResult<unknown>>,
    on: (event, handler) => bridge.on(event, handler),
    setToken: () => undefined,
  };
}

function httpTransport(): Transport {
  let source: EventSource | null = null;
  const listeners = new Set<{ event: EventName; listener: (message: MessageEvent<string>) => void }>();
  return {
    async call(method, input, token) {
      const response = await fetch(`api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(input ?? {}),
      });
      return (await response.json()) as ApiResult<unknown>;
    },
    on(event, handler) {
      const entry = { event, listener: (message: MessageEvent<string>) => handler(JSON.parse(message.data) as EventMap[typeof event]) };
      listeners.add(entry);
      source?.addEventListener(event, entry.listener);
      return () => {
        listeners.delete(entry);
        source?.removeEventListener(event, entry.listener);
      };
    },
    setToken(token) {
      source?.close();
      source = token === null ? null : new EventSource(`api/events?token=${encodeURIComponent(token)}`);
      for (const { event, listener } of listeners) source?.addEventListener(event, listener);
    },
  };
}

export class ApiClient {
  private token: string | null = null;
  private sessionLost: ((error: ApiError) => void) | null = null;

  constructor(private readonly transport: Transport) {}

  setToken(token: string | null): void {
    this.token = token;
    this.transport.setToken(token);
  }

  async call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
    const token = this.token;
    const result = await this.transport.call(method, input, token);
    if (result.ok) return result.value as OutputOf<M>;
    const error = ApiError.fromBody(result.error);
    // A late answer to a call made with an earlier session says nothing of the one now open.
    const lost = (error.code === 'SESSION_EXPIRED' || error.code === 'NOT_LOGGED_IN') && token !== null && token === this.token;
    if (lost) this.sessionLost?.(error);
    throw error;
  }

  /** The engine ended the session (idle too long, or a manager changed this user): back to the PIN pad. */
  onSessionLost(handler: (error: ApiError) => void): void {
    this.sessionLost = handler;
  }

  on<E extends EventName>(event: E, handler: (payload: EventMap[E]) => void): () => void {
    return this.transport.on(event, handler);
  }
}

export function connect(): ApiClient {
  return new ApiClient(window.mauzo ? bridgeTransport(window.mauzo) : httpTransport());
}
