/** Amounts, prices, quantities and line counts have sane upper bounds, refused by name before anything is written. */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { completeSale } from '../../../src-main/till/sale';
import { ApiError, MAX_LINE_QUANTITY, MAX_SALE_TOTAL, MAX_UNIT_PRICE, saleInput, type SaleInput } from '../../../src-shared/api';
import { startTestApp, type TestApp } from '../../support/app';
import { TestClock } from '../../support/clock';
import { saleDeps, testLedger, type TestLedger } from '../../support/ledger';

const SUGAR = 'KE2BGNO0000002';
const line = { itemCode: SUGAR, quantity: 100 };
const cash = { kind: 'cash' as const, amount: 16_500 };

describe('bounds in the contract', () => {
  let app: TestApp;
  let token: string;
  before(async () => {
    app = startTestApp();
    token = (await app.call('session.login', { pin: '1234' })).token;
  });
  after(() => app.dispose());

  const cases: [string, string, unknown, string][] = [
    ['a KES 90 trillion payment', 'sale.complete', { lines: [line], tenders: [{ kind: 'cash', amount: 9_000_000_000_000_000 }] }, 'tenders.0.amount'],
    ['a payment over KES 1 billion', 'sale.complete', { lines: [line], tenders: [{ kind: 'cash', amount: MAX_SALE_TOTAL + 1 }] }, 'tenders.0.amount'],
    ['a price over KES 100 million', 'sale.complete', { lines: [{ ...line, priceOverride: MAX_UNIT_PRICE + 1 }], tenders: [cash] }, 'lines.0.priceOverride'],
    ['over 100,000 of an item', 'sale.complete', { lines: [{ ...line, quantity: MAX_LINE_QUANTITY + 1 }], tenders: [cash] }, 'lines.0.quantity'],
    ['a discount over KES 1 billion', 'sale.complete', { lines: [{ ...line, discount: { amount: MAX_SALE_TOTAL + 1 } }], tenders: [cash] }, 'lines.0.discount'],
    ['501 lines', 'sale.complete', { lines: Array(501).fill(line), tenders: [cash] }, 'lines'],
    ['11 payments', 'sale.complete', { lines: [line], tenders: Array(11).fill(cash) }, 'tenders'],
    ['a refund of over 100,000 of an item', 'sale.refund', { originalSaleId: 1, reasonCode: '06', lines: [{ seq: 1, quantity: MAX_LINE_QUANTITY + 1 }], tenders: [cash] }, 'lines.0.quantity'],
    ['an approval of over KES 1 billion', 'session.authorize', { pin: '9999', action: 'discount', amount: MAX_SALE_TOTAL + 1 }, 'amount'],
  ];
  for (const [what, method, input, field] of cases) {
    it(`refuses ${what}, naming ${field}`, async () => {
      const result = await app.dispatch(method, input, token);
      assert.ok(!result.ok);
      assert.equal(result.error.code, 'INVALID_INPUT');
      assert.ok(result.error.field?.startsWith(field), `${result.error.field} names ${field}`);
    });
  }
});

describe('bounds on what a sale comes to', () => {
  let ledger: TestLedger;
  beforeEach(() => {
    ledger = testLedger();
  });
  afterEach(() => ledger.close());

  it('refuses lines that together come to over KES 1 billion, naming the line that crosses it', () => {
    const big = { itemCode: SUGAR, quantity: 5_000_00, priceOverride: 100_000_00 }; // 5,000 x KES 100,000 = KES 500 million
    const input: SaleInput = { lines: [big, big, big], tenders: [{ kind: 'cash', amount: MAX_SALE_TOTAL }] };
    const supervisor = { ...ledger.cashier, role: 'supervisor' as const };
    assert.throws(
      () => completeSale(saleDeps(ledger, new TestClock()), saleInput.parse(input), supervisor),
      (error) => error instanceof ApiError && error.code === 'INVALID_INPUT' && error.field === 'lines.2.quantity' && /at most KES 1,000,000,000/.test(error.message),
    );
  });
});
