import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkFile, indexEntries, parseRecordedResponses } from '../../../src-main/conformance/responses';
import { normaliseDate, normaliseDateTime, parseData } from '../../../src-main/oscu/parse';
import type { EndpointName } from '../../../src-shared/etims/endpoints';
import type { DataOf } from '../../../src-shared/etims/wire';
import { CONFORMANCE_DIR, recorded } from '../../support/conformance';

const BASE = 'odoo/l10n_ke_edi_oscu/mocked_responses';
const STOCK = 'odoo/l10n_ke_edi_oscu_stock/mocked_responses';

function read<E extends EndpointName>(endpoint: E, file: string): DataOf<E> {
  const parsed = parseData(endpoint, (recorded(file).json as { data: unknown }).data);
  if (!parsed.ok) assert.fail(`${file}: ${parsed.reason}`);
  return parsed.value;
}

describe('KRA dates as they come', () => {
  it('normalises date-times in both forms and refuses impossible ones', () => {
    assert.equal(normaliseDateTime('20240415153039'), '20240415153039');
    assert.equal(normaliseDateTime('2024-04-15 15:30:39.0'), '20240415153039');
    assert.equal(normaliseDateTime('2023-12-12 15:36:25'), '20231212153625');
    assert.equal(normaliseDateTime('20240230120000'), null);
    assert.equal(normaliseDateTime('2024041515'), null);
  });

  it('normalises dates written year first, day first, or with dashes', () => {
    assert.equal(normaliseDate('20240415'), '20240415');
    assert.equal(normaliseDate('2024-04-15'), '20240415');
    assert.equal(normaliseDate('01022023'), '20230201');
    assert.equal(normaliseDate('31122023'), '20231231');
    assert.equal(normaliseDate('31022024'), null);
    assert.equal(normaliseDate('-1'), null);
  });
});

