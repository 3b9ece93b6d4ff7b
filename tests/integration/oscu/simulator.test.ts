import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchSimulator, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { createHttpClient } from '../../../src-main/oscu/http';
import { createOscuClient, type OscuClient } from '../../../src-main/oscu/client';
import { salesPort } from '../../../src-main/oscu/sales-port';
import { isSameSale } from '../../../src-main/sync/same-sale';
import type { Exchange, KraTarget } from '../../../src-main/oscu/transport';
import { DEMO_DEVICE_SERIALS, DEMO_TAXPAYER } from '../../../src-shared/etims/demo';
import { toKraDateTime } from '../../../src-shared/etims/time';
import type { ItemRequest, SaleRequest } from '../../../src-shared/etims/wire';
import { TestClock } from '../../support/clock';

/** One HTTP client for the file's KRA calls, as the till has one. */
const http = createHttpClient();
after(() => http.close());

const TIN = DEMO_TAXPAYER.tin;
const AUDIT = { regrId: 'pos01', regrNm: 'Till 1', modrId: 'pos01', modrNm: 'Till 1' };
const ITEM: ItemRequest = {
  itemCd: 'KE2NTNO0000001', itemClsCd: '1000000000', itemTyCd: '2', itemNm: 'Mango juice 500ml', orgnNatCd: 'KE',
  pkgUnitCd: 'NT', qtyUnitCd: 'NO', taxTyCd: 'B', bcd: null, dftPrc: 116, isrcAplcbYn: 'N', useYn: 'Y', ...AUDIT,
};

/** One juice at 116.00 VAT-inclusive: 100.00 taxable, 16.00 VAT (spec 4.2). */
function sale(invcNo: number): SaleRequest {
  const zero = { taxblAmtA: 0, taxblAmtC: 0, taxblAmtD: 0, taxblAmtE: 0, taxAmtA: 0, taxAmtC: 0, taxAmtD: 0, taxAmtE: 0 };
  return {
    invcNo, orgInvcNo: 0, trdInvcNo: `T1-${invcNo}`, salesTyCd: 'N', rcptTyCd: 'S', pmtTyCd: '01', salesSttsCd: '02',
    cfmDt: '20240415143015', salesDt: '20240415', totItemCnt: 1,
    ...zero, taxblAmtB: 100, taxAmtB: 16, taxRtA: 0, taxRtB: 16, taxRtC: 0, taxRtD: 0, taxRtE: 8,
    totTaxblAmt: 100, totTaxAmt: 16, totAmt: 116, prchrAcptcYn: 'N', ...AUDIT,
    receipt: { rcptPbctDt: '20240415143015', trdeNm: 'MAUZO DEMO DUKA', prchrAcptcYn: 'N' },
    itemList: [{
      itemSeq: 1, itemCd: ITEM.itemCd, itemClsCd: ITEM.itemClsCd, itemNm: ITEM.itemNm, pkgUnitCd: 'NT', pkg: 1,
      qtyUnitCd: 'NO', qty: 1, prc: 116, splyAmt: 116, dcRt: 0, dcAmt: 0, taxTyCd: 'B', taxblAmt: 100, taxAmt: 16, totAmt: 116,
    }],
  };
}

let sim: SimulatorProcess;
const exchanges: Exchange[] = [];
const clock = new TestClock(new Date('2024-04-15T11:30:00Z'));

function clientFor(headers: KraTarget['headers'], timeouts = {}): OscuClient {
  return createOscuClient({
    http: http.send,
    now: () => clock.now(),
    record: (exchange) => exchanges.push(exchange),
    target: { baseUrl: sim.directBase, profile: 'direct', headers },
    timeouts,
  });
}

before(async () => {
  sim = await launchSimulator({ seed: 'oscu-client' });
  await sim.admin.setClock(clock.now());
});
after(() => sim.stop());

