import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fill, FillError, freshState, PLACEHOLDER } from '../../../src-main/conformance/fill';
import { endpointOf, readRequests } from '../../../src-main/conformance/requests';
import { tempDir } from '../../support/temp';

describe('conformance: reading recorded requests', () => {
  const dir = tempDir('mauzo-conformance-');
  after(() => dir.cleanup());

  test('tells the endpoint from the fields, and from the file name when only lastReqDt is sent', () => {
    const cases: [string, Record<string, unknown>, string | null][] = [
      ['save_sale_1.json', { invcNo: 1, salesSttsCd: '02', receipt: {} }, 'saveTrnsSalesOsdc'],
      ['save_purchase_1.json', { invcNo: 1, pchsSttsCd: '02' }, 'insertTrnsPurchase'],
      ['save_stock_io_sale_1.json', { sarTyCd: '11' }, 'insertStockIO'],
      ['save_stock_master_1.json', { rsdQty: 1 }, 'saveStockMaster'],
      ['save_item_0.json', { itemCd: 'x', itemTyCd: '3' }, 'saveItem'],
      ['save_import_1.json', { taskCd: 'x', imptItemSttsCd: '3' }, 'updateImportItem'],
      ['save_customer.json', { custNo: 'x', custTin: 'y' }, 'saveBhfCustomer'],
      ['save_user.json', { userId: 'x', pwd: 'y' }, 'saveBhfUser'],
      ['save_insurance.json', { isrccCd: false }, 'saveBhfInsurance'],
      ['get_customer.json', { custmTin: 'A000123456F' }, 'selectCustomer'],
      ['get_invoice_details_1.json', { invcNo: 3 }, 'selectInvoiceDetails'],
      ['get_branches.json', { lastReqDt: 'x' }, 'selectBhfList'],
      ['get_imports.json', { lastReqDt: 'x' }, 'selectImportItemList'],
      ['get_unspsc_codes.json', { lastReqDt: 'x' }, 'selectItemClsList'],
      ['get_codes.json', { lastReqDt: 'x' }, 'selectCodeList'],
      ['mystery.json', { lastReqDt: 'x' }, null],
    ];
    for (const [file, body, endpoint] of cases) assert.equal(endpointOf(file, body), endpoint, file);
  });

  test('orders items before sales, sales before credit notes, stock movements before stock masters', () => {
    const requests = join(dir.path, 'vendor', 'tests', 'expected_requests');
    mkdirSync(requests, { recursive: true });
    const files: Record<string, unknown> = {
      'save_stock_master_10.json': { itemCd: PLACEHOLDER, rsdQty: 1 },
      'save_stock_master_9.json': { itemCd: PLACEHOLDER, rsdQty: 1 },
      'save_stock_io_1.json': { sarTyCd: '06', itemList: [] },
      'save_refund_1.json': { rcptTyCd: 'R', salesSttsCd: '02' },
      'save_sale_1.json': { rcptTyCd: 'S', salesSttsCd: '02' },
      'save_item_1.json': { itemTyCd: '2' },
      'get_branches.json': { lastReqDt: PLACEHOLDER },
      'broken.json': '{ not json',
    };
    for (const [name, body] of Object.entries(files)) writeFileSync(join(requests, name), typeof body === 'string' ? body : JSON.stringify(body));
    writeFileSync(join(dir.path, 'vendor', 'tests', 'elsewhere.json'), '{"invcNo": 1}');
    const { requests: found, unreadable } = readRequests(dir.path);
    assert.deepEqual(
      found.map((r) => r.file.split('/').pop()),
      ['get_branches.json', 'save_item_1.json', 'save_sale_1.json', 'save_refund_1.json', 'save_stock_io_1.json', 'save_stock_master_9.json', 'save_stock_master_10.json'],
    );
    assert.deepEqual(unreadable.map((u) => u.file.split('/').pop()), ['broken.json']);
  });
});

describe('conformance: filling what the recording left out', () => {
  const items = [
    { code: 'KE3OUU0000001', classCode: '81121500', name: 'Consultancy' },
    { code: 'BE2SKU0000002', classCode: '52161557', name: 'Zaxxon machine' },
  ];

  test('a sale gets the next invcNo and the codes of the registered items of its lines', () => {
    const state = { ...freshState(), lastSale: 4, items };
    const body = fill('saveTrnsSalesOsdc', { invcNo: PLACEHOLDER, regrId: PLACEHOLDER, itemList: [{ itemCd: PLACEHOLDER, itemClsCd: '52161557', itemNm: 'Zaxxon machine' }] }, state);
    assert.equal(body.invcNo, 5);
    assert.equal(body.regrId, 'conformance');
    assert.equal((body.itemList as { itemCd: string }[])[0]!.itemCd, 'BE2SKU0000002');
  });

  test('a credit note credits the accepted sale to the same buyer with the same amount', () => {
    const state = {
      ...freshState(),
      lastSale: 3,
      sales: [
        { invcNo: 1, buyerTin: 'A000123456F', total: 1.04 },
        { invcNo: 2, buyerTin: 'A000123456F', total: 1260 },
        { invcNo: 3, buyerTin: 'A000123456F', total: 2476.8 },
      ],
    };
    assert.equal(fill('saveTrnsSalesOsdc', { orgInvcNo: PLACEHOLDER, custTin: 'A000123456F', totAmt: 1260 }, state).orgInvcNo, 2);
    assert.equal(fill('saveTrnsSalesOsdc', { orgInvcNo: PLACEHOLDER, custTin: 'A000123456F', totAmt: 1.04 }, state).orgInvcNo, 1);
  });

  test('a new item gets a code from its own fields and the next sequence', () => {
    const state = { ...freshState(), itemSequence: 2 };
    assert.equal(fill('saveItem', { itemCd: PLACEHOLDER, orgnNatCd: 'NL', itemTyCd: '1', pkgUnitCd: 'CR', qtyUnitCd: 'U' }, state).itemCd, 'NL1CRU0000003');
  });

  test('a body that repeats the device identity gets the replay device\'s tin, bhfId and cmcKey', () => {
    const state = { ...freshState(), device: { tin: 'P052112956W', bhfId: '00', cmcKey: 'ABC123' } };
    const body = fill('saveBhfUser', { tin: PLACEHOLDER, bhfId: PLACEHOLDER, cmcKey: PLACEHOLDER, userId: 'u1' }, state);
    assert.deepEqual([body.tin, body.bhfId, body.cmcKey, body.userId], ['P052112956W', '00', 'ABC123', 'u1']);
    assert.throws(() => fill('saveBhfUser', { tin: PLACEHOLDER }, freshState()), (e: Error) => e instanceof FillError && /tin: no device/.test(e.message));
  });

  test('fails, naming the field, when nothing can fill a placeholder', () => {
    assert.throws(() => fill('saveTrnsSalesOsdc', { itemList: [{ itemCd: PLACEHOLDER, itemClsCd: '99999999' }] }, freshState()), (e: Error) => e instanceof FillError && /itemList\[0\]\.itemCd/.test(e.message));
    assert.throws(() => fill('saveBhfUser', { pwd: PLACEHOLDER }, freshState()), (e: Error) => e instanceof FillError && /no rule to fill pwd/.test(e.message));
  });
});
