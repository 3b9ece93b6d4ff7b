import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { ApiError, refundInput, saleInput, type RefundInput, type SaleInput, type UserSummary } from '../../../src-shared/api';
import { Approvals } from '../../../src-main/session/approval';
import { refundSale } from '../../../src-main/till/refund';
import { completeSale } from '../../../src-main/till/sale';
import { startTestApp, type TestApp } from '../../support/app';
import { TestClock } from '../../support/clock';
import { saleDeps, testLedger, type TestLedger } from '../../support/ledger';

const SUGAR = 'KE2BGNO0000002';

describe('a supervisor approving at a cashier\'s till (session.authorize)', () => {
  let app: TestApp;
  let cashier: string;
  before(async () => {
    app = startTestApp({ lockout: { maxFailures: 3, lockSeconds: 60 } });
    cashier = (await app.call('session.login', { pin: '1234' })).token;
  });
  after(() => app.dispose());

  it('gives a manager\'s PIN a short-lived approval, and the cashier stays logged in', async () => {
    const approval = await app.call('session.authorize', { pin: '9999', action: 'discount', amount: 1650 }, cashier);
    assert.equal(approval.approver.name, 'Otieno');
    assert.equal(approval.approver.role, 'manager');
    assert.ok(approval.approval.length >= 32);
    assert.ok(Date.parse(approval.expiresAt) > Date.now());
    const status = await app.dispatch('sync.status', {}, cashier);
    assert.ok(status.ok, 'the cashier\'s session still works');
  });

  it('asks which sale a refund approval is for, and refuses a sale named on a discount', async () => {
    const refund = await app.dispatch('session.authorize', { pin: '9999', action: 'refund', amount: 100 }, cashier);
    assert.equal(!refund.ok && refund.error.field, 'saleId');
    const discount = await app.dispatch('session.authorize', { pin: '9999', action: 'discount', amount: 100, saleId: 3 }, cashier);
    assert.equal(!discount.ok && discount.error.field, 'saleId');
  });
});

describe('approvals are bound to what was approved', () => {
  let ledger: TestLedger;
  let clock: TestClock;
  let approvals: Approvals;
  const manager: UserSummary = { id: 99, name: 'Otieno', role: 'manager' };
  beforeEach(() => {
    ledger = testLedger();
    clock = new TestClock();
    approvals = new Approvals(ledger.db, clock);
  });
  afterEach(() => ledger.close());

  const deps = () => saleDeps(ledger, clock, { consumeApproval: (token, use) => approvals.consume(token, use) });
  const sell = (input: SaleInput) => completeSale(deps(), saleInput.parse(input), ledger.cashier);
  const refund = (input: RefundInput) => refundSale(deps(), refundInput.parse(input), ledger.cashier);
  const codeOf = (run: () => unknown) => {
    try {
      run();
      return 'ok';
    } catch (error) {
      if (error instanceof ApiError) return error.code;
      throw error;
    }
  };
  /** Sugar at 165.00 with 10% (16.50) off the line. */
  const discounted = (approval?: string): SaleInput => ({
    lines: [{ itemCode: SUGAR, quantity: 100, discount: { rate: 1000 } }],
    tenders: [{ kind: 'cash', amount: 14_850 }],
    ...(approval ? { approval } : {}),
  });
  const plainSale = () => completeSale(saleDeps(ledger, clock), { lines: [{ itemCode: SUGAR, quantity: 200 }], tenders: [{ kind: 'cash', amount: 33_000 }] }, ledger.cashier);

  it('spends a discount approval on a sale taking off no more than was approved, once', () => {
    const { token } = approvals.grant(manager, ledger.cashier, { action: 'discount', amount: 1650, saleId: null });
    assert.equal(sell(discounted(token)).total, 14_850);
    assert.equal(codeOf(() => sell(discounted(token))), 'DISCOUNT_NOT_ALLOWED', 'one use');
  });

  it('refuses a discount larger than the one approved', () => {
    const { token } = approvals.grant(manager, ledger.cashier, { action: 'discount', amount: 1000, saleId: null });
    assert.equal(codeOf(() => sell(discounted(token))), 'DISCOUNT_NOT_ALLOWED');
  });

  it('refuses a refund approval spent on a 100% discount', () => {
    const original = plainSale();
    const { token } = approvals.grant(manager, ledger.cashier, { action: 'refund', amount: 33_000, saleId: original.saleId });
    const free: SaleInput = { lines: [{ itemCode: SUGAR, quantity: 100, discount: { rate: 10_000 } }], tenders: [{ kind: 'cash', amount: 1 }], approval: token };
    assert.equal(codeOf(() => sell(free)), 'DISCOUNT_NOT_ALLOWED');
  });

  it('refuses a discount approval spent on a refund', () => {
    const original = plainSale();
    const { token } = approvals.grant(manager, ledger.cashier, { action: 'discount', amount: 1_000_000, saleId: null });
    const input: RefundInput = { originalSaleId: original.saleId, reasonCode: '06', lines: [{ seq: 1, quantity: 100 }], tenders: [{ kind: 'cash', amount: 16_500 }], approval: token };
    assert.equal(codeOf(() => refund(input)), 'REFUND_NEEDS_APPROVAL');
  });

  it('spends a refund approval only on the sale and up to the amount approved, and a refused use does not spend it', () => {
    const original = plainSale();
    const other = plainSale();
    const { token } = approvals.grant(manager, ledger.cashier, { action: 'refund', amount: 16_500, saleId: original.saleId });
    const back = (saleId: number, quantity: number): RefundInput => ({
      originalSaleId: saleId,
      reasonCode: '06',
      lines: [{ seq: 1, quantity }],
      tenders: [{ kind: 'cash', amount: 165 * quantity }],
      approval: token,
    });
    assert.equal(codeOf(() => refund(back(other.saleId, 100))), 'REFUND_NEEDS_APPROVAL', 'another sale');
    assert.equal(codeOf(() => refund(back(original.saleId, 200))), 'REFUND_NEEDS_APPROVAL', 'more than approved');
    assert.equal(refund(back(original.saleId, 100)).total, 16_500);
    assert.equal(codeOf(() => refund(back(original.saleId, 100))), 'REFUND_NEEDS_APPROVAL', 'one use');
  });

  it('serve only the cashier they were granted to, and expire after their time, even unused', () => {
    const shortLived = new Approvals(ledger.db, clock, 60);
    const use = { cashierId: ledger.cashier.id, actions: ['discount' as const], amount: 100, saleId: null };
    const { token } = shortLived.grant(manager, ledger.cashier, { action: 'discount', amount: 100, saleId: null });
    assert.equal(shortLived.consume(token, { ...use, cashierId: ledger.cashier.id + 1 }), false);
    clock.advance(60_000);
    assert.equal(shortLived.consume(token, use), false);
    assert.equal(shortLived.consume(undefined, use), false);
    assert.equal(shortLived.consume('forged', use), false);
  });

  it('refuses a cashier\'s price override that has no approval', () => {
    const override: SaleInput = { lines: [{ itemCode: SUGAR, quantity: 100, priceOverride: 100 }], tenders: [{ kind: 'cash', amount: 100 }] };
    assert.equal(codeOf(() => sell(override)), 'DISCOUNT_NOT_ALLOWED');
    const { token } = approvals.grant(manager, ledger.cashier, { action: 'priceOverride', amount: 16_400, saleId: null });
    assert.equal(sell({ ...override, approval: token }).total, 100);
  });
});
