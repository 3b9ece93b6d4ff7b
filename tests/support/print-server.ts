import { randomInt } from 'node:crypto';
import { createServer, type AddressInfo, type Server } from 'node:net';

/** A stand-in for a network receipt printer: accepts raw TCP jobs on loopback and keeps each one's bytes. */
export interface FakePrinter {
  host: string;
  port: number;
  /** `host:port`, as a printer setting names it. */
  address: string;
  /** Every job received so far, one buffer per connection. */
  jobs: Buffer[];
  /** Resolves once `count` jobs have arrived in full. */
  waitForJobs(count: number): Promise<Buffer[]>;
  close(): Promise<void>;
}

/** A loopback address of its own (127.x.y.z), so a test's printer can take port 9100 as a real one does. */
export function loopbackHost(): string {
  return `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

/** Listens on `host:port` (a free port on 127.0.0.1 by default). */
export async function startFakePrinter(port = 0, host = '127.0.0.1'): Promise<FakePrinter> {
  const jobs: Buffer[] = [];
  const waiters: { count: number; resolve: (jobs: Buffer[]) => void }[] = [];
  const server: Server = createServer((socket) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      jobs.push(Buffer.concat(chunks));
      socket.end();
      for (const waiter of waiters.filter((w) => jobs.length >= w.count)) waiter.resolve([...jobs]);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    host,
    port: bound,
    address: `${host}:${bound}`,
    jobs,
    waitForJobs: (count) =>
      jobs.length >= count ? Promise.resolve([...jobs]) : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A network printer on port 9100 of a loopback address of its own; another address if that one is taken. */
export async function startRawPortPrinter(host = loopbackHost()): Promise<FakePrinter> {
  for (;;) {
    try {
      return await startFakePrinter(9100, host);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      host = loopbackHost();
    }
  }
}

/** A loopback port that nothing listens on: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const printer = await startFakePrinter();
  await printer.close();
  return printer.port;
}
