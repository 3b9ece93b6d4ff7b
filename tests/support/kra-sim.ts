/**
 * Helpers for tests that talk to the KRA simulator over HTTP as a client would: a caller for
 * either path set, device initialisation, and sale bodies that satisfy the strict profile.
 */
import { TAX_TYPES, type TaxTypeCode } from '../../src-shared/etims/codes';
import { DEMO_DEVICE_SERIALS, DEMO_TAXPAYER } from '../../src-shared/etims/demo';
import { ENDPOINTS, type EndpointName, type Profile } from '../../src-shared/etims/endpoints';
import type { SimulatorProcess } from '../../src-main/kra-sim/launch';

export interface Device {
  tin: string;
  bhfId: string;
  cmcKey: string;
  sdcId: string;
  mrcNo: string;
  dvcId: string;
}

export interface Exchange {
  status: number;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: Record<string, unknown> | undefined;
  /** The direct envelope, or the gateway's responseBody. */
  envelope: { resultCd: string; resultMsg: string; resultDt: string; data: unknown } | undefined;
}

export interface KraCaller {
  call(name: EndpointName, body: unknown, headers?: Record<string, string>): Promise<Exchange>;
  raw(name: EndpointName, init: RequestInit): Promise<Exchange>;
}

/** Calls the simulator's KRA endpoints through the direct or the gateway path set. */
export function kraCaller(sim: SimulatorProcess, via: Profile, device?: Partial<Device>): KraCaller {
  let token: string | null = null;
  const bearer = async () => {
    if (token) return token;
    const answer = await fetch(`${sim.url}/v1/token/generate?grant_type=client_credentials`, {
      headers: { Authorization: `Basic ${Buffer.from('key:secret').toString('base64')}` },
    });
    token = ((await answer.json()) as { access_token: string }).access_token;
    return token;
  };
  const raw = async (name: EndpointName, init: RequestInit): Promise<Exchange> => {
    const base = via === 'direct' ? sim.directBase : sim.gatewayBase;
    const headers = new Headers(init.headers);
    if (via === 'gateway' && !headers.has('authorization')) headers.set('Authorization', `Bearer ${await bearer()}`);
    if (via === 'gateway' && !headers.has('apigee_app_id')) headers.set('apigee_app_id', 'mauzo-test-app');
    const response = await fetch(base + ENDPOINTS[name][via], { method: 'POST', ...init, headers });
    const text = await response.text();
    let json: Record<string, unknown> | undefined;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = undefined;
    }
    const envelope = (via === 'gateway' ? json?.responseBody : json) as Exchange['envelope'] | null | undefined;
    return { status: response.status, text, json, envelope: envelope ?? undefined };
  };
  return {
    raw,
    call: (name, body, headers = {}) => {
      const auth: Record<string, string> = {};
      if (device?.tin) auth.tin = device.tin;
      if (device?.bhfId) auth.bhfId = device.bhfId;
      if (device?.cmcKey) auth.cmcKey = device.cmcKey;
      return raw(name, { headers: { 'Content-Type': 'application/json', ...auth, ...headers }, body: JSON.stringify(body) });
    },
  };
}

let nextSerial = 0;

/** Initialises a demo device (a fresh serial each time, so 902 never gets in the way). */
export async function initDemoDevice(sim: SimulatorProcess, bhfId = '00', serial = DEMO_DEVICE_SERIALS[nextSerial++ % DEMO_DEVICE_SERIALS.length]!): Promise<Device> {
  const tin = DEMO_TAXPAYER.tin;
  const answer = await kraCaller(sim, 'direct').call('selectInitOsdcInfo', { tin, bhfId, dvcSrlNo: serial });
  if (answer.envelope?.resultCd !== '000') throw new Error(`device init failed: ${answer.text}`);
  const info = (answer.envelope.data as { info: Record<string, string> }).info;
  return { tin, bhfId, cmcKey: info.cmcKey!, sdcId: info.sdcId!, mrcNo: info.mrcNo!, dvcId: info.dvcId! };
}

