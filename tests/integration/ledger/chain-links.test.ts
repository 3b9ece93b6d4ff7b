import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { canonicalJson, chainHash, GENESIS_HASH, lastChainHash, verifyChain, type ChainedContent } from '../../../src-main/ledger/chain';
import { saleLines, sales, tenders } from '../../../src-main/ledger/schema';
import { TestClock } from '../../support/clock';
import { sellSugar, testLedger, type TestLedger } from '../../support/ledger';

describe('the canonical form a link hashes', () => {
  test('orders keys, keeps nulls, drops what is undefined, and escapes text, at every depth', () => {
    const text = canonicalJson({ total: 100, lines: [{ name: 'Sukari "Kabras"', seq: 1, note: undefined }, [2, null]], customer: null });
    assert.equal(text, '{"customer":null,"lines":[{"name":"Sukari \\"Kabras\\"","seq":1},[2,null]],"total":100}');
    assert.equal(canonicalJson({ b: 1, a: 2 }), canonicalJson({ a: 2, b: 1 }));
    assert.equal(canonicalJson({ B: 1, a: 2, A: 3 }), '{"A":3,"B":1,"a":2}', 'by code unit, capitals first');
    assert.equal(canonicalJson('T01-000001'), '"T01-000001"');
    assert.equal(canonicalJson([]), '[]');
    assert.equal(canonicalJson({}), '{}');
  });

  test('hashes the link before and the canonical content with SHA-256', () => {
    const content = { sale: { receiptNo: 1 }, lines: [], tenders: [] } as unknown as ChainedContent;
    const expected = createHash('sha256').update(GENESIS_HASH).update('{"lines":[],"sale":{"receiptNo":1},"tenders":[]}').digest('hex');
    assert.equal(chainHash(GENESIS_HASH, content), expected);
    assert.notEqual(chainHash('f'.repeat(64), content), expected, 'the link before is part of the hash');
  });
});

describe('the chain in the ledger', () => {
  let ledger: TestLedger;
  let clock: TestClock;
  beforeEach(() => {
    ledger = testLedger();
    clock = new TestClock();
  });
  afterEach(() => ledger.close());

  const unguard = () => {
    for (const trigger of ['sales_content_never_changes', 'sale_lines_never_change', 'tenders_never_change']) {
      ledger.db.$client.exec(`DROP TRIGGER ${trigger}`);
    }
  };

  test('starts from the genesis hash, and ends at the newest sale', () => {
    assert.equal(GENESIS_HASH, '0'.repeat(64));
    assert.equal(lastChainHash(ledger.db), GENESIS_HASH);
    assert.deepEqual(verifyChain(ledger.db), { ok: true, sales: 0 });
    const ids = [1, 2, 3].map(() => sellSugar(ledger, clock).saleId);
    const rows = ids.map((id) => ledger.db.select().from(sales).where(eq(sales.id, id)).get()!);
    assert.equal(rows[0]!.prevHash, GENESIS_HASH);
    assert.equal(rows[1]!.prevHash, rows[0]!.hash);
    assert.equal(rows[2]!.prevHash, rows[1]!.hash);
    assert.equal(lastChainHash(ledger.db), rows[2]!.hash);
  });

  test('names a sale whose link to the one before was changed', () => {
    [1, 2, 3].forEach(() => sellSugar(ledger, clock));
    unguard();
    ledger.db.update(sales).set({ prevHash: 'a'.repeat(64) }).where(eq(sales.receiptNo, 3)).run();
    assert.deepEqual(verifyChain(ledger.db), {
      ok: false,
      sales: 3,
      firstBroken: { saleId: 3, receiptNo: 3, reason: 'its link to the previous sale does not match' },
    });
  });

  test('names a sale whose tender or line was changed after it was chained', () => {
    [1, 2].forEach(() => sellSugar(ledger, clock));
    unguard();
    ledger.db.update(tenders).set({ amount: 1 }).where(eq(tenders.saleId, 2)).run();
    assert.deepEqual(verifyChain(ledger.db), {
      ok: false,
      sales: 2,
      firstBroken: { saleId: 2, receiptNo: 2, reason: 'its content does not match its hash' },
    });
    ledger.db.update(saleLines).set({ quantity: 200 }).where(eq(saleLines.saleId, 1)).run();
    const verdict = verifyChain(ledger.db);
    assert.equal(!verdict.ok && verdict.firstBroken.receiptNo, 1, 'the first broken sale is named, not the last');
    assert.equal(verdict.sales, 1);
  });

  test("ignores KRA's signature, which arrives after the sale was chained", () => {
    sellSugar(ledger, clock);
    ledger.db.update(sales).set({ invcNo: 1, curRcptNo: 1, totRcptNo: 1, intrlData: 'I'.repeat(26), rcptSign: 'S'.repeat(16), sdcDateTime: '20261124120000', signedAt: clock.now().toISOString() }).run();
    assert.deepEqual(verifyChain(ledger.db), { ok: true, sales: 1 });
  });

});
