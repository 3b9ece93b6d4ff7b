// Sells on a ledger file from its own process, as fast as it can, while the test takes Z reports
// from another: `seller-process.ts DATA_DIR CASHIER_ID COUNT`. Prints `sold N` when done.
import { openLedger } from '../../../src-main/ledger/open';
import { projectPaths } from '../../../src-main/paths';
import { completeSale } from '../../../src-main/till/sale';
import { saleDeps, type TestLedger } from '../../support/ledger';
import { TestClock } from '../../support/clock';

const [dir, cashierId, count] = process.argv.slice(2) as [string, string, string];
const db = openLedger(dir, projectPaths.migrations);
const ledger = { db, dir, cashier: { id: Number(cashierId), name: 'Wanjiru', role: 'cashier' } } as TestLedger;
const clock = new TestClock(new Date('2026-11-24T06:00:00Z'));
console.log('ready');
for (let i = 0; i < Number(count); i++) {
  clock.advance(1000);
  completeSale(saleDeps(ledger, clock), { lines: [{ itemCode: 'KE2BGNO0000002', quantity: 100 }], tenders: [{ kind: 'cash', amount: 16_500 }] }, ledger.cashier);
}
console.log(`sold ${count}`);
db.$client.close();
