import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { verifyChain } from '../../../src-main/ledger/chain';
import { tenders } from '../../../src-main/ledger/schema';
import { TestClock } from '../../support/clock';
import { sellSugar, testLedger, type TestLedger } from '../../support/ledger';

describe('the chain past one page of sales', () => {
  let ledger: TestLedger;
  let clock: TestClock;
  beforeEach(() => {
    ledger = testLedger();
    clock = new TestClock();
  });
  afterEach(() => ledger.close());

  test('walks past a thousand sales, page by page, to the last one', () => {
    const count = 1001;
    // One outer transaction, so the thousand commits need one fsync rather than a thousand.
    ledger.db.$client.transaction(() => {
      for (let i = 0; i < count; i++) sellSugar(ledger, clock);
    })();
    assert.deepEqual(verifyChain(ledger.db), { ok: true, sales: count });
    ledger.db.$client.exec('DROP TRIGGER tenders_never_change');
    ledger.db.update(tenders).set({ amount: 1 }).where(eq(tenders.saleId, count)).run();
    const verdict = verifyChain(ledger.db);
    assert.equal(!verdict.ok && verdict.firstBroken.receiptNo, count, 'the sale on the second page is checked too');
  });
});
