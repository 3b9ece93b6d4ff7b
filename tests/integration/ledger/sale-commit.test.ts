import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { ApiError, saleInput, type SaleInput } from '../../../src-shared/api';
import { verifyChain } from '../../../src-main/ledger/chain';
import { auditLog, outbox, saleLines, sales, stockMoves, tenders } from '../../../src-main/ledger/schema';
import { projectPaths } from '../../../src-main/paths';
import { completeSale as commit, type SaleDeps } from '../../../src-main/till/sale';
import { TestClock } from '../../support/clock';
import { saleDeps, sellSugar, testLedger, type TestLedger } from '../../support/ledger';

/** As dispatch does: the contract's schema normalises the input before the handler sees it. */
const completeSale = (deps: SaleDeps, input: SaleInput, cashier: Parameters<typeof commit>[2]) => commit(deps, saleInput.parse(input), cashier);

describe('committing a sale', () => {
  let ledger: TestLedger;
  let clock: TestClock;
  beforeEach(() => {
    ledger = testLedger();
    clock = new TestClock();
  });
  afterEach(() => ledger.close());

  const rows = () => ({
    sales: ledger.db.select({ n: count() }).from(sales).get()!.n,
    lines: ledger.db.select({ n: count() }).from(saleLines).get()!.n,
    tenders: ledger.db.select({ n: count() }).from(tenders).get()!.n,
    outbox: ledger.db.select({ n: count() }).from(outbox).get()!.n,
    audit: ledger.db.select({ n: count() }).from(auditLog).get()!.n,
  });

  test('writes the sale, its lines, tenders, outbox row and audit row together, priced and taxed', () => {
    const sale = completeSale(
      saleDeps(ledger, clock),
      {
        lines: [
          { itemCode: 'KE2BGNO0000002', quantity: 200 },
          { itemCode: 'KE2BGKG0000007', quantity: 150 },
          { itemCode: 'KE2BQNO0000003', quantity: 100 },
        ],
        tenders: [
          { kind: 'mpesa', amount: 30000, reference: 'sgh7k2l9qa' },
          { kind: 'cash', amount: 50000 },
        ],
        customer: { tin: 'p051234567m', name: 'Acme Ltd' },
      },
      ledger.cashier,
    );
    // 2 x 165.00 = 330.00 (B); 1.5 x 199.99 = 299.985 -> 299.99 (B); 1 x 65.00 (A): 694.99
    assert.equal(sale.total, 69499);
    assert.equal(sale.change, 80000 - 69499);
    assert.equal(sale.tradeInvoiceNo, 'T01-000001');
    assert.equal(sale.status, 'provisional');
    // B: 629.99 incl. -> taxable round(62999/1.16) = 54309, tax 8690; A: 6500 untaxed
    assert.equal(sale.taxTotal, 8690);
    assert.equal(sale.taxableTotal, 54309 + 6500);
    assert.deepEqual(rows(), { sales: 1, lines: 3, tenders: 2, outbox: 1, audit: 1 });

    const row = ledger.db.select().from(sales).get()!;
    const body = row.payload as Record<string, unknown>;
    assert.equal(body.custTin, 'P051234567M', 'the buyer PIN travels upper-case');
    assert.equal(body.pmtTyCd, '01', 'the dominant tender (cash, 500.00) names the payment type');
    assert.equal(body.totAmt, 694.99);
    assert.equal(body.taxblAmtB, 543.09);
    assert.equal(body.taxAmtB, 86.9);
    assert.equal(body.taxRtB, 16);
    assert.equal(body.invcNo, undefined, 'invcNo is given at the first send, not at commit');
    assert.equal(ledger.db.select().from(tenders).where(eq(tenders.kind, 'mpesa')).get()!.reference, 'SGH7K2L9QA');
  });

  test('commits a sale and the stock it moves in one transaction: a stock write that fails leaves no sale behind', () => {
    sellSugar(ledger, clock);
    const before = rows();
    const moves = () => ledger.db.select({ n: count() }).from(stockMoves).get()!.n;
    const movesBefore = moves();
    ledger.db.$client.exec("CREATE TRIGGER stock_refused BEFORE INSERT ON stock_moves BEGIN SELECT RAISE(ABORT, 'the stock write failed'); END");
    assert.throws(() => sellSugar(ledger, clock), /the stock write failed/);
    assert.deepEqual(rows(), before, 'no sale, line, tender, outbox or audit row without its stock movement');
    assert.equal(moves(), movesBefore);
    ledger.db.$client.exec('DROP TRIGGER stock_refused');
    assert.equal(sellSugar(ledger, clock).receiptNo, 2, 'the receipt number is given again: nothing was committed');
  });

  test('numbers receipts without gaps and chains each sale to the one before', () => {
    const numbers = [1, 2, 3, 4].map(() => sellSugar(ledger, clock).receiptNo);
    assert.deepEqual(numbers, [1, 2, 3, 4]);
    assert.deepEqual(verifyChain(ledger.db), { ok: true, sales: 4 });
  });

  const refusals: [string, SaleInput, string, string][] = [
    ['an unknown item', { lines: [{ itemCode: 'NOPE', quantity: 100 }], tenders: [{ kind: 'cash', amount: 100 }] }, 'ITEM_NOT_FOUND', 'lines.0.itemCode'],
    ['payment short of the total', { lines: [{ itemCode: 'KE2BGNO0000002', quantity: 100 }], tenders: [{ kind: 'cash', amount: 16000 }] }, 'TENDER_SHORT', 'tenders'],
    ['change from M-Pesa', { lines: [{ itemCode: 'KE2BGNO0000002', quantity: 100 }], tenders: [{ kind: 'mpesa', amount: 20000, reference: 'SGH7K2L9QA' }] }, 'CHANGE_NOT_IN_CASH', 'tenders'],
    ['M-Pesa without its code', { lines: [{ itemCode: 'KE2BGNO0000002', quantity: 100 }], tenders: [{ kind: 'mpesa', amount: 16500 }] }, 'MPESA_CODE_REQUIRED', 'tenders.0.reference'],
    ['credit without a customer', { lines: [{ itemCode: 'KE2BGNO0000002', quantity: 100 }], tenders: [{ kind: 'credit', amount: 16500 }] }, 'CUSTOMER_REQUIRED', 'customer'],
    ['a cashier\'s discount without approval', { lines: [{ itemCode: 'KE2BGNO0000002', quantity: 100, discount: { rate: 1000 } }], tenders: [{ kind: 'cash', amount: 16500 }] }, 'DISCOUNT_NOT_ALLOWED', 'approval'],
  ];
  for (const [what, input, code, field] of refusals) {
    test(`refuses ${what} with ${code} naming ${field}, and writes nothing`, () => {
      const before = rows();
      assert.throws(() => completeSale(saleDeps(ledger, clock), input, ledger.cashier), (e: unknown) => {
        assert.ok(e instanceof ApiError);
        assert.equal(e.code, code);
        assert.equal(e.field, field);
        return true;
      });
      assert.deepEqual(rows(), before);
    });
  }

  test('refuses an M-Pesa code already used on another sale', () => {
    const pay = { lines: [{ itemCode: 'KE2BGNO0000002', quantity: 100 }], tenders: [{ kind: 'mpesa' as const, amount: 16500, reference: 'SGH7K2L9QA' }] };
    completeSale(saleDeps(ledger, clock), pay, ledger.cashier);
    assert.throws(() => completeSale(saleDeps(ledger, clock), pay, ledger.cashier), { code: 'MPESA_CODE_USED' });
    assert.equal(rows().sales, 1);
  });

  test('takes a card approval code that came round again, on another sale', () => {
    const pay = { lines: [{ itemCode: 'KE2BGNO0000002', quantity: 100 }], tenders: [{ kind: 'card' as const, amount: 16500, reference: '004512' }] };
    completeSale(saleDeps(ledger, clock), pay, ledger.cashier);
    completeSale(saleDeps(ledger, clock), pay, ledger.cashier);
    assert.equal(rows().sales, 2);
  });

  test('lets a cashier discount with a supervisor\'s approval, spent once', () => {
    let approvals = 1;
    const deps = saleDeps(ledger, clock, { consumeApproval: (token) => token === 'ok' && approvals-- > 0 });
    const input = { lines: [{ itemCode: 'KE2BGNO0000002', quantity: 100, discount: { rate: 1000 } }], tenders: [{ kind: 'cash' as const, amount: 16500 }], approval: 'ok' };
    assert.equal(completeSale(deps, input, ledger.cashier).total, 14850);
    assert.throws(() => completeSale(deps, input, ledger.cashier), { code: 'DISCOUNT_NOT_ALLOWED' });
  });

  test('keeps sales append-only: the ledger refuses edits and deletes', () => {
    sellSugar(ledger, clock);
    assert.throws(() => ledger.db.update(sales).set({ total: 1 }).run(), /never edited/);
    assert.throws(() => ledger.db.delete(sales).run(), /append-only/);
    assert.throws(() => ledger.db.update(saleLines).set({ total: 1 }).run(), /append-only/);
  });

  test('the verifier reports the first broken link, and `npm run verify-ledger` exits non-zero on it', () => {
    [1, 2, 3].forEach(() => sellSugar(ledger, clock));
    const verify = () => spawnSync(process.execPath, ['--import', 'tsx', 'src-main/ledger/verify-cli.ts', ledger.dir], { cwd: projectPaths.root, encoding: 'utf8' });
    const intact = verify();
    assert.equal(intact.status, 0, intact.stderr);
    assert.match(intact.stdout, /3 sales/);

    ledger.db.$client.exec('DROP TRIGGER sales_content_never_changes');
    ledger.db.update(sales).set({ total: 1 }).where(eq(sales.receiptNo, 2)).run();
    const verdict = verifyChain(ledger.db);
    assert.equal(verdict.ok, false);
    assert.equal(!verdict.ok && verdict.firstBroken.receiptNo, 2);
    const broken = verify();
    assert.equal(broken.status, 1);
    assert.match(broken.stdout, /receipt 2/);
  });
});