describe('OSCU client against the simulator process', () => {
  let device: OscuClient;

  it('initialises a device once; a second time is refused with 902', async () => {
    const unregistered = clientFor({ tin: TIN, bhfId: '00' });
    const init = await unregistered.selectInitOsdcInfo({ tin: TIN, bhfId: '00', dvcSrlNo: DEMO_DEVICE_SERIALS[0]! });
    assert.ok(init.ok, JSON.stringify(init));
    assert.equal(init.data.info.tin, TIN);
    assert.match(init.data.info.sdcId, /^KRACU/);
    device = clientFor({ tin: TIN, bhfId: '00', cmcKey: init.data.info.cmcKey });
    const again = await unregistered.selectInitOsdcInfo({ tin: TIN, bhfId: '00', dvcSrlNo: DEMO_DEVICE_SERIALS[0]! });
    assert.ok(!again.ok && again.kind === 'rejected' && again.code === '902', JSON.stringify(again));
  });

  it('reads the code list and saves an item', async () => {
    const codes = await device.selectCodeList({ lastReqDt: '20180101000000' });
    assert.ok(codes.ok, JSON.stringify(codes));
    const vatB = codes.data.clsList.find((c) => c.cdCls === '04')?.dtlList.find((d) => d.cd === 'B');
    assert.equal(vatB?.userDfnCd1, '16');
    assert.deepEqual(await device.saveItem(ITEM), { ok: true, data: null, resultDt: await simNow() });
  });

  it('sends a sale, is signed, and finds the same signature by invcNo', async () => {
    const sent = await device.saveTrnsSalesOsdc(sale(1));
    assert.ok(sent.ok, JSON.stringify(sent));
    const found = await device.selectInvoiceDetails({ invcNo: 1 });
    assert.ok(found.ok, JSON.stringify(found));
    const { curRcptNo, totRcptNo, intrlData, rcptSign, sdcDateTime } = found.data.salesList[0]!.receipt;
    assert.deepEqual({ curRcptNo, totRcptNo, intrlData, rcptSign, sdcDateTime }, sent.data);
    assert.deepEqual(await device.selectInvoiceDetails({ invcNo: 2 }), { ok: false, kind: 'empty', resultDt: await simNow() });
  });

  it('serves the outbox through salesPort: send, lookup and ping', async () => {
    const port = salesPort(device, clock);
    const signed = await port.send(sale(2) as unknown as Record<string, unknown>);
    assert.equal(signed.kind, 'signed');
    const found = await port.lookup(2);
    assert.ok(found.kind === 'found' && signed.kind === 'signed');
    assert.deepEqual(found.signature, signed.signature);
    assert.ok(isSameSale(sale(2) as unknown as Record<string, unknown>, found.record), "KRA's record reads back as the very sale sent");
    assert.ok(!isSameSale(sale(3) as unknown as Record<string, unknown>, found.record), 'and not as another');
    assert.deepEqual(await port.lookup(3), { kind: 'absent' });
    assert.deepEqual(await port.ping(), { kind: 'answered' });
    const accepted = await sim.admin.sales(TIN, '00');
    assert.deepEqual(accepted.map((s) => [s.invcNo, s.totAmt]), [[1, 116], [2, 116]]);
  });

  it('sorts the simulator’s faults: 999 and non-JSON are transport, a sequence gap names the expected number', async () => {
    await sim.admin.addFault({ kind: 'result999', count: 1 });
    assert.deepEqual(failure(await device.saveTrnsSalesOsdc(sale(3))), ['transport', '999']);
    await sim.admin.addFault({ kind: 'nonJson', count: 1 });
    assert.deepEqual(failure(await device.saveTrnsSalesOsdc(sale(3))), ['transport', 'NOT_JSON']);
    await sim.admin.addFault({ kind: 'latency', latencyMs: 1000, count: 1 });
    const impatient = clientFor({ tin: TIN, bhfId: '00', cmcKey: 'unused' }, { read: 200 });
    assert.deepEqual(failure(await impatient.selectNoticeList({ lastReqDt: '20240101000000' })), ['transport', 'TIMEOUT']);
    const outOfOrder = await salesPort(device, clock).send(sale(5) as unknown as Record<string, unknown>);
    assert.equal(outOfOrder.kind, 'sequence');
    assert.equal(outOfOrder.kind === 'sequence' && outOfOrder.expected, 3);
  });

  it('recorded every exchange for the audit log', () => {
    assert.ok(exchanges.length >= 10);
    assert.ok(exchanges.every((e) => e.request.length > 0 && e.durationMs >= 0));
    assert.ok(exchanges.some((e) => e.endpoint === 'saveTrnsSalesOsdc' && e.resultCd === '000'));
  });
});

