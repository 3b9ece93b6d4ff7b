/**
 * What KRA's answers mean for the outbox (src-main/sync/port.ts): a send is signed, unknown
 * (transport), a duplicate, a sequence error naming the expected invcNo, or a rejection to park.
 */
import type { InvoiceDetailsData, SaleSignature } from '../../src-shared/etims/wire';
import type { LookupOutcome, SendOutcome } from '../sync/port';
import type { OscuResult } from './client';

/** "Invalid invcNo sequence, expected: 17 but found: 19" / "Invc No: 5 is invalid, use the expected value: 4". */
const SEQUENCE = /(?:expected(?: value)?|use the expected value)\s*:?\s*(\d+)/i;

/** What a saveTrnsSalesOsdc attempt came to. */
export function sendOutcome(result: OscuResult<SaleSignature>): SendOutcome {
  if (result.ok) return { kind: 'signed', signature: result.data };
  switch (result.kind) {
    case 'transport':
      return { kind: 'transport', code: result.code, message: result.message };
    case 'empty':
      return { kind: 'transport', code: '001', message: 'KRA answered a sale with "no search result"' };
    case 'rejected': {
      if (result.code === '994') return { kind: 'duplicate', message: result.message };
      const expected = SEQUENCE.exec(result.message);
      if (expected && /invc/i.test(result.message)) return { kind: 'sequence', expected: Number(expected[1]), message: result.message };
      return { kind: 'rejected', code: result.code, message: result.message };
    }
  }
}

/** What selectInvoiceDetails says about one invcNo. A refused lookup proves nothing: try again later. */
export function lookupOutcome(result: OscuResult<InvoiceDetailsData>): LookupOutcome {
  if (result.ok) {
    const first = result.data.salesList[0];
    if (!first) return { kind: 'absent' };
    const { curRcptNo, totRcptNo, intrlData, rcptSign, sdcDateTime } = first.receipt;
    const { trdInvcNo, cfmDt, totTaxblAmt, totTaxAmt, totAmt } = first;
    const itemList = first.itemList.map(({ itemCd, qty, prc, totAmt: lineTotal }) => ({ itemCd, qty, prc, totAmt: lineTotal }));
    return {
      kind: 'found',
      signature: { curRcptNo, totRcptNo, intrlData, rcptSign, sdcDateTime },
      record: { trdInvcNo, cfmDt, totTaxblAmt, totTaxAmt, totAmt, itemList },
    };
  }
  switch (result.kind) {
    case 'empty':
      return { kind: 'absent' };
    case 'transport':
    case 'rejected':
      return { kind: 'transport', code: result.code, message: result.message };
  }
}