describe('reading recorded answers', () => {
  it('reads every recorded response in the shared payloads as the endpoint INDEX.md names', async () => {
    const checks = await parseRecordedResponses(CONFORMANCE_DIR);
    const files = readdirSync(CONFORMANCE_DIR, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.json') && f.split('/').includes('mocked_responses'));
    assert.equal(checks.length, files.length);
    assert.deepEqual(checks.filter((c) => !c.ok), []);
  });

  it('reads the stored sale: dashed sdcDateTime, itemCd false and empty pmtTyCd become values or null', () => {
    const [sale] = read('selectInvoiceDetails', `${BASE}/get_invoice_details_success.json`).salesList;
    assert.equal(sale!.invcNo, 2);
    assert.equal(sale!.receipt.sdcDateTime, '20240415153039');
    assert.equal(sale!.receipt.curRcptNo, 169);
    assert.equal(sale!.itemList[0]!.itemCd, null);
    assert.equal(sale!.pmtTyCd, null);
    assert.equal(sale!.modrId, null);
    assert.equal(sale!.taxAmtB, 0.14);
  });

  it('reads supplier sales with dashed cfmDt and invoice numbers as strings or numbers', () => {
    const [first] = read('selectTrnsPurchaseSalesList', `${BASE}/get_purchases_1.json`).saleList;
    assert.equal(first!.cfmDt, '20231212153625');
    assert.equal(first!.spplrInvcNo, 123);
    const sandbox = read('selectTrnsPurchaseSalesList', `${BASE}/get_purchases_3.json`).saleList;
    assert.ok(sandbox.some((s) => s.spplrInvcNo === 0));
    assert.ok(sandbox.some((s) => s.pmtTyCd === null));
    assert.ok(sandbox.every((s) => /^\d{14}$/.test(s.cfmDt!)));
  });

  it('keeps customs declaration dates as KRA wrote them (day first)', () => {
    const [line] = read('selectImportItemList', `${STOCK}/get_imports_1.json`).itemList;
    assert.equal(line!.dclDe, '01022023', 'kept as KRA wrote it: updateImportItem must name the line the same way');
    assert.equal(line!.imptItemsttsCd, '2');
    assert.equal(line!.invcFcurExcrt, 135.73);
  });

  it('reads tax rates from the code list and item records with their Rwanda leftovers', () => {
    const taxTypes = read('selectCodeList', `${BASE}/get_codes.json`).clsList.find((c) => c.cdCls === '04');
    assert.deepEqual(taxTypes!.dtlList.map((d) => [d.cd, d.userDfnCd1]), [['A', '0'], ['B', '16'], ['C', '0'], ['E', '8'], ['D', '0']]);
    const [item] = read('selectItemList', `${STOCK}/get_items.json`).itemList;
    assert.equal(item!.itemCd, 'BE2SKU00000000000051');
    assert.equal(item!.rraModYn, 'N');
    assert.equal(item!.dftPrc, 30);
  });
});

describe('reading the spec’s samples for endpoints with no recorded data', () => {
  it('reads a device initialisation, keeping a 16-digit dvcId sent as a number exact only as a string', () => {
    const info = {
      tin: 'P051234567M', taxprNm: 'DEMO TRADERS LTD', bsnsActv: 'Retail', bhfId: '00', bhfNm: 'Headquarter',
      bhfOpenDt: '20240101', prvncNm: 'NAIROBI CITY', dstrtNm: 'WESTLANDS', sctrNm: 'WESTLANDS', locDesc: null, hqYn: 'Y',
      mgrNm: 'Jane Doe', mgrTelNo: '0700000000', mgrEmail: 'jane@example.com', dvcId: '9999900000000001',
      sdcId: 'KRACU0100000001', mrcNo: 'WIS01000001', cmcKey: '0F3A9C1E7B2D4E5F8A9B0C1D2E3F4A5B',
    };
    assert.deepEqual(parseData('selectInitOsdcInfo', { info }), { ok: true, value: { info } });
    const noKey = parseData('selectInitOsdcInfo', { info: { ...info, cmcKey: null } });
    assert.ok(!noKey.ok);
    assert.match(noKey.reason, /^data\.info\.cmcKey: /);
  });

  it('reads a PIN lookup and a stock move list', () => {
    const customers = parseData('selectCustomer', { custList: [{ tin: 'A123456789Z', taxprNm: 'Ralph Jr', taxprSttsCd: 'A' }] });
    assert.ok(customers.ok);
    assert.equal(customers.value.custList[0]!.prvncNm, null);
    const moves = parseData('selectStockMoveList', {
      stockList: [{ custTin: 'P052112956W', custBhfId: '00', sarNo: '7', ocrnDt: '20240415', totItemCnt: 1, totAmt: 34.8,
        itemList: [{ itemSeq: 1, itemCd: 'BE2SKU0000001', qty: 1, itemExprDt: null, totDcAmt: 0 }] }],
    });
    assert.ok(moves.ok);
    assert.equal(moves.value.stockList[0]!.sarNo, 7);
    assert.equal(moves.value.stockList[0]!.itemList[0]!.qty, 1);
  });
});

describe('refusing what cannot be read', () => {
  const good = { curRcptNo: 1, totRcptNo: 1, intrlData: 'A'.repeat(26), rcptSign: 'B'.repeat(16), sdcDateTime: '20240415143016' };

  it('names the path of a missing or malformed value', () => {
    const missing = parseData('saveTrnsSalesOsdc', { ...good, rcptSign: '' });
    assert.ok(!missing.ok);
    assert.match(missing.reason, /^data\.rcptSign: /);
    const badDate = parseData('saveTrnsSalesOsdc', { ...good, sdcDateTime: 'yesterday' });
    assert.ok(!badDate.ok);
    assert.match(badDate.reason, /^data\.sdcDateTime: not a KRA date-time: "yesterday"/);
    const lookup = parseData('selectInvoiceDetails', { salesList: [{ invcNo: 3, receipt: { ...good, curRcptNo: 'seven' } }] });
    assert.ok(!lookup.ok);
    assert.match(lookup.reason, /^data\.salesList\.0\.receipt\.curRcptNo: /);
  });

  it('accepts counters as strings and an absent list as empty', () => {
    const parsed = parseData('saveTrnsSalesOsdc', { ...good, curRcptNo: '7', totRcptNo: '9' });
    assert.ok(parsed.ok);
    assert.equal(parsed.value.curRcptNo, 7);
    assert.deepEqual(parseData('selectBhfList', { bhfList: null }), { ok: true, value: { bhfList: [] } });
  });

  it('fails a recorded file whose data does not fit its endpoint, and one INDEX.md does not list', () => {
    const { text } = recorded(`${BASE}/get_branches.json`);
    const wrong = checkFile('get_branches.json', text, 'saveTrnsSalesOsdc, response: ...');
    assert.equal(wrong.ok, false);
    assert.match(wrong.reason!, /^read as saveTrnsSalesOsdc: .*data\.curRcptNo/);
    assert.equal(checkFile('x.json', text, undefined).reason, 'not listed in INDEX.md');
  });

  it('reads INDEX.md’s response tables only', () => {
    const entries = indexEntries(readFileSync(join(CONFORMANCE_DIR, 'odoo', 'INDEX.md'), 'utf8'));
    assert.equal(entries.get('l10n_ke_edi_oscu/mocked_responses/get_codes.json')?.split(',')[0], 'selectCodeList');
    assert.equal(entries.get('l10n_ke_edi_oscu/expected_requests/get_customer.json'), undefined);
    assert.match(entries.get('l10n_ke_edi_oscu_stock/mocked_responses/success.json')!, /^any save endpoint/);
  });
});
