import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Reply = (request: SeenRequest, response: ServerResponse) => void;

/** A stand-in for KRA on 127.0.0.1: each test says how it answers and reads what it was sent. */
export interface FakeKra {
  url: string;
  seen: SeenRequest[];
  answer(reply: Reply): void;
  close(): Promise<void>;
}

export async function startFakeKra(): Promise<FakeKra> {
  const seen: SeenRequest[] = [];
  let reply: Reply = (_request, response) => response.writeHead(404).end();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(request);
      reply(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    answer: (next) => {
      reply = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(status: number, body: unknown): Reply {
  return (_request, response) => {
    response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  };
}

export function kra(resultCd: string, resultMsg: string, data: unknown = null): Reply {
  return json(200, { resultCd, resultMsg, resultDt: '20240415153039', data });
}

/** A port nothing listens on: bound once, then released. */
export async function closedPort(): Promise<string> {
  const fake = await startFakeKra();
  await fake.close();
  return fake.url;
}
