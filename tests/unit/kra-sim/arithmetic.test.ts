import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { firstMismatch, inclusiveLine } from '../../../src-main/kra-sim/arithmetic';
import { saleBody as sandboxSale } from '../../support/kra-sim';

const RATES = { A: 0, B: 16, C: 0, D: 0, E: 8 };
const saleBody = (invcNo: number, items: Parameters<typeof sandboxSale>[1]) => sandboxSale(invcNo, items, {}, RATES);
const lines = (body: Record<string, unknown>) => body.itemList as Record<string, unknown>[];

describe('strict tax arithmetic (spec 4.3)', () => {
  test('extracts VAT from an inclusive line, rounding half up, tax as the remainder', () => {
    assert.deepEqual(inclusiveLine(100, 10_000, 0, 16), { splyAmt: 10_000, totAmt: 10_000, taxblAmt: 8_621, taxAmt: 1_379 });
    assert.deepEqual(inclusiveLine(250, 333, 0, 8), { splyAmt: 833, totAmt: 833, taxblAmt: 771, taxAmt: 62 });
    assert.deepEqual(inclusiveLine(100, 5_000, 500, 0), { splyAmt: 5_000, totAmt: 4_500, taxblAmt: 4_500, taxAmt: 0 });
  });

  test('accepts a sale whose lines and header reconcile to the cent', () => {
    const body = saleBody(1, [
      { itemCd: 'KE2BGNO0000001', qty: 3, prc: 33.33, taxTyCd: 'B' },
      { itemCd: 'KE2BGNO0000002', qty: 1.5, prc: 199.99, taxTyCd: 'E' },
      { itemCd: 'KE2BGNO0000003', qty: 2, prc: 65, taxTyCd: 'A' },
    ]);
    assert.equal(firstMismatch(body, lines(body), RATES), null);
  });

  test('tolerates one cent and no more', () => {
    const body = saleBody(1, [{ itemCd: 'KE2BGNO0000001', qty: 1, prc: 100, taxTyCd: 'B' }]);
    lines(body)[0]!.taxblAmt = 86.2;
    lines(body)[0]!.taxAmt = 13.8;
    body.taxblAmtB = 86.2;
    body.taxAmtB = 13.8;
    body.totTaxblAmt = 86.2;
    body.totTaxAmt = 13.8;
    assert.equal(firstMismatch(body, lines(body), RATES), null);
    lines(body)[0]!.taxblAmt = 86.19;
    assert.match(firstMismatch(body, lines(body), RATES) ?? '', /^Invalid taxblAmt on item: 1\. Expected: 86\.21, But Found: 86\.19$/);
  });

  test('reports a tax-exclusive line the way the gateway does', () => {
    const body = saleBody(1, [{ itemCd: 'KE2BGNO0000001', qty: 1, prc: 100, taxTyCd: 'B' }]);
    Object.assign(lines(body)[0]!, { taxblAmt: 100, taxAmt: 16, totAmt: 116 });
    assert.equal(firstMismatch(body, lines(body), RATES), 'Invalid totAmt on item: 1. Expected: 100.00, But Found: 116.00');
  });

  test('names the first mismatch of the header: rates, buckets, totals, item count', () => {
    const base = () => saleBody(1, [{ itemCd: 'KE2BGNO0000001', qty: 2, prc: 58, taxTyCd: 'B' }]);
    const cases: [Record<string, unknown>, string][] = [
      [{ taxRtE: 0 }, 'Rule taxRtE failed: Tax rate mismatch. Expected: 8.00, Found: 0'],
      [{ taxblAmtB: 99 }, 'Invalid taxblAmtB. Expected: 100.00, But Found: 99.00'],
      [{ taxAmtA: 1 }, 'Invalid taxAmtA. Expected: 0.00, But Found: 1.00'],
      [{ totAmt: 117 }, 'Invalid totAmt. Expected: 116.00, But Found: 117.00'],
      [{ totItemCnt: 2 }, 'Invalid totItemCnt. Expected: 1, But Found: 2'],
    ];
    for (const [change, message] of cases) {
      const body = { ...base(), ...change };
      assert.equal(firstMismatch(body, lines(body), RATES), message, JSON.stringify(change));
    }
  });

  test('wants pkg of at least 1, items numbered from 1 and a known tax type', () => {
    const body = saleBody(1, [{ itemCd: 'KE2BGNO0000001', qty: 1, prc: 10, taxTyCd: 'B' }]);
    lines(body)[0]!.pkg = 0;
    assert.equal(firstMismatch(body, lines(body), RATES), 'Invalid pkg for ItemList 1. Expected: 1, Found: 0');
    lines(body)[0]!.pkg = 1;
    lines(body)[0]!.itemSeq = 2;
    assert.equal(firstMismatch(body, lines(body), RATES), 'Invalid itemSeq on item: 1. Expected: 1, But Found: 2');
    lines(body)[0]!.itemSeq = 1;
    lines(body)[0]!.taxTyCd = 'F';
    assert.match(firstMismatch(body, lines(body), RATES) ?? '', /^Invalid taxTyCd on item: 1/);
  });

  test('checks lines against the configured rates, so an environment with E at 0 % rejects 8 %', () => {
    const body = saleBody(1, [{ itemCd: 'KE2JYNO0000001', qty: 1, prc: 108, taxTyCd: 'E' }]);
    assert.equal(firstMismatch(body, lines(body), { ...RATES, E: 0 }), 'Invalid taxblAmt on item: 1. Expected: 108.00, But Found: 100.00');
  });

  test('calls splyAmt "splyAmnt" for purchases, as the gateway does', () => {
    const body = saleBody(1, [{ itemCd: 'KE2BGNO0000001', qty: 2, prc: 50, taxTyCd: 'B' }]);
    lines(body)[0]!.splyAmt = 90;
    assert.equal(firstMismatch(body, lines(body), RATES, 'splyAmnt'), 'Invalid splyAmnt on item: 1. Expected: 100.00, But Found: 90.00');
  });
});
