import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lookupOutcome, sendOutcome } from '../../../src-main/oscu/classify';
import { settle } from '../../../src-main/oscu/client';
import { normaliseDateTime } from '../../../src-main/oscu/parse';
import { readDirect, readGateway, type CallResult } from '../../../src-main/oscu/transport';
import { recorded } from '../../support/conformance';

/** What the outbox makes of a raw answer, through the client's own reading of it. */
const classifySend = (result: CallResult) => sendOutcome(settle('saveTrnsSalesOsdc', result));
const classifyLookup = (result: CallResult) => lookupOutcome(settle('selectInvoiceDetails', result));

const ODOO = 'odoo/l10n_ke_edi_oscu/mocked_responses';
const answer = (resultCd: string, resultMsg = '', data: unknown = null): CallResult => ({
  kind: 'answer', httpStatus: 200, resultCd, resultMsg, resultDt: '20240415153039', data,
});

describe('reading KRA answers (direct host)', () => {
  it("reads the recorded saveTrnsSalesOsdc success as a signature", () => {
    const { text } = recorded(`${ODOO}/save_sale_success.json`);
    const outcome = classifySend(readDirect(200, text));
    assert.equal(outcome.kind, 'signed');
    assert.ok(outcome.kind === 'signed');
    assert.match(outcome.signature.rcptSign, /^\S+$/);
    assert.match(outcome.signature.sdcDateTime, /^\d{14}$/);
    assert.ok(Number.isInteger(outcome.signature.curRcptNo));
  });

  it('reads the recorded selectInvoiceDetails answer, with its dashed date, as found', () => {
    const { text, json } = recorded(`${ODOO}/get_invoice_details_success.json`);
    const sale = (json as { data: { salesList: (Record<string, unknown> & { receipt: Record<string, unknown>; itemList: Record<string, unknown>[] })[] } }).data.salesList[0]!;
    const receipt = sale.receipt;
    const outcome = classifyLookup(readDirect(200, text));
    assert.deepEqual(outcome, {
      kind: 'found',
      signature: {
        curRcptNo: Number(receipt.curRcptNo),
        totRcptNo: Number(receipt.totRcptNo),
        intrlData: receipt.intrlData,
        rcptSign: receipt.rcptSign,
        sdcDateTime: normaliseDateTime(String(receipt.sdcDateTime)),
      },
      // Odoo's recorded sale has no trdInvcNo and sends itemCd false: both read as absent.
      record: { trdInvcNo: null, cfmDt: '20240415030000', totTaxblAmt: 0.9, totTaxAmt: 0.14, totAmt: 1.04, itemList: sale.itemList.map((line) => ({ itemCd: null, qty: Number(line.qty), prc: Number(line.prc), totAmt: Number(line.totAmt) })) },
    });
  });

  it("treats the recorded 001 'no search result' as absent, not as an error", () => {
    const { text } = recorded(`${ODOO}/get_customer.json`);
    assert.deepEqual(classifyLookup(readDirect(200, text)), { kind: 'absent' });
  });

  it('sorts failures: transport, transient codes, duplicates, sequence errors, rejections', () => {
    assert.equal(classifySend(readDirect(502, 'Bad gateway')).kind, 'transport');
    assert.equal(classifySend(readDirect(200, '<html>oops</html>')).kind, 'transport');
    assert.equal(classifySend(readDirect(200, '{"hello":1}')).kind, 'transport');
    assert.equal(classifySend(answer('999', 'unknown error')).kind, 'transport');
    assert.equal(classifySend(answer('894', 'server communication error')).kind, 'transport');
    assert.equal(classifySend(answer('000', 'ok', { curRcptNo: 1 })).kind, 'transport');
    assert.deepEqual(classifySend(answer('994', 'There is an overlapped Data')), { kind: 'duplicate', message: 'There is an overlapped Data' });
    assert.deepEqual(classifySend(answer('910', 'Invalid invcNo sequence, expected: 17 but found: 19')), {
      kind: 'sequence', expected: 17, message: 'Invalid invcNo sequence, expected: 17 but found: 19',
    });
    assert.equal(classifySend(answer('400', 'Invc No: 5 is invalid, use the expected value: 4')).kind, 'sequence');
    assert.deepEqual(classifySend(answer('910', 'Request parameter error[<itemNm> : may not be empty]')), {
      kind: 'rejected', code: '910', message: 'Request parameter error[<itemNm> : may not be empty]',
    });
  });

  it('accepts receipt counters sent as strings, as the spec sample does', () => {
    const outcome = classifySend(answer('000', 'ok', {
      curRcptNo: '7', totRcptNo: '9', intrlData: 'A'.repeat(26), rcptSign: 'B'.repeat(16), sdcDateTime: '20240415143016',
    }));
    assert.ok(outcome.kind === 'signed');
    assert.equal(outcome.signature.curRcptNo, 7);
    assert.equal(outcome.signature.totRcptNo, 9);
  });
});

