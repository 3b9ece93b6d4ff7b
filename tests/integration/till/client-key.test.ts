/** sale.complete sent again after a lost answer: the till's key for the cart gets back the sale it made, never a second one. */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { count } from 'drizzle-orm';
import { launchSimulator, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { outbox, sales } from '../../../src-main/ledger/schema';
import { completeSale } from '../../../src-main/till/sale';
import { ApiError, saleInput, type SaleInput } from '../../../src-shared/api';
import { startTestApp, type TestApp } from '../../support/app';
import { TestClock } from '../../support/clock';
import { saleDeps, testLedger, type TestLedger } from '../../support/ledger';

const SUGAR = 'KE2BGNO0000002';
const KEY = 'cart-7f3a9c2e4b1d8f60';
const cart: SaleInput = { lines: [{ itemCode: SUGAR, quantity: 100 }], tenders: [{ kind: 'cash', amount: 20_000 }], clientKey: KEY };

describe('a sale sent twice under one key (ledger)', () => {
  let ledger: TestLedger;
  let clock: TestClock;
  beforeEach(() => {
    ledger = testLedger();
    clock = new TestClock();
  });
  afterEach(() => ledger.close());

  const sell = (input: SaleInput, on = ledger) => completeSale(saleDeps(on, clock), saleInput.parse(input), ledger.cashier);
  const counted = (on = ledger) => [on.db.select({ n: count() }).from(sales).get()!.n, on.db.select({ n: count() }).from(outbox).get()!.n];

  it('answers the second with the first sale, recording one sale', () => {
    const first = sell(cart);
    clock.advance(5_000);
    assert.deepEqual(sell(cart), first);
    assert.deepEqual(counted(), [1, 1]);
  });

  it('refuses the same key with a different cart, recording nothing more', () => {
    sell(cart);
    const other = { ...cart, lines: [{ itemCode: SUGAR, quantity: 200 }], tenders: [{ kind: 'cash' as const, amount: 40_000 }] };
    assert.throws(() => sell(other), (error) => error instanceof ApiError && error.code === 'CLIENT_KEY_REUSED' && error.field === 'clientKey');
    assert.deepEqual(counted(), [1, 1]);
  });

  it('remembers the key across a restart', () => {
    const first = sell(cart);
    ledger = ledger.reopen();
    assert.equal(sell(cart).saleId, first.saleId);
    assert.deepEqual(counted(), [1, 1]);
  });

  it('makes a new sale for a new key, and for no key', () => {
    sell(cart);
    sell({ ...cart, clientKey: 'cart-0000000000000001' });
    sell({ lines: cart.lines, tenders: cart.tenders });
    assert.deepEqual(counted(), [3, 3]);
  });
});

describe('a sale sent twice at once under one key (whole till)', () => {
  let sim: SimulatorProcess;
  let app: TestApp;
  before(async () => {
    sim = await launchSimulator({ profile: 'direct', seed: 'client-key' });
    app = startTestApp({ kra: { mode: 'demo', baseUrl: sim.directBase } });
    await app.ready;
  });
  after(async () => {
    await app.dispose();
    await sim.stop();
  });

  it('gives both calls the one sale', async () => {
    const { token } = await app.call('session.login', { pin: '1234' });
    const [a, b] = await Promise.all([app.dispatch('sale.complete', cart, token), app.dispatch('sale.complete', cart, token)]);
    assert.ok(a.ok && b.ok, JSON.stringify([a, b]));
    assert.deepEqual(a.value, b.value);
    const again = await app.call('sale.complete', cart, token);
    assert.equal(again.receiptNo, (a.value as { receiptNo: number }).receiptNo);
  });
});
