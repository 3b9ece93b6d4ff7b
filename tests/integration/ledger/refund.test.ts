import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { refundInput, saleInput, type RefundInput, type SaleInput, type UserSummary } from '../../../src-shared/api';
import { verifyChain } from '../../../src-main/ledger/chain';
import { saleLines, sales } from '../../../src-main/ledger/schema';
import { refundSale } from '../../../src-main/till/refund';
import { completeSale } from '../../../src-main/till/sale';
import { TestClock } from '../../support/clock';
import { saleDeps, testLedger, type TestLedger } from '../../support/ledger';

describe('credit notes (sale.refund)', () => {
  let ledger: TestLedger;
  let clock: TestClock;
  let supervisor: UserSummary;
  beforeEach(() => {
    ledger = testLedger();
    clock = new TestClock();
    supervisor = { ...ledger.cashier, role: 'supervisor' };
  });
  afterEach(() => ledger.close());

  const sell = (input: SaleInput) => completeSale(saleDeps(ledger, clock), saleInput.parse(input), supervisor);
  const refund = (input: RefundInput, who: UserSummary = supervisor, approve = false) =>
    refundSale(saleDeps(ledger, clock, { consumeApproval: () => approve }), refundInput.parse(input), who);

  /** 3 x sugar (B) at 10% off, and 2 x milk (A), to a named buyer. */
  const basket = () =>
    sell({
      lines: [
        { itemCode: 'KE2BGNO0000002', quantity: 300, discount: { rate: 1000 } },
        { itemCode: 'KE2BQNO0000003', quantity: 200 },
      ],
      tenders: [{ kind: 'cash', amount: 100_000 }],
      customer: { tin: 'P051234567M', name: 'Acme Ltd' },
    });

  test('credits part of a sale at its own prices and discount, to the same buyer, as a KRA credit note', () => {
    const original = basket();
    // sugar: 3 x 165.00 = 495.00, 10% off = 49.50; taking back 2: 330.00 less 2/3 of 49.50 = 33.00 -> 297.00
    const note = refund({ originalSaleId: original.saleId, reasonCode: '06', lines: [{ seq: 1, quantity: 200 }], tenders: [{ kind: 'cash', amount: 29_700 }] });
    assert.equal(note.kind, 'creditNote');
    assert.equal(note.total, 29_700);
    // 297.00 incl. 16% VAT: taxable round(29700/1.16) = 25603, tax 4097
    assert.equal(note.taxTotal, 4_097);
    const row = ledger.db.select().from(sales).where(eq(sales.id, note.saleId)).get()!;
    assert.equal(row.kind, 'R');
    assert.equal(row.originalSaleId, original.saleId);
    assert.equal(row.customerTin, 'P051234567M', 'the credit note carries the original buyer PIN');
    const body = row.payload as Record<string, unknown>;
    assert.equal(body.rcptTyCd, 'R');
    assert.equal(body.rfdRsnCd, '06');
    assert.equal(body.rfdDt, body.cfmDt);
    assert.equal(body.totAmt, 297);
    assert.equal((body.itemList as { qty: number; dcAmt: number }[])[0]!.dcAmt, 33);
    const lines = ledger.db.select().from(saleLines).where(eq(saleLines.saleId, note.saleId)).all();
    assert.deepEqual(lines.map((l) => [l.seq, l.originalSeq, l.quantity]), [[1, 1, 200]]);
    assert.deepEqual(verifyChain(ledger.db), { ok: true, sales: 2 });
  });

  test('never credits more than was sold, counting earlier credit notes', () => {
    const original = basket();
    refund({ originalSaleId: original.saleId, reasonCode: '06', lines: [{ seq: 2, quantity: 100 }], tenders: [{ kind: 'cash', amount: 6_500 }] });
    const before = ledger.db.select({ n: count() }).from(sales).get()!.n;
    assert.throws(
      () => refund({ originalSaleId: original.saleId, reasonCode: '06', lines: [{ seq: 2, quantity: 200 }], tenders: [{ kind: 'cash', amount: 13_000 }] }),
      { code: 'REFUND_EXCEEDS_SALE', field: 'lines.0.quantity' },
    );
    assert.equal(ledger.db.select({ n: count() }).from(sales).get()!.n, before, 'nothing was written');
  });

  test('needs a supervisor, or a supervisor\'s approval at a cashier\'s till', () => {
    const original = basket();
    const input = { originalSaleId: original.saleId, reasonCode: '03', lines: [{ seq: 2, quantity: 100 }], tenders: [{ kind: 'cash' as const, amount: 6_500 }] };
    assert.throws(() => refund(input, ledger.cashier), { code: 'REFUND_NEEDS_APPROVAL', field: 'approval' });
    assert.equal(refund(input, ledger.cashier, true).total, 6_500);
  });

  test('pays back exactly the credit, and refuses to credit a credit note or a sale that does not exist', () => {
    const original = basket();
    assert.throws(
      () => refund({ originalSaleId: original.saleId, reasonCode: '06', lines: [{ seq: 2, quantity: 100 }], tenders: [{ kind: 'cash', amount: 7_000 }] }),
      { code: 'REFUND_TENDER_MISMATCH', field: 'tenders' },
    );
    const note = refund({ originalSaleId: original.saleId, reasonCode: '06', lines: [{ seq: 2, quantity: 100 }], tenders: [{ kind: 'cash', amount: 6_500 }] });
    assert.throws(
      () => refund({ originalSaleId: note.saleId, reasonCode: '06', lines: [{ seq: 1, quantity: 100 }], tenders: [{ kind: 'cash', amount: 6_500 }] }),
      { code: 'REFUND_OF_REFUND' },
    );
    assert.throws(
      () => refund({ originalSaleId: 999, reasonCode: '06', lines: [{ seq: 1, quantity: 100 }], tenders: [{ kind: 'cash', amount: 100 }] }),
      { code: 'SALE_NOT_FOUND', field: 'originalSaleId' },
    );
  });

  test('keeps the rates the sale was taxed at, even if KRA\'s rates changed since', () => {
    const original = basket();
    const deps = saleDeps(ledger, clock, { taxRates: () => ({ A: 0, B: 1400, C: 0, D: 0, E: 800 }) });
    const note = refundSale(deps, refundInput.parse({ originalSaleId: original.saleId, reasonCode: '09', lines: [{ seq: 1, quantity: 100 }], tenders: [{ kind: 'cash', amount: 14_850 }] }), supervisor);
    // 148.50 at the sale's 16%: taxable round(14850/1.16) = 12802, tax 2048
    assert.equal(note.taxTotal, 2_048);
  });
});