/** The gateway profile's rates, as KRA's sandbox wants them (spec 13.2: E at 0); the lenient profile checks none. */
export const SANDBOX_RATES = { ...(Object.fromEntries(TAX_TYPES.map((t) => [t.code, t.ratePercent])) as Record<TaxTypeCode, number>), E: 0 };

export interface TestLine {
  itemCd: string;
  /** Whole units. */
  qty: number;
  /** VAT-inclusive unit price, shillings. */
  prc: number;
  taxTyCd: TaxTypeCode;
  pkgUnitCd?: string;
  qtyUnitCd?: string;
}

const round2 = (value: number) => Math.round(value * 100 + Number.EPSILON * 100) / 100;

/** A saveTrnsSalesOsdc body with VAT-inclusive lines (spec 4.2), as the strict profile wants it. */
export function saleBody(invcNo: number, lines: TestLine[], extra: Record<string, unknown> = {}, rates = SANDBOX_RATES): Record<string, unknown> {
  const itemList = lines.map((line, i) => {
    const splyAmt = round2(line.qty * line.prc);
    const taxblAmt = round2((splyAmt * 100) / (100 + rates[line.taxTyCd]));
    return {
      itemSeq: i + 1, itemCd: line.itemCd, itemClsCd: '1000000000', itemNm: `Item ${line.itemCd}`, bcd: null,
      pkgUnitCd: line.pkgUnitCd ?? 'BG', pkg: Math.max(1, line.qty), qtyUnitCd: line.qtyUnitCd ?? 'NO', qty: line.qty, prc: line.prc,
      splyAmt, dcRt: 0, dcAmt: 0, taxTyCd: line.taxTyCd, taxblAmt, taxAmt: round2(splyAmt - taxblAmt), totAmt: splyAmt,
    };
  });
  const buckets: Record<string, number> = {};
  for (const code of ['A', 'B', 'C', 'D', 'E'] as TaxTypeCode[]) {
    const mine = itemList.filter((l) => l.taxTyCd === code);
    buckets[`taxblAmt${code}`] = round2(mine.reduce((a, l) => a + l.taxblAmt, 0));
    buckets[`taxRt${code}`] = rates[code];
    buckets[`taxAmt${code}`] = round2(mine.reduce((a, l) => a + l.taxAmt, 0));
  }
  const sum = (field: 'taxblAmt' | 'taxAmt' | 'totAmt') => round2(itemList.reduce((a, l) => a + l[field], 0));
  return {
    invcNo, orgInvcNo: 0, trdInvcNo: `T-${invcNo}`, custTin: null, custNm: null, salesTyCd: 'N', rcptTyCd: 'S', pmtTyCd: '01',
    salesSttsCd: '02', cfmDt: '20261124120000', salesDt: '20261124', stockRlsDt: null, cnclReqDt: null, cnclDt: null,
    rfdDt: null, rfdRsnCd: null, totItemCnt: itemList.length, ...buckets,
    totTaxblAmt: sum('taxblAmt'), totTaxAmt: sum('taxAmt'), totAmt: sum('totAmt'), prchrAcptcYn: 'N', remark: null,
    regrId: 'test', regrNm: 'Test', modrId: 'test', modrNm: 'Test',
    receipt: { custTin: null, custMblNo: null, rcptPbctDt: '20261124120000', trdeNm: null, adrs: null, topMsg: null, btmMsg: null, prchrAcptcYn: 'N' },
    itemList,
    ...extra,
  };
}

/** A saveItem body whose code follows spec 3.9 (country KE). */
export function itemBody(itemCd: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const [, , type, packaging, quantity] = /^([A-Z]{2})(\d)([A-Z0-9]{2})([A-Z0-9]{2})\d{7}$/.exec(itemCd) ?? [];
  return {
    itemCd, itemClsCd: '1000000000', itemTyCd: type ?? '2', itemNm: `Item ${itemCd}`, itemStdNm: null, orgnNatCd: 'KE',
    pkgUnitCd: packaging ?? 'BG', qtyUnitCd: quantity ?? 'NO', taxTyCd: 'B', btchNo: null, bcd: null, dftPrc: 100,
    isrcAplcbYn: 'N', useYn: 'Y', regrId: 'test', regrNm: 'Test', modrId: 'test', modrNm: 'Test',
    ...extra,
  };
}
