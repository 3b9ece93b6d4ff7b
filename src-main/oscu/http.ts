/**
 * The HTTP under every KRA call: Node's own http and https, with connections kept alive between
 * calls. Not fetch: undici's fetch spends about a millisecond of each call before the request
 * leaves, and the outbox sends one sale at a time, so that millisecond is paid on every sale.
 */
import http from 'node:http';
import https from 'node:https';

export interface HttpRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** The whole call: connecting, sending and reading the answer. */
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  text: string;
}

export type HttpSend = (url: string, request: HttpRequest) => Promise<HttpResponse>;

export type HttpFailureCode = 'TIMEOUT' | 'CONNECTION' | 'CLOSED';

export class HttpFailure extends Error {
  constructor(
    readonly code: HttpFailureCode,
    message: string,
  ) {
    super(message);
    this.name = 'HttpFailure';
  }
}

export interface HttpClient {
  send: HttpSend;
  /** Ends the calls in flight (they fail as CLOSED) and the kept connections. */
  close(): void;
}

/**
 * An idle connection is dropped before the server's own keep-alive limit (Node's servers close
 * after 5 s), so that a request is not written to a socket the server is closing.
 */
const IDLE_SOCKET_MS = 4_000;

/** Spec 1.2's connect limit: a KRA that does not take the connection is unreachable, whatever the call's limit. */
const CONNECT_TIMEOUT_MS = 10_000;

export function createHttpClient(limits: { connectTimeoutMs?: number; idleSocketMs?: number } = {}): HttpClient {
  const connectTimeoutMs = limits.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  const idle = limits.idleSocketMs ?? IDLE_SOCKET_MS;
  const agents = {
    'http:': new http.Agent({ keepAlive: true, timeout: idle }),
    'https:': new https.Agent({ keepAlive: true, timeout: idle }),
  };
  /** How to abandon each call in flight. */
  const inFlight = new Set<(reason: HttpFailure) => void>();
  let closed = false;

  function send(url: string, request: HttpRequest): Promise<HttpResponse> {
    if (closed) return Promise.reject(new HttpFailure('CLOSED', 'the till closed its connection to KRA'));
    const target = new URL(url);
    const protocol = target.protocol === 'https:' ? 'https:' : target.protocol === 'http:' ? 'http:' : null;
    if (!protocol) return Promise.reject(new HttpFailure('CONNECTION', `${url}: KRA's address must start with http:// or https://`));
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    const headers = body ? { ...request.headers, 'Content-Length': String(body.length) } : request.headers;
    return new Promise((resolve, reject) => {
      const req = (protocol === 'https:' ? https : http).request(target, { method: request.method, headers, agent: agents[protocol] });
      let failure: HttpFailure | null = null;
      const timer = setTimeout(() => abandon(new HttpFailure('TIMEOUT', `no answer within ${request.timeoutMs} ms`)), request.timeoutMs);
      function abandon(reason: HttpFailure): void {
        failure ??= reason;
        req.destroy(reason);
      }
      function finish(outcome: () => void): void {
        if (!inFlight.delete(abandon)) return;
        clearTimeout(timer);
        outcome();
      }
      const fail = (error: Error) => finish(() => reject(failure ?? new HttpFailure('CONNECTION', describe(error))));
      inFlight.add(abandon);
      req.on('socket', (socket) => {
        if (!socket.connecting) return;
        const limit = setTimeout(() => abandon(new HttpFailure('TIMEOUT', `could not connect within ${connectTimeoutMs} ms`)), connectTimeoutMs);
        socket.once('connect', () => clearTimeout(limit));
        socket.once('close', () => clearTimeout(limit));
      });
      req.on('error', fail);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('close', () => {
          if (!res.complete) fail(new Error('the connection closed before the whole answer came'));
        });
        res.on('end', () => finish(() => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') })));
      });
      req.end(body);
    });
  }

  return {
    send,
    close() {
      closed = true;
      for (const abandon of inFlight) abandon(new HttpFailure('CLOSED', 'the till closed before KRA answered'));
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

function describe(error: Error): string {
  const code = 'code' in error && typeof error.code === 'string' ? error.code : null;
  return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}