describe('what a lookup proves', () => {
  const receipt = { curRcptNo: 3, totRcptNo: 4, intrlData: 'A'.repeat(26), rcptSign: 'B'.repeat(16), sdcDateTime: '2024-04-15 15:30:39.0' };

  it('finds nothing in an empty salesList or a 001', () => {
    assert.deepEqual(classifyLookup(answer('000', 'ok', { salesList: [] })), { kind: 'absent' });
    assert.deepEqual(classifyLookup(answer('001', 'There is no search result')), { kind: 'absent' });
  });

  it('does not call a sale absent when KRA holds it but its receipt cannot be read, so it is never sent twice', () => {
    const outcome = classifyLookup(answer('000', 'ok', { salesList: [{ invcNo: 5, receipt: { ...receipt, rcptSign: null } }] }));
    assert.equal(outcome.kind, 'transport');
  });

  it('treats a refused lookup as unknown, not as absent', () => {
    assert.deepEqual(classifyLookup(answer('910', 'Request parameter error')), { kind: 'transport', code: '910', message: 'Request parameter error' });
  });
});

describe('reading the gateway envelope', () => {
  it('unwraps a successful responseBody', () => {
    const body = JSON.stringify({ responseHeader: { responseCode: 200 }, responseBody: { resultCd: '000', resultMsg: 'ok', resultDt: null, data: { x: 1 } } });
    const result = readGateway(200, body);
    assert.ok(result.kind === 'answer');
    assert.equal(result.resultCd, '000');
    assert.deepEqual(result.data, { x: 1 });
  });

  it('reads HTTP 400 and an outer 200 wrapping a 400 alike, keeping KRA’s words', () => {
    const rejection = JSON.stringify({
      responseHeader: { responseCode: 400, responseRefID: 'r1', customerMessage: 'Invalid taxblAmt on item: 1. Expected: 86.21, But Found: 100.00', debugMessage: '' },
      responseBody: null,
    });
    for (const status of [400, 200]) {
      const outcome = classifySend(readGateway(status, rejection));
      assert.deepEqual(outcome, { kind: 'rejected', code: '400', message: 'Invalid taxblAmt on item: 1. Expected: 86.21, But Found: 100.00' });
    }
    assert.equal(readGateway(503, 'down').kind, 'transport');
    assert.equal(readGateway(401, '{}').kind, 'transport');
  });

  it('reads the gateway’s "Please try again" 400s as its own fault, to retry, never to park', () => {
    for (const words of ['Unable to process the request. Please try again', 'Unable to process the request. Please try again later']) {
      const envelope = JSON.stringify({ responseHeader: { responseCode: 400, responseRefID: 'r2', customerMessage: words, debugMessage: 'NullPointerException' }, responseBody: null });
      for (const result of [readGateway(400, envelope), readGateway(200, envelope), readGateway(400, words)]) {
        assert.ok(result.kind === 'transport' && result.code === 'SERVER_FAULT', JSON.stringify(result));
        assert.equal(classifySend(result).kind, 'transport');
      }
    }
    const refusal = JSON.stringify({ responseHeader: { responseCode: 400, customerMessage: 'Unable to process the request: invalid itemCd' }, responseBody: null });
    assert.equal(classifySend(readGateway(400, refusal)).kind, 'rejected');
  });
});
