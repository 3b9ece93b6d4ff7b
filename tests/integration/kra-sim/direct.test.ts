import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { CONFORMANCE_DEVICE_SERIALS, CONFORMANCE_TAXPAYER, DEMO_DEVICE_SERIALS, DEMO_SUPPLIER, DEMO_TAXPAYER } from '../../../src-shared/etims/demo';
import { launchSimulator, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { initDemoDevice, itemBody, kraCaller, saleBody, type Device, type KraCaller } from '../../support/kra-sim';

const NOW = new Date('2026-11-24T09:00:00Z');
const AUDIT = { regrId: 'test', regrNm: 'Test', modrId: 'test', modrNm: 'Test' };
const sugar = { itemCd: 'KE2BGNO0000001', qty: 2, prc: 116, taxTyCd: 'B' } as const;

describe('KRA simulator: the direct host, lenient', () => {
  let sim: SimulatorProcess;
  let device: Device;
  let kra: KraCaller;

  before(async () => {
    sim = await launchSimulator({ seed: 'direct-test' });
  });
  after(async () => {
    await sim.stop();
  });
  beforeEach(async () => {
    await sim.admin.reset();
    await sim.admin.setClock(NOW);
    device = await initDemoDevice(sim, '00', DEMO_DEVICE_SERIALS[0]);
    kra = kraCaller(sim, 'direct', device);
  });

  const result = async (name: Parameters<KraCaller['call']>[0], body: unknown, caller = kra) => {
    const answer = await caller.call(name, body);
    assert.equal(answer.status, 200, answer.text);
    return answer.envelope!;
  };

  describe('device initialisation', () => {
    test('answers the device, taxpayer and branch; 902 on a second init; 901 for a serial it does not know', async () => {
      const open = kraCaller(sim, 'direct');
      const answer = await result('selectInitOsdcInfo', { tin: DEMO_TAXPAYER.tin, bhfId: '01', dvcSrlNo: DEMO_DEVICE_SERIALS[1] }, open);
      const info = (answer.data as { info: Record<string, string> }).info;
      assert.equal(answer.resultCd, '000');
      assert.equal(info.taxprNm, DEMO_TAXPAYER.name);
      assert.equal(info.bhfNm, DEMO_TAXPAYER.branches[1].name);
      assert.equal(info.hqYn, 'N');
      assert.match(info.cmcKey!, /^[0-9A-F]{32}$/);
      assert.match(info.dvcId!, /^\d{16}$/);
      assert.notEqual(info.sdcId, device.sdcId);
      const again = await result('selectInitOsdcInfo', { tin: DEMO_TAXPAYER.tin, bhfId: '01', dvcSrlNo: DEMO_DEVICE_SERIALS[1] }, open);
      assert.deepEqual([again.resultCd, again.data], ['902', null]);
      assert.equal((await result('selectInitOsdcInfo', { tin: DEMO_TAXPAYER.tin, bhfId: '00', dvcSrlNo: 'NOT-REGISTERED' }, open)).resultCd, '901');
      assert.equal((await result('selectInitOsdcInfo', { tin: CONFORMANCE_TAXPAYER.tin, bhfId: '00', dvcSrlNo: DEMO_DEVICE_SERIALS[2] }, open)).resultCd, '901');
      assert.equal((await result('selectInitOsdcInfo', { tin: DEMO_TAXPAYER.tin, bhfId: '07', dvcSrlNo: DEMO_DEVICE_SERIALS[2] }, open)).resultCd, '901');
      const missing = await result('selectInitOsdcInfo', { tin: DEMO_TAXPAYER.tin, bhfId: '00' }, open);
      assert.deepEqual([missing.resultCd, missing.resultMsg], ['910', 'Request parameter error[<dvcSrlNo> : may not be empty]']);
    });

    test('a serial registered through the admin API can be initialised for its branch only', async () => {
      await sim.admin.registerDevice('P000000001X', '03', 'ADMIN-SERIAL-1');
      const open = kraCaller(sim, 'direct');
      assert.equal((await result('selectInitOsdcInfo', { tin: 'P000000001X', bhfId: '00', dvcSrlNo: 'ADMIN-SERIAL-1' }, open)).resultCd, '901');
      assert.equal((await result('selectInitOsdcInfo', { tin: 'P000000001X', bhfId: '03', dvcSrlNo: 'ADMIN-SERIAL-1' }, open)).resultCd, '000');
      await assert.rejects(sim.admin.registerDevice('not-a-pin', '00', 'X'), /not a KRA PIN/);
    });

    test('a device is (tin, bhfId, serial): one serial serves two PINs, as the sandbox handed out, each with its own key', async () => {
      const shared = DEMO_DEVICE_SERIALS[5]!;
      await sim.admin.registerDevice('P000000002Y', '00', shared);
      const open = kraCaller(sim, 'direct');
      const ours = await result('selectInitOsdcInfo', { tin: DEMO_TAXPAYER.tin, bhfId: '00', dvcSrlNo: shared }, open);
      const theirs = await result('selectInitOsdcInfo', { tin: 'P000000002Y', bhfId: '00', dvcSrlNo: shared }, open);
      const keyOf = (answer: typeof ours) => (answer.data as { info: { cmcKey: string } }).info.cmcKey;
      assert.deepEqual([ours.resultCd, theirs.resultCd], ['000', '000']);
      assert.notEqual(keyOf(ours), keyOf(theirs));
      assert.equal((await result('selectInitOsdcInfo', { tin: 'P000000002Y', bhfId: '00', dvcSrlNo: shared }, open)).resultCd, '902');
      const asTheirs = await result('selectNoticeList', { lastReqDt: '20180101000000' }, kraCaller(sim, 'direct', { tin: 'P000000002Y', bhfId: '00', cmcKey: keyOf(theirs) }));
      assert.equal(asTheirs.resultCd, '000');
      const crossed = await result('selectNoticeList', { lastReqDt: '20180101000000' }, kraCaller(sim, 'direct', { tin: 'P000000002Y', bhfId: '00', cmcKey: keyOf(ours) }));
      assert.equal(crossed.resultCd, '901', "one PIN's key is no good for the other");
    });
  });

  describe('headers and envelope', () => {
    test('reads tin, bhfId and cmcKey from headers in any case, or else from the body', async () => {
      const shouting = kraCaller(sim, 'direct');
      const upper = await shouting.call('selectNoticeList', { lastReqDt: '20180101000000' }, { TIN: device.tin, BHFID: device.bhfId, CMCKEY: device.cmcKey });
      assert.equal(upper.envelope?.resultCd, '000');
      const inBody = await result('selectNoticeList', { lastReqDt: '20180101000000', tin: device.tin, bhfId: device.bhfId, cmcKey: device.cmcKey }, shouting);
      assert.equal(inBody.resultCd, '000');
    });

    test('900 without the device headers, 901 with a key no device holds', async () => {
      assert.equal((await result('selectNoticeList', { lastReqDt: '20180101000000' }, kraCaller(sim, 'direct', { tin: device.tin, bhfId: '00' }))).resultCd, '900');
      assert.equal((await result('selectNoticeList', { lastReqDt: '20180101000000' }, kraCaller(sim, 'direct', { ...device, cmcKey: 'F'.repeat(32) }))).resultCd, '901');
      assert.equal((await result('selectNoticeList', { lastReqDt: '20180101000000' }, kraCaller(sim, 'direct', { ...device, bhfId: '01' }))).resultCd, '901');
    });

    test('stamps resultDt with the simulator clock in Nairobi time; 911 for an empty body, 910 for bad JSON, 912 for GET', async () => {
      const answer = await result('selectCodeList', { lastReqDt: '20180101000000' });
      assert.equal(answer.resultDt, '20261124120000');
      const headers = { tin: device.tin, bhfId: device.bhfId, cmcKey: device.cmcKey };
      assert.equal((await kra.raw('selectCodeList', { headers, body: '' })).envelope?.resultCd, '911');
      const bad = await kra.raw('selectCodeList', { headers, body: '{"lastReqDt": ' });
      assert.deepEqual([bad.envelope?.resultCd, bad.envelope?.resultMsg], ['910', 'Request parameter error[<body> : is not valid JSON]']);
      assert.equal((await kra.raw('selectCodeList', { method: 'GET', headers })).envelope?.resultCd, '912');
    });
  });

  describe('reference data', () => {
    test('the code list carries the configured tax rates; lastReqDt after its last change answers 001 with data null', async () => {
      const rateOf = async (code: string) => {
        const answer = await result('selectCodeList', { lastReqDt: '20180101000000' });
        const classes = (answer.data as { clsList: { cdCls: string; dtlList: { cd: string; userDfnCd1: string | null }[] }[] }).clsList;
        return classes.find((c) => c.cdCls === '04')!.dtlList.find((d) => d.cd === code)!.userDfnCd1;
      };
      assert.equal(await rateOf('B'), '16');
      assert.equal(await rateOf('E'), '8');
      const empty = await result('selectCodeList', { lastReqDt: '20261124115959' });
      assert.deepEqual([empty.resultCd, empty.data], ['001', null]);
      await sim.admin.advanceClock(60_000);
      await sim.admin.setConfig({ taxRates: { E: 0 } });
      assert.equal(await rateOf('E'), '0');
      assert.equal((await result('selectCodeList', { lastReqDt: '20261124120000' })).resultCd, '000');
      assert.deepEqual((await result('selectCodeList', {})).resultMsg, 'Request parameter error[<lastReqDt> : may not be empty]');
    });

    test('item classes, branches, notices and the PIN lookup', async () => {
      const classes = (await result('selectItemClsList', { lastReqDt: '20180101000000' })).data as { itemClsList: { itemClsCd: string }[] };
      assert.ok(classes.itemClsList.some((c) => c.itemClsCd === '1000000000'));
      const branches = (await result('selectBhfList', { lastReqDt: '20180101000000' })).data as { bhfList: { bhfId: string; hqYn: string }[] };
      assert.deepEqual(branches.bhfList.map((b) => [b.bhfId, b.hqYn]), [['00', 'Y'], ['01', 'N']]);
      const notices = (await result('selectNoticeList', { lastReqDt: '20180101000000' })).data as { noticeList: { dtlUrl: string }[] };
      assert.ok(notices.noticeList[0]!.dtlUrl.startsWith(`${sim.url}/common/link/ebm/receipt/indexEbmNotice?noticeNo=`));
      assert.equal((await fetch(notices.noticeList[0]!.dtlUrl)).status, 200);
      const known = (await result('selectCustomer', { custmTin: DEMO_SUPPLIER.tin })).data as { custList: { taxprNm: string }[] };
      assert.equal(known.custList[0]!.taxprNm, DEMO_SUPPLIER.name);
      assert.equal((await result('selectCustomer', { custmTin: 'P999999999Z' })).resultCd, '001');
    });
  });

  describe('branch data and items', () => {
    test('saves customers, users and insurers; names every missing field', async () => {
      assert.equal((await result('saveBhfCustomer', { custNo: 'C1', custTin: 'P000111222Q', custNm: 'ACME LTD', useYn: 'Y', ...AUDIT })).resultCd, '000');
      assert.equal((await result('saveBhfUser', { userId: 'wanjiru', userNm: 'Wanjiru', pwd: 'secret', useYn: 'Y', ...AUDIT })).resultCd, '000');
      assert.equal((await result('saveBhfInsurance', { isrccCd: 'AAR', isrccNm: 'AAR Insurance', isrcRt: 10, useYn: 'Y', ...AUDIT })).resultCd, '000');
      const missing = await result('saveBhfUser', { userId: 'x', userNm: 'X', pwd: 'p', useYn: 'Y', regrId: 'a', regrNm: 'A' });
      assert.deepEqual([missing.resultCd, missing.resultMsg], ['910', 'Request parameter error[<modrId> : may not be empty][<modrNm> : may not be empty]']);
    });

    test('items are listed by modification time; codes are checked', async () => {
      assert.equal((await result('saveItem', itemBody('KE2BGNO0000001'))).resultCd, '000');
      await sim.admin.advanceClock(60_000);
      assert.equal((await result('saveItem', itemBody('KE2BGNO0000002'))).resultCd, '000');
      const all = (await result('selectItemList', { lastReqDt: '20180101000000' })).data as { itemList: { itemCd: string; tin: string; regBhfId: string }[] };
      assert.deepEqual(all.itemList.map((i) => [i.itemCd, i.tin, i.regBhfId]), [['KE2BGNO0000001', device.tin, '00'], ['KE2BGNO0000002', device.tin, '00']]);
      const recent = (await result('selectItemList', { lastReqDt: '20261124120000' })).data as { itemList: { itemCd: string }[] };
      assert.deepEqual(recent.itemList.map((i) => i.itemCd), ['KE2BGNO0000002']);
      const badUnit = await result('saveItem', itemBody('KE2BGNO0000003', { pkgUnitCd: 'XX' }));
      assert.deepEqual([badUnit.resultCd, badUnit.resultMsg], ['910', 'Request parameter error[<pkgUnitCd> : "XX" is not a valid code]']);
      assert.equal((await result('saveItemComposition', { itemCd: 'KE2BGNO0000001', cpstItemCd: 'KE2BGNO0000002', cpstQty: 2, regrId: 'a', regrNm: 'A' })).resultCd, '000');
    });
  });

  describe('sales', () => {
    test('invcNo advances only on acceptance and a gap names the expected number (921)', async () => {
      const first = await result('saveTrnsSalesOsdc', saleBody(1, [sugar]));
      assert.equal(first.resultCd, '000');
      const gap = await result('saveTrnsSalesOsdc', saleBody(3, [sugar]));
      assert.deepEqual([gap.resultCd, gap.resultMsg], ['921', 'Invalid invcNo sequence, expected: 2 but found: 3']);
      const bad = await result('saveTrnsSalesOsdc', saleBody(2, [sugar], { pmtTyCd: '99' }));
      assert.deepEqual([bad.resultCd, bad.resultMsg], ['910', 'Request parameter error[<pmtTyCd> : "99" is not a valid code]']);
      assert.equal((await result('saveTrnsSalesOsdc', saleBody(2, [sugar]))).resultCd, '000');
      assert.deepEqual((await sim.admin.sales(device.tin, '00')).map((s) => s.invcNo), [1, 2]);
    });

    test('a duplicate answers 994, the sequence error or the stored receipt, as configured', async () => {
      const signed = (await result('saveTrnsSalesOsdc', saleBody(1, [sugar]))).data as Record<string, unknown>;
      assert.equal((await result('saveTrnsSalesOsdc', saleBody(1, [sugar]))).resultCd, '994');
      await sim.admin.setConfig({ duplicateReply: 'sequence' });
      assert.equal((await result('saveTrnsSalesOsdc', saleBody(1, [sugar]))).resultMsg, 'Invalid invcNo sequence, expected: 2 but found: 1');
      await sim.admin.setConfig({ duplicateReply: 'echo' });
      const echoed = await result('saveTrnsSalesOsdc', saleBody(1, [sugar]));
      assert.deepEqual([echoed.resultCd, echoed.data], ['000', signed]);
      assert.equal((await sim.admin.sales(device.tin)).length, 1);
    });

    test('curRcptNo counts per receipt type, totRcptNo per device; signatures are deterministic', async () => {
      await result('saveTrnsSalesOsdc', saleBody(1, [sugar]));
      await result('saveTrnsSalesOsdc', saleBody(2, [sugar]));
      const credit = await result('saveTrnsSalesOsdc', saleBody(3, [sugar], { rcptTyCd: 'R', orgInvcNo: 1, rfdRsnCd: '06' }));
      assert.equal(credit.resultCd, '000');
      const other = await initDemoDevice(sim, '00', DEMO_DEVICE_SERIALS[5]);
      await result('saveTrnsSalesOsdc', saleBody(4, [sugar]), kraCaller(sim, 'direct', other));
      const sales = await sim.admin.sales(device.tin, '00');
      assert.deepEqual(sales.map((s) => [s.invcNo, s.rcptTyCd, s.curRcptNo, s.totRcptNo]), [[1, 'S', 1, 1], [2, 'S', 2, 2], [3, 'R', 1, 3], [4, 'S', 1, 1]]);
      assert.equal(sales[2]!.orgInvcNo, 1);
      assert.equal(sales[0]!.sdcDateTime, '20261124120000');
      assert.equal(sales[0]!.receivedAt, NOW.toISOString());
      assert.equal(sales[0]!.trdInvcNo, 'T-1');
      assert.equal(sales[0]!.totAmt, 232);
      await sim.admin.reset();
      await sim.admin.setClock(NOW);
      const again = await initDemoDevice(sim, '00', DEMO_DEVICE_SERIALS[0]);
      const resigned = (await result('saveTrnsSalesOsdc', saleBody(1, [sugar]), kraCaller(sim, 'direct', again))).data as { rcptSign: string; intrlData: string };
      assert.deepEqual([resigned.rcptSign, resigned.intrlData], [sales[0]!.rcptSign, sales[0]!.intrlData]);
    });

    test('numbers per branch by default, or per taxpayer', async () => {
      const branch01 = kraCaller(sim, 'direct', await initDemoDevice(sim, '01', DEMO_DEVICE_SERIALS[3]));
      await result('saveTrnsSalesOsdc', saleBody(1, [sugar]));
      assert.equal((await result('saveTrnsSalesOsdc', saleBody(1, [sugar]), branch01)).resultCd, '000');
      await sim.admin.setConfig({ invoiceScope: 'tin' });
      assert.equal((await result('saveTrnsSalesOsdc', saleBody(2, [sugar]), branch01)).resultCd, '000');
      assert.equal((await result('saveTrnsSalesOsdc', saleBody(2, [sugar]))).resultCd, '994');
      assert.equal((await result('saveTrnsSalesOsdc', saleBody(3, [sugar]))).resultCd, '000');
    });

    test('a credit note needs an accepted original and a reason; the lenient host needs no rfdDt', async () => {
      await result('saveTrnsSalesOsdc', saleBody(1, [sugar]));
      const noOriginal = await result('saveTrnsSalesOsdc', saleBody(2, [sugar], { rcptTyCd: 'R', orgInvcNo: 9, rfdRsnCd: '06' }));
      assert.deepEqual([noOriginal.resultCd, noOriginal.resultMsg], ['910', 'orgInvcNo does not exist: no accepted sale with invcNo 9']);
      assert.equal((await result('saveTrnsSalesOsdc', saleBody(2, [sugar], { rcptTyCd: 'R', orgInvcNo: 1 }))).resultMsg, 'Invalid RfdRsnCd');
      assert.equal((await result('saveTrnsSalesOsdc', saleBody(2, [sugar], { rcptTyCd: 'R', orgInvcNo: 1, rfdRsnCd: '13', rfdDt: null }))).resultCd, '000');
    });

    test('names missing fields of the header, the receipt and the lines', async () => {
      const body = saleBody(1, [sugar]);
      delete body.regrNm;
      (body.receipt as Record<string, unknown>).rcptPbctDt = null;
      assert.equal((await result('saveTrnsSalesOsdc', body)).resultMsg, 'Request parameter error[<regrNm> : may not be empty]');
      body.regrNm = 'Test';
      assert.equal((await result('saveTrnsSalesOsdc', body)).resultMsg, 'Request parameter error[<receipt.rcptPbctDt> : may not be empty]');
      const line = saleBody(1, [sugar]);
      (line.itemList as Record<string, unknown>[])[0]!.itemNm = '';
      assert.equal((await result('saveTrnsSalesOsdc', line)).resultMsg, 'Request parameter error[<itemList[0].itemNm> : may not be empty]');
    });

    test('selectInvoiceDetails returns the stored sale with its receipt, or 001', async () => {
      const signed = (await result('saveTrnsSalesOsdc', saleBody(1, [sugar], { custTin: DEMO_SUPPLIER.tin }))).data as Record<string, unknown>;
      const found = (await result('selectInvoiceDetails', { invcNo: 1 })).data as { salesList: { invcNo: number; custTin: string; receipt: Record<string, unknown> }[] };
      const sale = found.salesList[0]!;
      assert.deepEqual([sale.invcNo, sale.custTin], [1, DEMO_SUPPLIER.tin]);
      assert.deepEqual(
        [sale.receipt.curRcptNo, sale.receipt.totRcptNo, sale.receipt.rcptSign, sale.receipt.intrlData, sale.receipt.sdcDateTime, sale.receipt.rcptPbctDt],
        [signed.curRcptNo, signed.totRcptNo, signed.rcptSign, signed.intrlData, '2026-11-24 12:00:00.0', '20261124120000'],
      );
      const none = await result('selectInvoiceDetails', { invcNo: 2 });
      assert.deepEqual([none.resultCd, none.data], ['001', null]);
    });

    test('the verification page shows the invoice a receipt QR points at, or says it is not found', async () => {
      await result('saveTrnsSalesOsdc', saleBody(1, [sugar], { custTin: DEMO_SUPPLIER.tin, custNm: DEMO_SUPPLIER.name, trdInvcNo: 'TILL1-000042' }));
      const [sale] = await sim.admin.sales(device.tin);
      const page = await fetch(`${sim.url}/common/link/etims/receipt/indexEtimsReceiptData?Data=${device.tin}${device.bhfId}${sale!.rcptSign}`);
      const html = await page.text();
      assert.equal(page.status, 200);
      for (const shown of ['TILL1-000042', DEMO_SUPPLIER.tin, DEMO_SUPPLIER.name, '232', '200', '32', `<td>1</td>`]) assert.ok(html.includes(shown), `the page shows ${shown}`);
      const missing = await fetch(`${sim.url}/common/link/etims/receipt/indexEtimsReceiptData?Data=${device.tin}${device.bhfId}AAAAAAAAAAAAAAAA`);
      assert.equal(missing.status, 404);
      assert.match(await missing.text(), /not found/i);
    });
  });

  describe('purchases, imports and stock', () => {
    test('lists the sales suppliers declared to this PIN, including those accepted here, and confirms them', async () => {
      const seeded = (await result('selectTrnsPurchaseSalesList', { lastReqDt: '20180101000000' })).data as { saleList: { spplrTin: string; spplrInvcNo: unknown; cfmDt: string }[] };
      assert.deepEqual(seeded.saleList.map((s) => [s.spplrTin, String(s.spplrInvcNo)]), [[DEMO_SUPPLIER.tin, '501'], [DEMO_SUPPLIER.tin, '502']]);
      assert.match(seeded.saleList[0]!.cfmDt, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      const open = kraCaller(sim, 'direct');
      const init = await result('selectInitOsdcInfo', { tin: CONFORMANCE_TAXPAYER.tin, bhfId: '00', dvcSrlNo: CONFORMANCE_DEVICE_SERIALS[0] }, open);
      const seller = kraCaller(sim, 'direct', { tin: CONFORMANCE_TAXPAYER.tin, bhfId: '00', cmcKey: (init.data as { info: { cmcKey: string } }).info.cmcKey });
      await result('saveTrnsSalesOsdc', saleBody(1, [sugar], { custTin: DEMO_TAXPAYER.tin }), seller);
      const fresh = (await result('selectTrnsPurchaseSalesList', { lastReqDt: '20261124115959' })).data as { saleList: Record<string, unknown>[] };
      assert.deepEqual([fresh.saleList[0]!.spplrTin, fresh.saleList[0]!.spplrInvcNo, fresh.saleList[0]!.spplrNm], [CONFORMANCE_TAXPAYER.tin, 1, CONFORMANCE_TAXPAYER.name]);

      const purchase = (invcNo: number, extra: Record<string, unknown>) => ({
        ...saleBody(invcNo, [sugar]), invcNo, orgInvcNo: 0, regTyCd: 'A', pchsTyCd: 'N', rcptTyCd: 'P', pmtTyCd: '01', pchsSttsCd: '02', pchsDt: '20261124',
        spplrTin: DEMO_SUPPLIER.tin, spplrBhfId: '00', spplrInvcNo: '501', ...extra,
      });
      assert.equal((await result('insertTrnsPurchase', purchase(1, {}))).resultCd, '000');
      assert.equal((await result('insertTrnsPurchase', purchase(2, { spplrTin: CONFORMANCE_TAXPAYER.tin, spplrInvcNo: '1' }))).resultCd, '000');
      const unknown = await result('insertTrnsPurchase', purchase(3, { spplrInvcNo: '999' }));
      assert.deepEqual([unknown.resultCd, unknown.resultMsg], ['910', `Supplier invoice number 999 does not exist for supplier ${DEMO_SUPPLIER.tin}`]);
      assert.equal((await result('insertTrnsPurchase', purchase(5, { regTyCd: 'M' }))).resultMsg, 'Invalid invcNo sequence, expected: 3 but found: 5');
      assert.equal((await result('insertTrnsPurchase', purchase(3, { regTyCd: 'M', spplrTin: null, spplrInvcNo: null }))).resultCd, '000');
    });

    test('customs declarations can be mapped to an item and approved', async () => {
      const list = (await result('selectImportItemList', { lastReqDt: '20180101000000' })).data as { itemList: Record<string, unknown>[] };
      const line = list.itemList[0]!;
      const update = { taskCd: line.taskCd, dclDe: line.dclDe, itemSeq: line.itemSeq, hsCd: line.hsCd, itemClsCd: '43191500', itemCd: 'CN2CTU0000001', imptItemSttsCd: '3', remark: 'received', modrId: 'a', modrNm: 'A' };
      assert.equal((await result('updateImportItem', update)).resultCd, '000');
      const changed = (await result('selectImportItemList', { lastReqDt: '20261124115959' })).data as { itemList: Record<string, unknown>[] };
      assert.deepEqual([changed.itemList[0]!.imptItemsttsCd, changed.itemList[0]!.itemCd], ['3', 'CN2CTU0000001']);
      assert.equal((await result('updateImportItem', { ...update, taskCd: 'NOPE' })).resultCd, '910');
    });

    test('stock moves in and out per branch; a branch sees the movements addressed to it', async () => {
      const io = (sarNo: number, sarTyCd: string, qty: number, extra: Record<string, unknown> = {}) => ({
        sarNo, orgSarNo: 0, regTyCd: 'M', custTin: null, custNm: null, custBhfId: null, sarTyCd, ocrnDt: '20261124', totItemCnt: 1,
        totTaxblAmt: 100, totTaxAmt: 16, totAmt: 116, remark: null, ...AUDIT,
        itemList: [{ itemSeq: 1, itemCd: 'KE2BGNO0000001', itemClsCd: '1000000000', itemNm: 'Sugar', bcd: null, pkgUnitCd: 'BG', pkg: qty, qtyUnitCd: 'NO', qty, itemExprDt: null, prc: 116, splyAmt: 116 * qty, totDcAmt: 0, taxblAmt: 100, taxTyCd: 'B', taxAmt: 16, totAmt: 116 }],
        ...extra,
      });
      assert.equal((await result('insertStockIO', io(1, '02', 10))).resultCd, '000');
      assert.equal((await result('insertStockIO', io(2, '13', 4, { custTin: device.tin, custBhfId: '01' }))).resultCd, '000');
      assert.equal((await result('saveStockMaster', { itemCd: 'KE2BGNO0000001', rsdQty: 6, ...AUDIT })).resultCd, '000');
      assert.equal((await result('insertStockIO', io(3, '99', 1))).resultMsg, 'Request parameter error[<sarTyCd> : "99" is not a valid code]');
      assert.equal((await result('selectStockMoveList', { lastReqDt: '20180101000000' })).resultCd, '001');
      const branch01 = kraCaller(sim, 'direct', await initDemoDevice(sim, '01', DEMO_DEVICE_SERIALS[4]));
      const moves = (await result('selectStockMoveList', { lastReqDt: '20180101000000' }, branch01)).data as { stockList: { custBhfId: string; sarNo: number }[] };
      assert.deepEqual(moves.stockList.map((m) => [m.custBhfId, m.sarNo]), [['00', 2]]);
    });
  });

  test('counts the KRA calls it received, by endpoint', async () => {
    await result('selectCodeList', { lastReqDt: '20180101000000' });
    await result('selectCodeList', { lastReqDt: '20180101000000' });
    const stats = await sim.admin.stats();
    assert.equal(stats.byEndpoint.selectCodeList, 2);
    assert.equal(stats.byEndpoint.selectInitOsdcInfo, 1);
    assert.equal(stats.requests, 3);
  });
});
