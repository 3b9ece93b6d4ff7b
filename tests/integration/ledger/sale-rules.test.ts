import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { ApiError, saleInput, type SaleInput, type UserSummary } from '../../../src-shared/api';
import { items, saleLines, sales, tenders } from '../../../src-main/ledger/schema';
import { completeSale, tradeInvoiceNumber, type SaleDeps } from '../../../src-main/till/sale';
import { TestClock } from '../../support/clock';
import { saleDeps, testLedger, type TestLedger } from '../../support/ledger';

const SUGAR = 'KE2BGNO0000002';
const MILK = 'KE2BQNO0000003';

describe('the rules of a sale', () => {
  let ledger: TestLedger;
  let clock: TestClock;
  beforeEach(() => {
    ledger = testLedger();
    clock = new TestClock();
  });
  afterEach(() => ledger.close());

  const salesWritten = () => ledger.db.select({ n: count() }).from(sales).get()!.n;
  const sell = (input: SaleInput, deps: Partial<SaleDeps> = {}, cashier: UserSummary = ledger.cashier) =>
    completeSale(saleDeps(ledger, clock, deps), saleInput.parse(input), cashier);
  /** The ApiError a sale is refused with, and that nothing was written. */
  const refusal = (input: SaleInput, deps: Partial<SaleDeps> = {}, cashier: UserSummary = ledger.cashier) => {
    const before = salesWritten();
    try {
      sell(input, deps, cashier);
    } catch (error) {
      assert.ok(error instanceof ApiError, String(error));
      assert.equal(salesWritten(), before, 'nothing was written');
      return error;
    }
    return assert.fail('the sale should have been refused');
  };
  const cash = (amount: number) => [{ kind: 'cash' as const, amount }];

  test('hands back the receipt the cashier sees: lines, totals, what was paid and the change', () => {
    const committed: number[] = [];
    clock.set(new Date('2026-11-24T09:30:00Z'));
    const sale = sell(
      { lines: [{ itemCode: SUGAR, quantity: 200 }, { itemCode: MILK, quantity: 100 }], tenders: cash(50_000) },
      { onCommitted: (id) => committed.push(id) },
    );
    assert.deepEqual(sale, {
      saleId: 1,
      receiptNo: 1,
      kind: 'sale',
      tradeInvoiceNo: 'T01-000001',
      committedAt: '2026-11-24T09:30:00.000Z',
      lines: [
        { seq: 1, itemCode: SUGAR, name: 'Sugar 1kg', quantity: 200, unitPrice: 16_500, discount: 0, total: 33_000, taxClass: 'B' },
        { seq: 2, itemCode: MILK, name: 'Fresh milk 500ml', quantity: 100, unitPrice: 6_500, discount: 0, total: 6_500, taxClass: 'A' },
      ],
      total: 39_500,
      // 330.00 / 1.16 = 284.48; tax 45.52; milk is exempt.
      taxableTotal: 28_448 + 6_500,
      taxTotal: 4_552,
      paid: 50_000,
      change: 10_500,
      status: 'provisional',
    });
    assert.deepEqual(committed, [1], 'the sender is woken with the new sale');
    const stored = ledger.db.select().from(saleLines).where(eq(saleLines.saleId, 1)).all();
    assert.deepEqual(stored.map((l) => [l.originalSeq, l.rate, l.taxable, l.tax]), [[null, 1600, 28_448, 4_552], [null, 0, 6_500, 0]]);
    const paid = ledger.db.select().from(tenders).where(eq(tenders.saleId, 1)).all();
    assert.deepEqual(paid.map((t) => [t.seq, t.kind, t.amount, t.reference]), [[1, 'cash', 50_000, null]]);
    const row = ledger.db.select().from(sales).where(eq(sales.id, 1)).get()!;
    assert.deepEqual([row.kind, row.originalSaleId, row.refundReason, row.changeGiven, row.customerTin, row.customerName], ['S', null, null, 10_500, null, null]);
  });

  test('numbers trade invoices by till, six digits and more', () => {
    assert.equal(tradeInvoiceNumber('T01', 42), 'T01-000042');
    assert.equal(tradeInvoiceNumber('T02', 1_234_567), 'T02-1234567');
  });

  test('asks whether it may sell before anything else, and writes nothing when it may not', () => {
    const blocked = new ApiError('WATCHDOG_BLOCKED', 'no invoice until KRA answers');
    const error = refusal({ lines: [{ itemCode: 'NOPE', quantity: 100 }], tenders: cash(100) }, { assertMaySell: () => { throw blocked; } });
    assert.equal(error, blocked);
  });

  test('names an item that is withdrawn, refused by KRA or still waiting for KRA', () => {
    ledger.db.update(items).set({ active: false }).where(eq(items.code, SUGAR)).run();
    ledger.db.update(items).set({ registered: false, kraError: 'invalid item class' }).where(eq(items.code, MILK)).run();
    ledger.db.update(items).set({ registered: false, kraError: null }).where(eq(items.code, 'KE2BQNO0000004')).run();
    const withdrawn = refusal({ lines: [{ itemCode: SUGAR, quantity: 100 }], tenders: cash(16_500) });
    assert.deepEqual([withdrawn.code, withdrawn.field, withdrawn.params], ['ITEM_WITHDRAWN', 'lines.0.itemCode', { name: 'Sugar 1kg' }]);
    const refused = refusal({ lines: [{ itemCode: 'KE2BGNO0000001', quantity: 100 }, { itemCode: MILK, quantity: 100 }], tenders: cash(30_000) });
    assert.deepEqual([refused.code, refused.field, refused.params], ['ITEM_REFUSED_BY_KRA', 'lines.1.itemCode', { name: 'Fresh milk 500ml', reason: 'invalid item class' }]);
    assert.match(refused.message, /KRA refused Fresh milk 500ml \(invalid item class\); a manager must correct the item/);
    const waiting = refusal({ lines: [{ itemCode: 'KE2BQNO0000004', quantity: 100 }], tenders: cash(34_900) });
    assert.deepEqual([waiting.code, waiting.field, waiting.params], ['ITEM_NOT_REGISTERED', 'lines.0.itemCode', { name: 'Cooking oil 1L' }]);
    const unknown = refusal({ lines: [{ itemCode: 'NOPE', quantity: 100 }], tenders: cash(100) });
    assert.deepEqual(unknown.params, { code: 'NOPE' });
    assert.deepEqual(
      [unknown.message, withdrawn.message, waiting.message],
      ['lines.0.itemCode: no item with code NOPE', 'lines.0.itemCode: Sugar 1kg is withdrawn from sale', 'lines.0.itemCode: Cooking oil 1L is waiting for KRA to accept it'],
    );
  });

  test('sells at an overridden price, and a cart discount, only with a supervisor or their approval', () => {
    const override = { lines: [{ itemCode: SUGAR, quantity: 100, priceOverride: 15_000 }], tenders: cash(15_000) };
    const cartDiscount = { lines: [{ itemCode: SUGAR, quantity: 100 }], cartDiscount: { amount: 500 }, tenders: cash(16_000) };
    for (const input of [override, cartDiscount]) {
      const error = refusal(input);
      assert.deepEqual([error.code, error.field], ['DISCOUNT_NOT_ALLOWED', 'approval']);
    }
    const supervisor = { ...ledger.cashier, role: 'supervisor' as const };
    let asked = 0;
    const sale = sell(override, { consumeApproval: () => (asked += 1) > 0 }, supervisor);
    assert.equal(sale.total, 15_000, 'the overridden price is the price');
    assert.equal(sale.lines[0]!.unitPrice, 15_000);
    assert.equal(asked, 0, "a supervisor's own sale spends no approval");
    assert.equal(sell({ ...cartDiscount, approval: 'granted' }, { consumeApproval: (token) => token === 'granted' }).total, 16_000, "with a supervisor's approval");
  });

  test("does not spend a supervisor's approval on a sale refused for another reason", () => {
    let spent = 0;
    const deps = { consumeApproval: () => ((spent += 1), true) };
    const short = refusal({ lines: [{ itemCode: SUGAR, quantity: 100, discount: { rate: 1000 } }], tenders: cash(100), approval: 'granted' }, deps);
    assert.equal(short.code, 'TENDER_SHORT');
    assert.equal(spent, 0);
    assert.equal(sell({ lines: [{ itemCode: SUGAR, quantity: 100, discount: { rate: 1000 } }], tenders: cash(14_850), approval: 'granted' }, deps).total, 14_850);
    assert.equal(spent, 1);
  });

  test('refuses a discount larger than its line, or a bad line, naming the field', () => {
    const supervisor = { ...ledger.cashier, role: 'supervisor' as const };
    const tooMuch = refusal({ lines: [{ itemCode: SUGAR, quantity: 100, discount: { amount: 20_000 } }], tenders: cash(100) }, {}, supervisor);
    assert.deepEqual([tooMuch.code, tooMuch.field], ['DISCOUNT_EXCEEDS_LINE', 'lines.0.discount']);
    assert.match(tooMuch.message, /^lines\.0\.discount: discount amount 20000 is more than the 16500 cents it applies to$/);
    const cart = refusal({ lines: [{ itemCode: SUGAR, quantity: 100 }], cartDiscount: { amount: 20_000 }, tenders: cash(100) }, {}, supervisor);
    assert.deepEqual([cart.code, cart.field], ['DISCOUNT_EXCEEDS_LINE', 'cartDiscount']);
    const noRate = refusal({ lines: [{ itemCode: SUGAR, quantity: 100 }], tenders: cash(16_500) }, { taxRates: () => ({ A: 0, C: 0, D: 0, E: 800 }) });
    assert.deepEqual([noRate.code, noRate.field], ['TAX_CLASS_NOT_LISTED', 'lines.0.itemCode']);
    assert.match(noRate.message, /^lines\.0\.itemCode: Sugar 1kg is in tax class B/);
  });

  test('lets a failure that is not about the cart through as it is', () => {
    const broken = new Error('disk unplugged');
    assert.throws(() => sell({ lines: [{ itemCode: SUGAR, quantity: 100 }], tenders: cash(16_500) }, { taxRates: () => { throw broken; } }), (e) => e === broken);
  });

  test('refuses one M-Pesa code twice in one sale, and any code used before, naming the tender', () => {
    const twice = refusal({
      lines: [{ itemCode: SUGAR, quantity: 200 }],
      tenders: [
        { kind: 'mpesa', amount: 16_500, reference: 'SGH7K2L9QA' },
        { kind: 'mpesa', amount: 16_500, reference: 'SGH7K2L9QA' },
      ],
    });
    assert.deepEqual([twice.code, twice.field, twice.params], ['MPESA_CODE_USED', 'tenders.1.reference', { reference: 'SGH7K2L9QA' }]);
    assert.equal(twice.message, 'tenders.1.reference: M-Pesa code SGH7K2L9QA was already used');
    sell({ lines: [{ itemCode: SUGAR, quantity: 100 }], tenders: [{ kind: 'card', amount: 6_500, reference: 'SGH7K2L9QB' }, { kind: 'mpesa', amount: 10_000, reference: 'SGH7K2L9QC' }] });
    const again = refusal({ lines: [{ itemCode: SUGAR, quantity: 100 }], tenders: [{ kind: 'cash', amount: 500 }, { kind: 'mpesa', amount: 16_000, reference: 'SGH7K2L9QC' }] });
    assert.deepEqual([again.code, again.field], ['MPESA_CODE_USED', 'tenders.1.reference']);
    assert.equal(sell({ lines: [{ itemCode: SUGAR, quantity: 100 }], tenders: [{ kind: 'card', amount: 16_500, reference: 'SGH7K2L9QC' }] }).total, 16_500, 'a card reference that reads like an M-Pesa code used before is not one');
  });
});
