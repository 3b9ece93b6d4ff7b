import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { DEMO_DEVICE_SERIALS, DEMO_PARTNERS, DEMO_TAXPAYER } from '../../../src-shared/etims/demo';
import { parseData } from '../../../src-main/oscu/parse';
import { launchSimulator, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { initDemoDevice, itemBody, kraCaller, saleBody, SANDBOX_RATES, type Device, type Exchange, type KraCaller } from '../../support/kra-sim';

const AUDIT = { regrId: 'test', regrNm: 'Test', modrId: 'test', modrNm: 'Test' };
const basic = (credentials: string) => ({ Authorization: `Basic ${Buffer.from(credentials).toString('base64')}` });

describe('KRA simulator: the gateway profile, strict', () => {
  let sim: SimulatorProcess;
  let device: Device;
  let gateway: KraCaller;

  before(async () => {
    sim = await launchSimulator({ seed: 'gateway-test', profile: 'gateway' });
  });
  after(async () => {
    await sim.stop();
  });
  beforeEach(async () => {
    await sim.admin.reset();
    await sim.admin.setClock(new Date('2026-11-24T09:00:00Z'));
    device = await initDemoDevice(sim, '00', DEMO_DEVICE_SERIALS[0]);
    gateway = kraCaller(sim, 'gateway', device);
  });

  /** The customerMessage of a gateway rejection (HTTP 400, responseBody null). */
  const rejection = (answer: Exchange) => {
    assert.equal(answer.status, 400, answer.text);
    const header = answer.json?.responseHeader as { responseCode: number; customerMessage: string };
    assert.equal(header.responseCode, 400);
    assert.equal(answer.json?.responseBody, null);
    return header.customerMessage;
  };
  const accepted = (answer: Exchange) => {
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.envelope?.resultCd, '000', answer.text);
    return answer.envelope!.data;
  };

  const io = (sarNo: number, itemCd: string, qty: number) => ({
    sarNo, orgSarNo: 0, regTyCd: 'M', sarTyCd: '06', ocrnDt: '20261124', totItemCnt: 1, totTaxblAmt: 100, totTaxAmt: 16, totAmt: 116, ...AUDIT,
    itemList: [{ itemSeq: 1, itemCd, itemClsCd: '1000000000', itemNm: 'Sugar', pkgUnitCd: 'BG', pkg: qty, qtyUnitCd: 'NO', qty, prc: 116, splyAmt: 116 * qty, taxblAmt: 100, taxTyCd: 'B', taxAmt: 16, totAmt: 116 }],
  });

  test('is strict by default and answers duplicates with the sequence error', async () => {
    const config = await sim.admin.config();
    assert.deepEqual([config.strict, config.duplicateReply, config.invoiceScope], [true, 'sequence', 'branch']);
  });

  test('issues bearer tokens for any consumer key and secret, valid for an hour of simulated time', async () => {
    const token = await fetch(`${sim.url}/v1/token/generate?grant_type=client_credentials`, { headers: basic('mauzo:s3cret') });
    const issued = (await token.json()) as { access_token: string; expires_in: string };
    assert.equal(token.status, 200);
    assert.equal(issued.expires_in, '3599');
    assert.equal((await fetch(`${sim.url}/v1/token/generate?grant_type=client_credentials`)).status, 401);
    assert.equal((await fetch(`${sim.url}/v1/token/generate?grant_type=client_credentials`, { headers: basic('mauzo:') })).status, 401);
    assert.equal((await fetch(`${sim.url}/v1/token/generate?grant_type=password`, { headers: basic('a:b') })).status, 400);

    const call = (headers: Record<string, string>) => gateway.raw('selectNoticeList', { headers: { tin: device.tin, bhfId: '00', cmcKey: device.cmcKey, ...headers }, body: '{"lastReqDt":"20180101000000"}' });
    assert.equal((await call({ Authorization: `Bearer ${issued.access_token}` })).status, 200);
    assert.equal((await call({ Authorization: 'Bearer forged' })).status, 401);
    assert.equal((await call({ Authorization: `Bearer ${issued.access_token}`, apigee_app_id: '' })).status, 401);
    await sim.admin.advanceClock(3600_000);
    assert.equal((await call({ Authorization: `Bearer ${issued.access_token}` })).status, 401);
  });

  test('wraps answers in responseHeader and responseBody; an empty read is 001 inside an HTTP 200', async () => {
    const answer = await gateway.call('selectBhfList', { lastReqDt: '20180101000000' });
    assert.equal(answer.status, 200);
    assert.equal((answer.json?.responseHeader as { responseCode: number }).responseCode, 200);
    assert.equal((answer.envelope?.data as { bhfList: unknown[] }).bhfList.length, 2);
    const empty = await gateway.call('selectStockMoveList', { lastReqDt: '20180101000000', tin: device.tin, bhfId: '00' });
    assert.deepEqual([empty.status, empty.envelope?.resultCd, empty.envelope?.data], [200, '001', null]);
  });

  test('answers the buyer-PIN lookup at /customerPinInfo and the branch\'s saved customers at /selectCustomerList (spec 13.1)', async () => {
    const pin = accepted(await gateway.call('selectCustomer', { custmTin: DEMO_PARTNERS[0]!.tin }));
    const taxpayer = parseData('selectCustomer', pin);
    assert.ok(taxpayer.ok && taxpayer.value.custList[0]?.taxprNm === DEMO_PARTNERS[0]!.name, JSON.stringify(pin));
    assert.equal((await gateway.call('selectCustomerList', { lastReqDt: '20180101000000' })).envelope?.resultCd, '001');
    accepted(await gateway.call('saveBhfCustomer', { custNo: '000000001', custTin: DEMO_PARTNERS[0]!.tin, custNm: 'Acme', telNo: '0700000009', useYn: 'Y', ...AUDIT }));
    const saved = parseData('selectCustomerList', accepted(await gateway.call('selectCustomerList', { lastReqDt: '20180101000000' })));
    assert.ok(saved.ok, JSON.stringify(saved));
    assert.deepEqual(saved.value.custList.map((c) => [c.custNo, c.custTin, c.custNm, c.telNo, c.email, c.useYn, c.regrNm]), [['000000001', DEMO_PARTNERS[0]!.tin, 'Acme', '0700000009', null, 'Y', 'Test']]);
    assert.equal(parseData('selectCustomer', saved.value).ok, false, 'a saved-customer list is not a PIN lookup');
  });

  test('accepts exactly the item classes its own selectItemClsList serves, the sandbox\'s short list (spec 13.5)', async () => {
    const served = (accepted(await gateway.call('selectItemClsList', { lastReqDt: '20180101000000' })) as { itemClsList: { itemClsCd: string }[] }).itemClsList.map((c) => c.itemClsCd);
    assert.equal(served.length, 26);
    assert.ok(served.includes('1000000000') && served.some((c) => c.startsWith('1010')) && served.some((c) => c.startsWith('9901')));
    assert.equal(rejection(await gateway.call('saveItem', itemBody('KE2BGNO0000001', { itemClsCd: '50161509' }))), 'Ensure you use a valid item classification code from the Get Item Classification List endpoint');
    for (const [i, code] of served.entries()) {
      accepted(await gateway.call('saveItem', itemBody(`KE2BGNO${String(i + 1).padStart(7, '0')}`, { itemClsCd: code })));
    }
  });

  test('wants tin and bhfId in the body of initialize and of some reads (spec 13.6)', async () => {
    assert.equal(rejection(await kraCaller(sim, 'gateway').call('selectInitOsdcInfo', { bhfId: '00', dvcSrlNo: DEMO_DEVICE_SERIALS[1] })), 'Missing Tin');
    assert.equal(rejection(await kraCaller(sim, 'gateway').call('selectInitOsdcInfo', { tin: DEMO_TAXPAYER.tin, dvcSrlNo: DEMO_DEVICE_SERIALS[1] })), 'Missing BhfId');
    assert.equal(rejection(await gateway.call('selectTrnsPurchaseSalesList', { lastReqDt: '20180101000000' })), 'tin cannot be Null');
    assert.equal(rejection(await gateway.call('selectStockMoveList', { lastReqDt: '20180101000000', tin: DEMO_TAXPAYER.tin })), 'bhfId cannot be Null');
    const init = await kraCaller(sim, 'gateway').call('selectInitOsdcInfo', { tin: DEMO_TAXPAYER.tin, bhfId: '00', dvcSrlNo: DEMO_DEVICE_SERIALS[1] });
    assert.match((accepted(init) as { info: { cmcKey: string } }).info.cmcKey, /^[0-9A-F]{32}$/);
  });

  test('checks item codes against their fields, the 52 packaging units and the taxpayer sequence', async () => {
    assert.equal(rejection(await gateway.call('saveItem', itemBody('KE2BGNO0000001', { pkgUnitCd: 'BX' }))).startsWith('The Package unit code can ony be among the following list: [AM, BA, BC'), true);
    assert.equal(rejection(await gateway.call('saveItem', itemBody('KE2BGNO0000001', { pkgUnitCd: 'CT' }))), 'Incorrect Packaging Unit Prefix');
    assert.equal(rejection(await gateway.call('saveItem', itemBody('KE2BGNO0000001', { qtyUnitCd: 'U' }))), 'Incorrect QtyUnitCd Prefix');
    assert.equal(rejection(await gateway.call('saveItem', itemBody('KE2BGNO0000002'))), 'Invalid itemCd Sequence. Expected sequence ending with: *******0000001');
    accepted(await gateway.call('saveItem', itemBody('KE2BGNO0000001')));
    accepted(await gateway.call('saveItem', itemBody('KE2BGNO0000001', { itemNm: 'Sugar 1kg' })));
    accepted(await gateway.call('saveItem', itemBody('KE3OUNO0000002', { itemClsCd: '1000000000' })));
  });

  test('a sale needs registered items, stock for goods, inclusive amounts to the cent', async () => {
    const sugar = { itemCd: 'KE2BGNO0000001', qty: 2, prc: 116, taxTyCd: 'B' } as const;
    assert.match(rejection(await gateway.call('saveTrnsSalesOsdc', saleBody(1, [sugar]))), /^Item KE2BGNO0000001 provided on item: 1\. does not exist in your inventory/);
    accepted(await gateway.call('saveItem', itemBody('KE2BGNO0000001')));
    assert.equal(rejection(await gateway.call('saveTrnsSalesOsdc', saleBody(1, [sugar]))), 'Items provided under the itemList section do not exist in your stock');
    accepted(await gateway.call('insertStockIO', io(1, 'KE2BGNO0000001', 10)));
    const exclusive = saleBody(1, [sugar]);
    Object.assign((exclusive.itemList as Record<string, unknown>[])[0]!, { prc: 100, splyAmt: 200, taxblAmt: 200, taxAmt: 32, totAmt: 232 });
    assert.equal(rejection(await gateway.call('saveTrnsSalesOsdc', exclusive)), 'Invalid totAmt on item: 1. Expected: 200.00, But Found: 232.00');
    const signed = accepted(await gateway.call('saveTrnsSalesOsdc', saleBody(1, [sugar]))) as { rcptSign: string };
    assert.match(signed.rcptSign, /^[A-Z2-7]{16}$/);
    assert.equal(rejection(await gateway.call('saveTrnsSalesOsdc', saleBody(1, [sugar]))), 'Invalid invcNo sequence, expected: 2 but found: 1');
    assert.equal(rejection(await gateway.call('saveTrnsSalesOsdc', saleBody(5, [sugar]))), 'Invalid invcNo sequence, expected: 2 but found: 5');
    assert.equal(rejection(await gateway.call('saveTrnsSalesOsdc', saleBody(2, [sugar], { rcptTyCd: 'R', orgInvcNo: 1, rfdRsnCd: '06' }))), 'Missing RfdDt Date');
    accepted(await gateway.call('saveTrnsSalesOsdc', saleBody(2, [sugar], { rcptTyCd: 'R', orgInvcNo: 1, rfdRsnCd: '06', rfdDt: '20261124120000' })));
    const service = { itemCd: 'KE3OUNO0000002', qty: 1, prc: 50, taxTyCd: 'B', pkgUnitCd: 'OU' } as const;
    accepted(await gateway.call('saveItem', itemBody('KE3OUNO0000002', { itemClsCd: '1000000000' })));
    accepted(await gateway.call('saveTrnsSalesOsdc', saleBody(3, [service])));
  });

  test('checks the rates against the environment: the sandbox’s E is 0 %, and a sale declaring another rate is refused', async () => {
    const codes = await gateway.call('selectCodeList', { lastReqDt: '20180101000000' });
    const taxTypes = (codes.envelope?.data as { clsList: { cdCls: string; dtlList: { cd: string; userDfnCd1: string }[] }[] }).clsList.find((c) => c.cdCls === '04')!;
    assert.deepEqual(taxTypes.dtlList.map((d) => [d.cd, d.userDfnCd1]), [['A', '0'], ['B', '16'], ['C', '0'], ['E', '0'], ['D', '0']]);
    accepted(await gateway.call('saveItem', itemBody('KE2BGNO0000001')));
    accepted(await gateway.call('insertStockIO', io(1, 'KE2BGNO0000001', 10)));
    const body = saleBody(1, [{ itemCd: 'KE2BGNO0000001', qty: 1, prc: 116, taxTyCd: 'B' }]);
    assert.equal(rejection(await gateway.call('saveTrnsSalesOsdc', { ...body, taxRtE: 8 })), 'Rule taxRtE failed: Tax rate mismatch. Expected: 0.00, Found: 8');
    accepted(await gateway.call('saveTrnsSalesOsdc', body));
  });

  test('a code list without class E: KRA does not list it, and refuses a line in it', async () => {
    await sim.admin.setConfig({ taxRates: { E: null } });
    const codes = await gateway.call('selectCodeList', { lastReqDt: '20180101000000' });
    const taxTypes = (codes.envelope?.data as { clsList: { cdCls: string; dtlList: { cd: string }[] }[] }).clsList.find((c) => c.cdCls === '04')!;
    assert.deepEqual(taxTypes.dtlList.map((d) => d.cd), ['A', 'B', 'C', 'D']);
    accepted(await gateway.call('saveItem', itemBody('KE2JYNO0000001', { taxTyCd: 'E' })));
    accepted(await gateway.call('insertStockIO', io(1, 'KE2JYNO0000001', 10)));
    const paraffin = saleBody(1, [{ itemCd: 'KE2JYNO0000001', qty: 1, prc: 162, taxTyCd: 'E', pkgUnitCd: 'JY' }], {}, { ...SANDBOX_RATES, E: 0 });
    assert.equal(rejection(await gateway.call('saveTrnsSalesOsdc', paraffin)), 'Invalid taxTyCd on item: 1. Tax type E is not in the code list');
  });

  test('stock: the sarNo sequence, and rsdQty equal to the sum of the movements', async () => {
    accepted(await gateway.call('saveItem', itemBody('KE2BGNO0000001')));
    const master = (rsdQty: number) => gateway.call('saveStockMaster', { itemCd: 'KE2BGNO0000001', rsdQty, ...AUDIT });
    assert.equal(rejection(await master(0)), 'Stock IO is empty, consider adding items to the stock IO first');
    assert.equal(rejection(await gateway.call('insertStockIO', io(2, 'KE2BGNO0000001', 10))), 'Invalid sarNo: Expected: 1 but found: 2');
    accepted(await gateway.call('insertStockIO', io(1, 'KE2BGNO0000001', 10)));
    accepted(await gateway.call('insertStockIO', { ...io(2, 'KE2BGNO0000001', 2.5), sarTyCd: '11' }));
    assert.equal(rejection(await master(10)), 'rsdQty mismatch. Expected: 7.5 but found: 10');
    accepted(await master(7.5));
    const noTotal = io(3, 'KE2BGNO0000001', 1);
    delete (noTotal.itemList[0] as Partial<(typeof noTotal.itemList)[0]>).totAmt;
    assert.equal(rejection(await gateway.call('insertStockIO', noTotal)), 'Expected a value for totAmt on item: 1 but it is empty or null');
  });

  test('branch saves name missing fields; rejections can come wrapped in an outer HTTP 200', async () => {
    const user = { userId: 'x', userNm: 'X', pwd: 'p', useYn: 'Y', regrId: 'a', regrNm: 'A' };
    assert.equal(rejection(await gateway.call('saveBhfUser', user)), 'Request parameter error[<modrId> : may not be empty][<modrNm> : may not be empty]');
    assert.equal(rejection(await gateway.call('saveBhfCustomer', { custNo: '1', custNm: 'A', useYn: 'Y', ...AUDIT })), 'custTin cannot be empty or Null');
    await sim.admin.setConfig({ gatewayRejectionStatus: 200 });
    const wrapped = await gateway.call('saveBhfUser', user);
    assert.equal(wrapped.status, 200);
    assert.equal((wrapped.json?.responseHeader as { responseCode: number }).responseCode, 400);
    assert.equal(wrapped.json?.responseBody, null);
  });

  test('result codes other than validation failures travel in responseBody', async () => {
    await sim.admin.setConfig({ duplicateReply: '994' });
    accepted(await gateway.call('saveItem', itemBody('KE3OUNO0000001', { itemClsCd: '1000000000' })));
    const sale = saleBody(1, [{ itemCd: 'KE3OUNO0000001', qty: 1, prc: 50, taxTyCd: 'B', pkgUnitCd: 'OU' }]);
    accepted(await gateway.call('saveTrnsSalesOsdc', sale));
    const duplicate = await gateway.call('saveTrnsSalesOsdc', sale);
    assert.deepEqual([duplicate.status, duplicate.envelope?.resultCd], [200, '994']);
  });
});
