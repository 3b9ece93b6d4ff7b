/**
 * The headless host: the same dispatch as Electron's IPC, over HTTP on loopback, plus the built
 * till. Used by tests, demos and machines without a desktop.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { api, EVENT_NAMES, HTTP_STATUS, isMethodName, type ApiErrorBody, type ApiResult } from '../../src-shared/api';
import type { App } from '../app';
import { serveTestClock, TEST_CLOCK_PATH, type MovableClock } from './test-clock';

/** A request body's limit unless its method allows more (items.importCsv's 30 MB file). */
const DEFAULT_BODY_BYTES = 1_000_000;

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface HostOptions {
  app: App;
  rendererDir: string;
  port?: number;
  hostname?: string;
  /** Tests only (see test-clock.ts): lets POST /__test/clock move the engine's clock. */
  testClock?: MovableClock;
}

export interface Host {
  url: string;
  close(): Promise<void>;
}

export async function startHost(options: HostOptions): Promise<Host> {
  const hostname = options.hostname ?? '127.0.0.1';
  const server = createServer((req, res) => {
    handle(req, res, options).catch((error: unknown) => {
      console.error('host: request failed', error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'internal error' } });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, hostname, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${hostname}:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: HostOptions): Promise<void> {
  if (!isLoopbackHost(req.headers.host)) {
    return sendError(res, { code: 'FORBIDDEN', message: 'the till answers only on its loopback address' });
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const pathname = decoded(url.pathname);
  if (pathname === null) return sendError(res, { code: 'BAD_REQUEST', message: 'the address has a malformed % escape' });
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const refusal = crossSiteRefusal(req);
    if (refusal) return sendError(res, refusal);
  }
  if (options.testClock && pathname === TEST_CLOCK_PATH) return serveTestClock(req, res, options.testClock);
  if (pathname === '/api/events') return streamEvents(req, res, options.app, url.searchParams.get('token') ?? bearerToken(req));
  if (pathname.startsWith('/api/')) return callApi(req, res, options.app, pathname.slice('/api/'.length));
  return serveFile(res, options.rendererDir, pathname);
}

function decoded(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

/**
 * Any web page the cashier opens can send a form or a text/plain POST here, so a request that may
 * change something must be JSON (which a page cannot send elsewhere without asking first) and must
 * not come from another origin.
 */
function crossSiteRefusal(req: IncomingMessage): ApiErrorBody | null {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) {
    return { code: 'FORBIDDEN', message: `requests from ${origin} are refused: only the till itself may call it` };
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { code: 'FORBIDDEN', message: 'requests from other sites are refused: only the till itself may call it' };
  }
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    return { code: 'BAD_REQUEST', message: 'send the body as JSON, with Content-Type: application/json' };
  }
  return null;
}

function isLoopbackHost(host: string | undefined): boolean {
  const name = (host ?? '').replace(/:\d+$/, '');
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]';
}

async function callApi(req: IncomingMessage, res: ServerResponse, app: App, method: string): Promise<void> {
  if (req.method !== 'POST') {
    return sendError(res, { code: 'BAD_REQUEST', message: `use POST for /api/${method}` });
  }
  const limit = isMethodName(method) ? (api[method].maxBodyBytes ?? DEFAULT_BODY_BYTES) : DEFAULT_BODY_BYTES;
  const body = await readBody(req, limit);
  if (body === null) return sendError(res, { code: 'BAD_REQUEST', message: `request body over ${limit} bytes` });
  let input: unknown = {};
  if (body.trim() !== '') {
    try {
      input = JSON.parse(body);
    } catch {
      return sendError(res, { code: 'BAD_REQUEST', message: 'the request body is not valid JSON' });
    }
  }
  const result = await app.dispatch(method, input, bearerToken(req), `http:${req.socket.remoteAddress ?? 'unknown'}`);
  sendJson(res, result.ok ? 200 : HTTP_STATUS[result.error.code], result);
}

function bearerToken(req: IncomingMessage): string | null {
  const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Only for a logged-in till: the token comes as ?token= (EventSource cannot send headers) or as a bearer token. */
async function streamEvents(req: IncomingMessage, res: ServerResponse, app: App, token: string | null): Promise<void> {
  const allowed = await app.dispatch('sync.status', {}, token);
  if (!allowed.ok) return sendError(res, allowed.error);
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  const unsubscribe = app.events.subscribe((event, payload) => {
    if (EVENT_NAMES.includes(event)) res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  req.on('close', () => {
    clearInterval(keepAlive);
    unsubscribe();
  });
}

function serveFile(res: ServerResponse, rendererDir: string, pathname: string): void {
  const root = normalize(rendererDir);
  const requested = normalize(join(root, pathname));
  const inside = requested === root || requested.startsWith(root + sep);
  // Source maps would show anyone on the machine the till's source: never served.
  const servable = inside && extname(requested) !== '.map' && existsSync(requested) && statSync(requested).isFile();
  const file = servable ? requested : join(root, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('The till has not been built: run `npm run build:renderer`.\n');
    return;
  }
  res.writeHead(200, {
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
  });
  createReadStream(file).pipe(res);
}

function sendError(res: ServerResponse, error: ApiErrorBody): void {
  sendJson(res, HTTP_STATUS[error.code], { ok: false, error });
}

function sendJson(res: ServerResponse, status: number, result: ApiResult<unknown>): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(result));
}
