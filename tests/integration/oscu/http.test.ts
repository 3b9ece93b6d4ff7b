import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import diagnostics from 'node:diagnostics_channel';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createHttpClient, HttpFailure, type HttpClient } from '../../../src-main/oscu/http';
import { closedPort } from './fake-kra';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

/** A real HTTP server on loopback that tells which client port each request came from. */
async function serve(handler: Handler): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handler(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const stop = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

async function failureOf(call: Promise<unknown>): Promise<HttpFailure> {
  const error = await call.then(
    () => assert.fail('the call should have failed'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof HttpFailure, `expected an HttpFailure, got ${String(error)}`);
  return error;
}

describe('HTTP to KRA', () => {
  let client: HttpClient;
  before(() => {
    client = createHttpClient({ connectTimeoutMs: 300 });
  });
  after(() => client.close());

  it('posts the body with its headers and keeps the connection for the next call', async () => {
    const { url, server } = await serve((req, body, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ port: req.socket.remotePort, body, tin: req.headers.tin, length: req.headers['content-length'] }));
    });
    const first = await client.send(`${url}/x`, { method: 'POST', headers: { tin: 'P051234567M' }, body: '{"qty":"2½"}', timeoutMs: 1000 });
    const second = await client.send(`${url}/x`, { method: 'POST', headers: {}, body: '{}', timeoutMs: 1000 });
    const [a, b] = [JSON.parse(first.text), JSON.parse(second.text)] as { port: number; body: string; tin: string; length: string }[];
    assert.equal(first.status, 200);
    assert.deepEqual([a!.body, a!.tin, a!.length], ['{"qty":"2½"}', 'P051234567M', String(Buffer.byteLength('{"qty":"2½"}'))]);
    assert.equal(b!.port, a!.port, 'the second call reuses the first call’s connection');
    await stop(server);
  });

  it('opens a new connection when the server has closed the idle one', async () => {
    // The server closes each connection once it has answered, without saying so in the answer.
    const { url, server } = await serve((req, _body, res) => res.writeHead(200).end(String(req.socket.remotePort), () => req.socket.end()));
    const opened: Socket[] = [];
    const see = (message: unknown) => opened.push((message as { socket: Socket }).socket);
    diagnostics.subscribe('net.client.socket', see);
    const first = await client.send(url, { method: 'GET', headers: {}, timeoutMs: 10_000 });
    diagnostics.unsubscribe('net.client.socket', see);
    assert.equal(opened.length, 1);
    if (!opened[0]!.destroyed) await once(opened[0]!, 'close');
    const second = await client.send(url, { method: 'GET', headers: {}, timeoutMs: 10_000 });
    assert.notEqual(second.text, first.text);
    await stop(server);
  });

  it('gives up on the whole call after its timeout', async () => {
    // The answer comes long after the call's limit; a client that waited for it would get 'late'.
    let late: NodeJS.Timeout | undefined;
    const { url, server } = await serve((_req, _body, res) => (late = setTimeout(() => res.writeHead(200).end('late'), 60_000)));
    const failure = await failureOf(client.send(url, { method: 'POST', headers: {}, body: '{}', timeoutMs: 150 }));
    assert.deepEqual([failure.code, failure.message], ['TIMEOUT', 'no answer within 150 ms']);
    assert.ok(late, 'the request reached the server, whose answer was still to come');
    clearTimeout(late);
    server.closeAllConnections();
    await stop(server);
  });

  it('reports a refused connection and one cut before the whole answer', async () => {
    const refused = await failureOf(client.send(`${await closedPort()}/x`, { method: 'POST', headers: {}, body: '{}', timeoutMs: 1000 }));
    assert.equal(refused.code, 'CONNECTION');
    assert.match(refused.message, /ECONNREFUSED/);
    const { url, server } = await serve((_req, _body, res) => {
      res.writeHead(200, { 'Content-Length': '100' }).write('{"resultCd":', () => res.socket?.destroy());
    });
    assert.equal((await failureOf(client.send(url, { method: 'POST', headers: {}, body: '{}', timeoutMs: 1000 }))).code, 'CONNECTION');
    await stop(server);
  });

  it('gives up connecting after the connect limit, well before the call’s own', async () => {
    const listener = await blockedListener();
    try {
      // The kernel completes as many handshakes as the backlog holds; the connection after them hangs.
      const calls = Array.from({ length: 4 }, () => failureOf(client.send(listener.url, { method: 'POST', headers: {}, body: '{}', timeoutMs: 1200 })));
      const messages = (await Promise.all(calls)).map((failure) => `${failure.code}: ${failure.message}`);
      assert.ok(messages.includes('TIMEOUT: could not connect within 300 ms'), messages.join('; '));
    } finally {
      listener.child.kill('SIGKILL');
    }
  });

  it('fails the calls in flight when the till closes, and refuses new ones', async () => {
    const own = createHttpClient();
    let arrived: () => void = () => {};
    const received = new Promise<void>((resolve) => (arrived = resolve));
    const { url, server } = await serve(() => arrived());
    const pending = own.send(url, { method: 'POST', headers: {}, body: '{}', timeoutMs: 5000 });
    await received;
    own.close();
    assert.equal((await failureOf(pending)).code, 'CLOSED');
    assert.equal((await failureOf(own.send(url, { method: 'POST', headers: {}, body: '{}', timeoutMs: 5000 }))).code, 'CLOSED');
    server.closeAllConnections();
    await stop(server);
  });
});

/** A process that listens with a backlog of one and never accepts: its event loop is held. */
async function blockedListener(): Promise<{ url: string; child: ChildProcess }> {
  const script = `const s = require('node:net').createServer(); s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
    require('node:fs').writeSync(1, String(s.address().port) + '\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  // The port is written just before the loop is held, so nothing is accepted once it is known.
  const port = await new Promise<string>((resolve) => child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
  return { url: `http://127.0.0.1:${port}/x`, child };
}
