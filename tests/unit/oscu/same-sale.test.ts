import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSameSale } from '../../../src-main/sync/same-sale';
import type { KraSaleRecord } from '../../../src-main/sync/port';

const frozen = {
  trdInvcNo: 'T01-000002',
  cfmDt: '20261124120000',
  totTaxblAmt: 142.24,
  totTaxAmt: 22.76,
  totAmt: 165,
  itemList: [
    { itemCd: 'KE2BGNO0000002', qty: 1, prc: 165, totAmt: 165 },
    { itemCd: 'KE2BGNO0000003', qty: 0.5, prc: 0, totAmt: 0 },
  ],
};
const theirs: KraSaleRecord = { ...frozen, itemList: frozen.itemList.map((line) => ({ ...line })) };

describe('telling whether the sale KRA holds under an invcNo is this very sale', () => {
  it('is the same sale when receipt number, time, totals and lines agree', () => {
    assert.equal(isSameSale(frozen, theirs), true);
  });

  it('compares amounts in cents, as KRA may write 165 as 165.0 or "165.00"', () => {
    assert.equal(isSameSale(frozen, { ...theirs, totAmt: Number('165.00'), totTaxblAmt: 142.2400001 }), true);
  });

  const others: [string, KraSaleRecord][] = [
    ['another receipt number (a second till, a restored backup)', { ...theirs, trdInvcNo: 'T01-000003' }],
    ['the same receipt number sold at another time', { ...theirs, cfmDt: '20261124120001' }],
    ['another total', { ...theirs, totAmt: 165.01 }],
    ['another taxable total', { ...theirs, totTaxblAmt: 142.25 }],
    ['another tax total', { ...theirs, totTaxAmt: 22.75 }],
    ['a line less', { ...theirs, itemList: theirs.itemList.slice(0, 1) }],
    ['another item on a line', { ...theirs, itemList: [{ ...theirs.itemList[0]!, itemCd: 'KE2BGNO0000009' }, theirs.itemList[1]!] }],
    ['another quantity on a line', { ...theirs, itemList: [{ ...theirs.itemList[0]!, qty: 2 }, theirs.itemList[1]!] }],
    ['another price on a line', { ...theirs, itemList: [{ ...theirs.itemList[0]!, prc: 160 }, theirs.itemList[1]!] }],
    ['another line total', { ...theirs, itemList: [{ ...theirs.itemList[0]!, totAmt: 160 }, theirs.itemList[1]!] }],
    ['no amounts at all', { ...theirs, totAmt: null }],
  ];
  for (const [what, record] of others) {
    it(`is another sale with ${what}`, () => {
      assert.equal(isSameSale(frozen, record), false);
    });
  }
});
