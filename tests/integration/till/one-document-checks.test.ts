/** Checks within one sale or credit note that the ledger's own constraints would otherwise answer with a crash, or not at all. */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ApiError, refundInput, saleInput, type UserSummary } from '../../../src-shared/api';
import { refundSale } from '../../../src-main/till/refund';
import { completeSale } from '../../../src-main/till/sale';
import { TestClock } from '../../support/clock';
import { saleDeps, testLedger, type TestLedger } from '../../support/ledger';

const SUGAR = 'KE2BGNO0000002';

function refusal(run: () => unknown): { code: string; field: string | undefined } {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ApiError, `a typed refusal, not ${String(error)}`);
    return { code: error.code, field: error.field };
  }
  assert.fail('expected a refusal');
}

describe('one sale, one credit note', () => {
  let ledger: TestLedger;
  let clock: TestClock;
  let supervisor: UserSummary;
  beforeEach(() => {
    ledger = testLedger();
    clock = new TestClock();
    supervisor = { ...ledger.cashier, role: 'supervisor' };
  });
  afterEach(() => ledger.close());

  it('refuses one M-Pesa code used twice in the same sale, naming the second tender', () => {
    const input = saleInput.parse({
      lines: [{ itemCode: SUGAR, quantity: 200 }],
      tenders: [
        { kind: 'mpesa', amount: 16_500, reference: 'QJK2AB3CDE' },
        { kind: 'mpesa', amount: 16_500, reference: 'qjk2ab3cde' },
      ],
    });
    assert.deepEqual(refusal(() => completeSale(saleDeps(ledger, clock), input, ledger.cashier)), { code: 'MPESA_CODE_USED', field: 'tenders.1.reference' });
  });

  it('refuses a credit note naming the same line twice for more than was sold', () => {
    const sale = completeSale(saleDeps(ledger, clock), saleInput.parse({ lines: [{ itemCode: SUGAR, quantity: 100 }], tenders: [{ kind: 'cash', amount: 16_500 }] }), supervisor);
    const input = refundInput.parse({
      originalSaleId: sale.saleId,
      reasonCode: '06',
      lines: [
        { seq: 1, quantity: 100 },
        { seq: 1, quantity: 100 },
      ],
      tenders: [{ kind: 'cash', amount: 33_000 }],
    });
    assert.deepEqual(refusal(() => refundSale(saleDeps(ledger, clock), input, supervisor)), { code: 'REFUND_EXCEEDS_SALE', field: 'lines.1.quantity' });
  });
});
