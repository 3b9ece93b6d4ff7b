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
  };
}

function httpTransport(): Transport {
  let source: EventSource | null = null;
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
      source ??= new EventSource('api/events');
      const listener = (message: MessageEvent<string>) => handler(JSON.parse(message.data) as EventMap[typeof event]);
      source.addEventListener(event, listener);
      return () => source?.removeEventListener(event, listener);
    },
  };
}

export class ApiClient {
  private token: string | null = null;

  constructor(private readonly transport: Transport) {}

  setToken(token: string | null): void {
    this.token = token;
  }

  async call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
    const result = await this.transport.call(method, input, this.token);
    if (!result.ok) throw ApiError.fromBody(result.error);
    return result.value as OutputOf<M>;
  }

  on<E extends EventName>(event: E, handler: (payload: EventMap[E]) => void): () => void {
    return this.transport.on(event, handler);
  }
}

export function connect(): ApiClient {
  return new ApiClient(window.mauzo ? bridgeTransport(window.mauzo) : httpTransport());
}
