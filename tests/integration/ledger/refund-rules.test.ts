import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { ApiError, refundInput, saleInput, type RefundInput, type SaleInput, type UserSummary } from '../../../src-shared/api';
import { sales } from '../../../src-main/ledger/schema';
import { refundSale } from '../../../src-main/till/refund';
import { completeSale, type SaleDeps } from '../../../src-main/till/sale';
import { TestClock } from '../../support/clock';
import { saleDeps, testLedger, type TestLedger } from '../../support/ledger';

const SUGAR = 'KE2BGNO0000002';
const MILK = 'KE2BQNO0000003';
const PARAFFIN = 'KE2JYNO0000009';

describe('the rules of a credit note', () => {
  let ledger: TestLedger;
  let clock: TestClock;
  let supervisor: UserSummary;
  beforeEach(() => {
    ledger = testLedger();
    clock = new TestClock();
    supervisor = { ...ledger.cashier, role: 'supervisor' };
  });
  afterEach(() => ledger.close());

  const written = () => ledger.db.select({ n: count() }).from(sales).get()!.n;
  const sell = (input: SaleInput) => completeSale(saleDeps(ledger, clock), saleInput.parse(input), supervisor);
  const refund = (input: RefundInput, deps: Partial<SaleDeps> = {}, who: UserSummary = supervisor) =>
    refundSale(saleDeps(ledger, clock, deps), refundInput.parse(input), who);
  const refusal = (input: RefundInput, deps: Partial<SaleDeps> = {}, who: UserSummary = supervisor) => {
    const before = written();
    try {
      refund(input, deps, who);
    } catch (error) {
      assert.ok(error instanceof ApiError, String(error));
      assert.equal(written(), before, 'nothing was written');
      return error;
    }
    return assert.fail('the credit note should have been refused');
  };
  const cash = (amount: number) => [{ kind: 'cash' as const, amount }];

  test('hands back the credit note: its lines, its total paid back, no change, and the stored link to the sale', () => {
    const original = sell({ lines: [{ itemCode: SUGAR, quantity: 200 }, { itemCode: MILK, quantity: 300 }], tenders: cash(60_000) });
    const committed: number[] = [];
    const note = refund({ originalSaleId: original.saleId, reasonCode: '03', lines: [{ seq: 2, quantity: 100 }], tenders: cash(6_500) }, { onCommitted: (id) => committed.push(id) });
    assert.deepEqual(
      { kind: note.kind, total: note.total, paid: note.paid, change: note.change, lines: note.lines, tradeInvoiceNo: note.tradeInvoiceNo },
      {
        kind: 'creditNote',
        total: 6_500,
        paid: 6_500,
        change: 0,
        lines: [{ seq: 1, itemCode: MILK, name: 'Fresh milk 500ml', quantity: 100, unitPrice: 6_500, discount: 0, total: 6_500, taxClass: 'A' }],
        tradeInvoiceNo: 'T01-000002',
      },
    );
    assert.deepEqual(committed, [note.saleId]);
    const row = ledger.db.select().from(sales).where(eq(sales.id, note.saleId)).get()!;
    assert.deepEqual([row.kind, row.originalSaleId, row.refundReason, row.changeGiven, row.customerTin], ['R', original.saleId, '03', 0, null]);
    const item = (row.payload as { itemList: Record<string, unknown>[] }).itemList[0]!;
    assert.deepEqual([item.itemCd, item.itemClsCd, item.bcd, item.pkgUnitCd, item.qtyUnitCd], [MILK, '1000000000', '6161100110031', 'BQ', 'NO']);
  });

  test('asks whether it may issue an invoice before anything else', () => {
    const original = sell({ lines: [{ itemCode: SUGAR, quantity: 100 }], tenders: cash(16_500) });
    const blocked = new ApiError('WATCHDOG_BLOCKED', 'no invoice until KRA answers');
    const error = refusal({ originalSaleId: original.saleId + 100, reasonCode: '06', lines: [{ seq: 1, quantity: 100 }], tenders: cash(16_500) }, { assertMaySell: () => { throw blocked; } });
    assert.equal(error, blocked);
  });

  test('names a sale that does not exist, and a credit note that cannot be credited again', () => {
    const original = sell({ lines: [{ itemCode: SUGAR, quantity: 200 }], tenders: cash(33_000) });
    const note = refund({ originalSaleId: original.saleId, reasonCode: '06', lines: [{ seq: 1, quantity: 100 }], tenders: cash(16_500) });
    const missing = refusal({ originalSaleId: 99, reasonCode: '06', lines: [{ seq: 1, quantity: 100 }], tenders: cash(16_500) });
    assert.deepEqual([missing.code, missing.field, missing.message], ['SALE_NOT_FOUND', 'originalSaleId', 'originalSaleId: no sale 99']);
    const again = refusal({ originalSaleId: note.saleId, reasonCode: '06', lines: [{ seq: 1, quantity: 100 }], tenders: cash(16_500) });
    assert.deepEqual([again.code, again.field, again.message], ['REFUND_OF_REFUND', 'originalSaleId', 'originalSaleId: that receipt is a credit note']);
  });

  test('names a line the sale does not have', () => {
    const original = sell({ lines: [{ itemCode: SUGAR, quantity: 100 }], tenders: cash(16_500) });
    const error = refusal({ originalSaleId: original.saleId, reasonCode: '06', lines: [{ seq: 1, quantity: 100 }, { seq: 3, quantity: 100 }], tenders: cash(33_000) });
    assert.deepEqual([error.code, error.field, error.message], ['SALE_NOT_FOUND', 'lines.1.seq', 'lines.1.seq: the sale has no line 3']);
  });

  test('says how much of a line is left to credit, in units', () => {
    const original = sell({ lines: [{ itemCode: SUGAR, quantity: 300 }], tenders: cash(49_500) });
    refund({ originalSaleId: original.saleId, reasonCode: '06', lines: [{ seq: 1, quantity: 100 }], tenders: cash(16_500) });
    const error = refusal({ originalSaleId: original.saleId, reasonCode: '06', lines: [{ seq: 1, quantity: 300 }], tenders: cash(49_500) });
    assert.deepEqual([error.code, error.field, error.params], ['REFUND_EXCEEDS_SALE', 'lines.0.quantity', { left: 2 }]);
    assert.equal(error.message, 'lines.0.quantity: only 2 of Sugar 1kg is left to refund');
    assert.equal(refund({ originalSaleId: original.saleId, reasonCode: '06', lines: [{ seq: 1, quantity: 200 }], tenders: cash(33_000) }).total, 33_000, 'exactly what is left may go back');
  });

  test('refuses one line named twice for more than was sold', () => {
    const original = sell({ lines: [{ itemCode: SUGAR, quantity: 200 }], tenders: cash(33_000) });
    const error = refusal({ originalSaleId: original.saleId, reasonCode: '06', lines: [{ seq: 1, quantity: 200 }, { seq: 1, quantity: 100 }], tenders: cash(49_500) });
    assert.deepEqual([error.code, error.field, error.params], ['REFUND_EXCEEDS_SALE', 'lines.1.quantity', { left: 0 }]);
  });

  test('names the exact amount to pay back', () => {
    const original = sell({ lines: [{ itemCode: SUGAR, quantity: 100 }], tenders: cash(16_500) });
    const error = refusal({ originalSaleId: original.saleId, reasonCode: '06', lines: [{ seq: 1, quantity: 100 }], tenders: cash(16_400) });
    assert.deepEqual([error.code, error.message, error.params], ['REFUND_TENDER_MISMATCH', 'tenders: pay back exactly 16500 cents', { total: '165.00' }]);
  });

  test('pays back over M-Pesa only with a code never used before', () => {
    const original = sell({ lines: [{ itemCode: SUGAR, quantity: 200 }], tenders: [{ kind: 'mpesa', amount: 33_000, reference: 'SGH7K2L9QA' }] });
    const reused = refusal({ originalSaleId: original.saleId, reasonCode: '06', lines: [{ seq: 1, quantity: 100 }], tenders: [{ kind: 'mpesa', amount: 16_500, reference: 'SGH7K2L9QA' }] });
    assert.deepEqual([reused.code, reused.field], ['MPESA_CODE_USED', 'tenders.0.reference']);
    const noCode = refusal({ originalSaleId: original.saleId, reasonCode: '06', lines: [{ seq: 1, quantity: 100 }], tenders: [{ kind: 'mpesa', amount: 16_500 }] });
    assert.equal(noCode.code, 'MPESA_CODE_REQUIRED');
  });

  test('credits to the account of the same buyer only', () => {
    const anonymous = sell({ lines: [{ itemCode: SUGAR, quantity: 100 }], tenders: cash(16_500) });
    const credit = refusal({ originalSaleId: anonymous.saleId, reasonCode: '06', lines: [{ seq: 1, quantity: 100 }], tenders: [{ kind: 'credit', amount: 16_500 }] });
    assert.equal(credit.code, 'CUSTOMER_REQUIRED');
    const named = sell({ lines: [{ itemCode: SUGAR, quantity: 100 }], tenders: [{ kind: 'credit', amount: 16_500 }], customer: { tin: 'P051234567M', name: 'Acme Ltd' } });
    const note = refund({ originalSaleId: named.saleId, reasonCode: '06', lines: [{ seq: 1, quantity: 100 }], tenders: [{ kind: 'credit', amount: 16_500 }] });
    const row = ledger.db.select().from(sales).where(eq(sales.id, note.saleId)).get()!;
    assert.deepEqual([row.customerTin, row.customerName], ['P051234567M', 'Acme Ltd']);
  });

  test("asks a cashier's till for a supervisor's approval, and spends none of a supervisor's own", () => {
    const original = sell({ lines: [{ itemCode: SUGAR, quantity: 200 }], tenders: cash(33_000) });
    const input = { originalSaleId: original.saleId, reasonCode: '06', lines: [{ seq: 1, quantity: 100 }], tenders: cash(16_500) };
    let asked = 0;
    const counting = { consumeApproval: () => ((asked += 1), true) };
    refund(input, counting, supervisor);
    assert.equal(asked, 0);
    const refused = refusal(input, { consumeApproval: () => false }, ledger.cashier);
    assert.deepEqual([refused.code, refused.field, refused.message], ['REFUND_NEEDS_APPROVAL', 'approval', "approval: a refund needs a supervisor's approval"]);
    refund(input, counting, ledger.cashier);
    assert.equal(asked, 1);
  });

  test("keeps each class's rate from the sale, and takes today's for the classes it did not use", () => {
    const original = sell({ lines: [{ itemCode: SUGAR, quantity: 100 }, { itemCode: PARAFFIN, quantity: 100 }], tenders: cash(32_700) });
    const today = { A: 0, B: 1400, C: 0, D: 0, E: 1000 };
    const note = refund({ originalSaleId: original.saleId, reasonCode: '06', lines: [{ seq: 2, quantity: 100 }], tenders: cash(16_200) }, { taxRates: () => today });
    // Paraffin (E) was sold at 8%: 162.00 / 1.08 = 150.00, tax 12.00.
    assert.equal(note.taxTotal, 1_200);
    const body = ledger.db.select().from(sales).where(eq(sales.id, note.saleId)).get()!.payload as Record<string, unknown>;
    assert.deepEqual([body.taxRtB, body.taxRtE], [16, 8], 'B was on the sale too, so its rate stays 16%');
    const milkSale = sell({ lines: [{ itemCode: MILK, quantity: 100 }], tenders: cash(6_500) });
    const milkNote = refund({ originalSaleId: milkSale.saleId, reasonCode: '06', lines: [{ seq: 1, quantity: 100 }], tenders: cash(6_500) }, { taxRates: () => today });
    const milkBody = ledger.db.select().from(sales).where(eq(sales.id, milkNote.saleId)).get()!.payload as Record<string, unknown>;
    assert.deepEqual([milkBody.taxRtA, milkBody.taxRtB, milkBody.taxRtE], [0, 14, 10], "classes the sale did not use carry today's rates");
  });
});
