// The engine alone in a process, for the crash test: it sells when told to on stdin and prints an
// acknowledgement only after each sale has committed, while its outbox sends to KRA in the
// background. The test kills it with SIGKILL at random points and starts it again.
import { createInterface } from 'node:readline';
import { createApp } from '../../src-main/app';
import { withOpenShift } from './shift';

const [dataDir, migrationsFolder, baseUrl] = process.argv.slice(2) as [string, string, string];
const app = withOpenShift(createApp({
  dataDir,
  migrationsFolder,
  kra: { mode: 'demo', baseUrl, timeoutsMs: { write: 2000, read: 2000 } },
  backoff: { baseMs: 5, capMs: 50 },
  log: () => {},
}));
await app.ready;
const login = await app.dispatch('session.login', { pin: '1234' }, null);
if (!login.ok) throw new Error(login.error.message);
const { token } = login.value as { token: string };
console.log('ready');

for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'sell') {
    const sale = await app.dispatch('sale.complete', { lines: [{ itemCode: 'KE2BGNO0000002', quantity: 100 }], tenders: [{ kind: 'cash', amount: 20_000 }] }, token);
    console.log(sale.ok ? `ack ${(sale.value as { receiptNo: number }).receiptNo}` : `refused ${sale.error.code}`);
  } else if (line === 'depth') {
    const status = await app.dispatch('sync.status', {}, token);
    console.log(`depth ${status.ok ? (status.value as { queueDepth: number }).queueDepth : -1}`);
  }
}
