import { createServer, type AddressInfo, type Server } from 'node:net';

/** A stand-in for a network receipt printer: accepts raw TCP jobs on loopback and keeps each one's bytes. */
export interface FakePrinter {
  port: number;
  /** Every job received so far, one buffer per connection. */
  jobs: Buffer[];
  /** Resolves once `count` jobs have arrived in full. */
  waitForJobs(count: number): Promise<Buffer[]>;
  close(): Promise<void>;
}

export async function startFakePrinter(port = 0): Promise<FakePrinter> {
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
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    jobs,
    waitForJobs: (count) =>
      jobs.length >= count ? Promise.resolve([...jobs]) : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port that nothing listens on: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const printer = await startFakePrinter();
  await printer.close();
  return printer.port;
}