describe('OSCU client against the simulator, gateway profile (strict)', () => {
  const BRANCH = '01';
  let device: OscuClient;

  function gatewayClient(cmcKey?: string): OscuClient {
    return createOscuClient({
      http: http.send,
      now: () => clock.now(),
      record: (exchange) => exchanges.push(exchange),
      target: {
        baseUrl: sim.gatewayBase,
        profile: 'gateway',
        headers: { tin: TIN, bhfId: BRANCH, ...(cmcKey ? { cmcKey } : {}) },
        gateway: { tokenUrl: `${sim.url}/v1/token/generate?grant_type=client_credentials`, consumerKey: 'mauzo', consumerSecret: 'secret', appId: 'mauzo-app' },
      },
    });
  }

  before(() => sim.admin.setConfig({ strict: true }));

  it('initialises through /initialize, with a token fetched again after one flaky answer', async () => {
    await sim.admin.addFault({ kind: 'http', status: 502, endpoints: ['token'], count: 1 });
    const init = await gatewayClient().selectInitOsdcInfo({ tin: TIN, bhfId: BRANCH, dvcSrlNo: DEMO_DEVICE_SERIALS[1]! });
    assert.ok(init.ok, JSON.stringify(init));
    assert.equal((await sim.admin.stats()).byEndpoint.token, 2, 'one failed token request, one retry');
    device = gatewayClient(init.data.info.cmcKey);
  });

  it('puts stock in, declares it, sells, and looks the sale up', async () => {
    assert.ok((await device.saveItem(ITEM)).ok);
    const line = { ...sale(1).itemList[0]!, pkg: 10, qty: 10, splyAmt: 1160, taxblAmt: 1000, taxAmt: 160, totAmt: 1160, totDcAmt: 0 };
    const stockIn = await device.insertStockIO({
      sarNo: 1, orgSarNo: 0, regTyCd: 'M', sarTyCd: '06', ocrnDt: '20240415', totItemCnt: 1,
      totTaxblAmt: 1000, totTaxAmt: 160, totAmt: 1160, ...AUDIT, itemList: [line],
    });
    assert.ok(stockIn.ok, JSON.stringify(stockIn));
    assert.ok((await device.saveStockMaster({ itemCd: ITEM.itemCd, rsdQty: 10, ...AUDIT })).ok);
    const sent = await device.saveTrnsSalesOsdc(sale(1));
    assert.ok(sent.ok, JSON.stringify(sent));
    const found = await device.selectInvoiceDetails({ invcNo: 1 });
    assert.ok(found.ok, JSON.stringify(found));
    assert.equal(found.data.salesList[0]!.receipt.rcptSign, sent.data.rcptSign);
  });

  it('returns the gateway’s words for a rejected sale', async () => {
    const wrong = sale(2);
    wrong.itemList[0]!.taxblAmt = 116;
    const result = await device.saveTrnsSalesOsdc(wrong);
    assert.ok(!result.ok && result.kind === 'rejected', JSON.stringify(result));
    assert.match(result.message, /taxblAmt/);
  });

  it('sends tin and bhfId in the body where the gateway wants them', async () => {
    for (const result of [
      await device.selectStockMoveList({ lastReqDt: '20180101000000' }),
      await device.selectTrnsPurchaseSalesList({ lastReqDt: '20180101000000' }),
    ]) {
      assert.ok(result.ok || result.kind === 'empty', JSON.stringify(result));
    }
  });
});

async function simNow(): Promise<string> {
  return toKraDateTime(await sim.admin.now());
}

function failure(result: { ok: boolean; kind?: string; code?: string }): [string | undefined, string | undefined] {
  return [result.kind, result.code];
}
