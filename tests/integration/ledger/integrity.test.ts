import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { verifyChain } from '../../../src-main/ledger/chain';
import { checkLedgerAtStart } from '../../../src-main/ledger/integrity';
import { LEDGER_FILE } from '../../../src-main/ledger/open';
import { sales, tenders } from '../../../src-main/ledger/schema';
import { projectPaths } from '../../../src-main/paths';
import { completeSale } from '../../../src-main/till/sale';
import { openLedger } from '../../../src-main/ledger/open';
import { items, users } from '../../../src-main/ledger/schema';
import { startTestApp } from '../../support/app';
import { TestClock } from '../../support/clock';
import { saleDeps, sellSugar, testLedger, type TestLedger } from '../../support/ledger';

/** What a forger with the file in hand can do: the append-only triggers are only in the file too. */
const dropGuards = (l: TestLedger) =>
  l.db.$client.exec('DROP TRIGGER sales_content_never_changes; DROP TRIGGER sales_signed_once; DROP TRIGGER tenders_never_change');

const verifyCli = (dir: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src-main/ledger/verify-cli.ts', dir], { cwd: projectPaths.root, encoding: 'utf8' });

/** A demo till's ledger (its PINs work) with sales in it, made without KRA, closed. */
async function demoLedgerWithSales(count: number, clock: TestClock): Promise<TestLedger> {
  const app = startTestApp();
  await app.close();
  const db = openLedger(app.dataDir, projectPaths.migrations);
  db.update(items).set({ registered: true }).run();
  const cashier = db.select().from(users).where(eq(users.role, 'cashier')).get()!;
  const ledger: TestLedger = {
    db,
    dir: app.dataDir,
    cashier: { id: cashier.id, name: cashier.name, role: 'cashier' },
    close: () => {
      db.$client.close();
      rmSync(app.dataDir, { recursive: true, force: true });
    },
    reopen: () => ledger,
  };
  for (let i = 0; i < count; i++) sellSugar(ledger, clock);
  return ledger;
}

describe("the ledger's integrity: the hash chain and SQLite's own check", () => {
  let ledger: TestLedger;
  const clock = new TestClock();
  beforeEach(() => {
    ledger = testLedger();
  });
  afterEach(() => ledger.close());

  test('a tender changed after the sale breaks the chain at that sale', () => {
    const mpesa = { lines: [{ itemCode: 'KE2BGNO0000002', quantity: 100 }], tenders: [{ kind: 'mpesa' as const, amount: 16_500, reference: 'SGH7K2L9QA' }] };
    sellSugar(ledger, clock);
    const paid = completeSale(saleDeps(ledger, clock), mpesa, ledger.cashier);
    sellSugar(ledger, clock);
    dropGuards(ledger);
    ledger.db.update(tenders).set({ reference: 'SXXXXXXXXX' }).where(eq(tenders.saleId, paid.saleId)).run();
    const verdict = verifyChain(ledger.db);
    assert.deepEqual(!verdict.ok && [verdict.firstBroken.receiptNo, verdict.firstBroken.reason], [2, 'its content does not match its hash']);
  });

  test('the newest sale is checked too', () => {
    [1, 2, 3].forEach(() => sellSugar(ledger, clock));
    dropGuards(ledger);
    ledger.db.update(sales).set({ total: 1 }).where(eq(sales.receiptNo, 3)).run();
    const verdict = verifyChain(ledger.db);
    assert.equal(!verdict.ok && verdict.firstBroken.receiptNo, 3);
    assert.equal(checkLedgerAtStart(ledger.db)?.code, 'LEDGER_BROKEN', 'the start-up check walks the newest sales');
  });

  test('a sale that cannot even be read is named as the first broken one, not thrown as a stack trace', () => {
    [1, 2, 3].forEach(() => sellSugar(ledger, clock));
    dropGuards(ledger);
    ledger.db.$client.prepare("UPDATE sales SET payload = '{not json' WHERE receipt_no = 2").run();
    const verdict = verifyChain(ledger.db);
    assert.equal(verdict.ok, false);
    assert.equal(!verdict.ok && verdict.firstBroken.receiptNo, 2);
    assert.match(!verdict.ok ? verdict.firstBroken.reason : '', /^it cannot be read \(/);
    const cli = verifyCli(ledger.dir);
    assert.equal(cli.status, 1);
    assert.equal(cli.stderr, '');
    assert.match(cli.stdout, /^ledger BROKEN: at sale 2 \(receipt 2\): it cannot be read .*; 1 sales before it verified\n$/);
  });

  test('a ledger broken at start stops selling with LEDGER_BROKEN, shown in sync.status, and nothing is written', async () => {
    ledger.close();
    ledger = await demoLedgerWithSales(2, clock);
    dropGuards(ledger);
    ledger.db.update(sales).set({ total: 1 }).where(eq(sales.receiptNo, 2)).run();
    ledger.db.$client.close();
    const app = startTestApp({ dataDir: ledger.dir });
    try {
      const { token } = await app.call('session.login', { pin: '1234' });
      const status = await app.call('sync.status', {}, token);
      assert.deepEqual(status.alerts.map((a) => [a.code, a.params]), [['LEDGER_BROKEN', { saleId: 2, receiptNo: 2 }]]);
      const sale = await app.dispatch('sale.complete', { lines: [{ itemCode: 'KE2BGNO0000002', quantity: 100 }], tenders: [{ kind: 'cash', amount: 16_500 }] }, token);
      assert.equal(!sale.ok && sale.error.code, 'LEDGER_BROKEN');
      assert.match(!sale.ok ? sale.error.message : '', /broken at sale 2 \(receipt 2\)/);
    } finally {
      await app.close();
    }
    const file = new Database(join(ledger.dir, LEDGER_FILE), { readonly: true });
    assert.equal((file.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n, 2);
    file.close();
  });

  test("a file SQLite's quick_check finds damaged stops selling with LEDGER_CORRUPT, and the verifier says so in one line", async () => {
    ledger.close();
    ledger = await demoLedgerWithSales(2, clock);
    const { rootpage } = ledger.db.$client.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'sales_receipt_no_unique'").get() as { rootpage: number };
    const pageSize = ledger.db.$client.pragma('page_size', { simple: true }) as number;
    ledger.db.$client.close();
    const fd = openSync(join(ledger.dir, LEDGER_FILE), 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (rootpage - 1) * pageSize);
    closeSync(fd);

    const cli = verifyCli(ledger.dir);
    assert.equal(cli.status, 1);
    assert.match(cli.stdout, /^ledger BROKEN: every sale's link verifies \(2 sales\), but SQLite's quick_check finds the file damaged: [^\n]*sales_receipt_no_unique\n$/);

    const app = startTestApp({ dataDir: ledger.dir });
    try {
      const { token } = await app.call('session.login', { pin: '1234' });
      assert.deepEqual((await app.call('sync.status', {}, token)).alerts.map((a) => a.code), ['LEDGER_CORRUPT']);
      const sale = await app.dispatch('sale.complete', { lines: [{ itemCode: 'KE2BGNO0000002', quantity: 100 }], tenders: [{ kind: 'cash', amount: 16_500 }] }, token);
      assert.equal(!sale.ok && sale.error.code, 'LEDGER_CORRUPT');
    } finally {
      await app.close();
    }
  });

  test('ledger.verify finding a broken link at run time stops selling too', async () => {
    ledger.close();
    ledger = await demoLedgerWithSales(2, clock);
    ledger.db.$client.close();
    const app = startTestApp({ dataDir: ledger.dir });
    try {
      const { token } = await app.call('session.login', { pin: '9999' });
      assert.deepEqual((await app.call('sync.status', {}, token)).alerts, []);
      const forger = new Database(join(ledger.dir, LEDGER_FILE));
      forger.exec('DROP TRIGGER tenders_never_change');
      forger.prepare('UPDATE tenders SET amount = 100 WHERE sale_id = 1').run();
      forger.close();
      const verdict = await app.call('ledger.verify', {}, token);
      assert.equal(!verdict.ok && 'firstBroken' in verdict && verdict.firstBroken.receiptNo, 1);
      assert.deepEqual((await app.call('sync.status', {}, token)).alerts.map((a) => a.code), ['LEDGER_BROKEN']);
      const sale = await app.dispatch('sale.complete', { lines: [{ itemCode: 'KE2BGNO0000002', quantity: 100 }], tenders: [{ kind: 'cash', amount: 16_500 }] }, token);
      assert.equal(!sale.ok && sale.error.code, 'LEDGER_BROKEN');
    } finally {
      await app.close();
    }
  });
});
