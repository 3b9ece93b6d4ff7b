/**
 * Recorded payloads leave out what depends on the moment ("___ignore___": invoice numbers, item
 * codes, user ids, sarNo, lastReqDt). The replay puts in values a real client would have sent at
 * that point: the next numbers, the codes of the items it registered, the original of a credit note.
 */
import { CONFORMANCE_PARTNER, CONFORMANCE_TAXPAYER, DEMO_PARTNERS, DEMO_TAXPAYER } from '../../src-shared/etims/demo';
import type { EndpointName } from '../../src-shared/etims/endpoints';
import type { Body } from './requests';

export const PLACEHOLDER = '___ignore___';

export interface RegisteredItem {
  code: string;
  classCode: string;
  name: string;
}

export interface AcceptedSale {
  invcNo: number;
  buyerTin: string | null;
  total: number;
}

/** The device the replay talks to KRA as, for bodies that repeat it (spec 13.6). */
export interface Identity {
  tin: string;
  bhfId: string;
  cmcKey: string;
}

/** What the replay has done so far, as a client would remember it. */
export interface ReplayState {
  device: Identity | null;
  lastSale: number;
  lastPurchase: number;
  lastSar: number;
  itemSequence: number;
  items: RegisteredItem[];
  sales: AcceptedSale[];
  lastMovedItem: string | null;
  serial: number;
}

export function freshState(): ReplayState {
  return { device: null, lastSale: 0, lastPurchase: 0, lastSar: 0, itemSequence: 0, items: [], sales: [], lastMovedItem: null, serial: 0 };
}

export class FillError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FillError';
  }
}

const KNOWN_NAMES = new Map([CONFORMANCE_TAXPAYER, DEMO_TAXPAYER, CONFORMANCE_PARTNER, ...DEMO_PARTNERS].map((t) => [t.tin, t.name]));

/** The sequence a request's number belongs to, for ordering files that carry a fixed number. */
export function sequenceOf(endpoint: EndpointName): { field: string; last: (state: ReplayState) => number } | null {
  if (endpoint === 'saveTrnsSalesOsdc') return { field: 'invcNo', last: (s) => s.lastSale };
  if (endpoint === 'insertTrnsPurchase') return { field: 'invcNo', last: (s) => s.lastPurchase };
  if (endpoint === 'insertStockIO') return { field: 'sarNo', last: (s) => s.lastSar };
  return null;
}

const ignored = (value: unknown) => value === PLACEHOLDER;

/** A copy of the body with every placeholder replaced; FillError when one has no rule. */
export function fill(endpoint: EndpointName, body: Body, state: ReplayState): Body {
  const out: Body = structuredClone(body);
  const next = () => ++state.serial;
  for (const [field, value] of Object.entries(out)) {
    if (!ignored(value)) continue;
    out[field] = topLevel(endpoint, field, out, state, next);
  }
  if (Array.isArray(out.itemList)) out.itemList = (out.itemList as Body[]).map((line, i) => fillLine(line, i, state));
  const left = placeholdersIn(out);
  if (left.length > 0) throw new FillError(`no rule to fill ${left.join(', ')}`);
  return out;
}

function topLevel(endpoint: EndpointName, field: string, body: Body, state: ReplayState, next: () => number): unknown {
  switch (field) {
    case 'regrId':
    case 'modrId':
      return 'conformance';
    case 'regrNm':
    case 'modrNm':
      return 'Conformance replay';
    case 'lastReqDt':
      return '20180101000000';
    case 'trdInvcNo':
      return `CONF-${String(next()).padStart(6, '0')}`;
    case 'custNo':
      return `C${String(next()).padStart(6, '0')}`;
    case 'userId':
      return `user${next()}`;
    case 'custNm':
      return KNOWN_NAMES.get(String(body.custTin)) ?? 'Conformance customer';
    case 'sarNo':
      return state.lastSar + 1;
    case 'orgSarNo':
      return 0;
    case 'invcNo':
      return invoiceNumber(endpoint, state);
    case 'orgInvcNo':
      return originalOf(body, state);
    case 'itemCd':
      return itemCodeFor(endpoint, body, state);
    case 'tin':
    case 'bhfId':
    case 'cmcKey':
      if (!state.device) throw new FillError(`${field}: no device has been initialised yet`);
      return state.device[field];
  }
  return body[field];
}

function invoiceNumber(endpoint: EndpointName, state: ReplayState): number {
  if (endpoint === 'insertTrnsPurchase') return state.lastPurchase + 1;
  if (endpoint === 'selectInvoiceDetails') {
    const latest = state.sales.at(-1);
    if (!latest) throw new FillError('invcNo: no sale has been accepted yet to look up');
    return latest.invcNo;
  }
  return state.lastSale + 1;
}

/** A credit note's original: the latest accepted sale to the same buyer for at least its amount. */
function originalOf(body: Body, state: ReplayState): number {
  const total = Number(body.totAmt);
  const buyer = typeof body.custTin === 'string' ? body.custTin : null;
  const candidates = state.sales.filter((s) => s.buyerTin === buyer && s.total >= total);
  const original = candidates.find((s) => s.total === total) ?? candidates.at(-1) ?? state.sales.at(-1);
  if (!original) throw new FillError('orgInvcNo: no accepted sale to credit');
  return original.invcNo;
}

function itemCodeFor(endpoint: EndpointName, body: Body, state: ReplayState): string {
  if (endpoint === 'saveItem') {
    const sequence = String(state.itemSequence + 1).padStart(7, '0');
    return `${String(body.orgnNatCd)}${String(body.itemTyCd)}${String(body.pkgUnitCd)}${String(body.qtyUnitCd)}${sequence}`;
  }
  if (endpoint === 'saveStockMaster') {
    if (!state.lastMovedItem) throw new FillError('itemCd: no item has moved in stock yet');
    return state.lastMovedItem;
  }
  return matchItem(body, 'itemCd', state).code;
}

/** The registered item of the line's class, preferring one of the same name. */
function matchItem(line: Body, field: string, state: ReplayState): RegisteredItem {
  const name = typeof line.itemNm === 'string' ? line.itemNm.toLowerCase() : null;
  const sameClass = state.items.filter((item) => item.classCode === line.itemClsCd);
  const found = sameClass.find((item) => item.name.toLowerCase() === name) ?? sameClass[0];
  if (!found) throw new FillError(`${field}: no registered item has class ${String(line.itemClsCd)}`);
  return found;
}

function fillLine(line: Body, index: number, state: ReplayState): Body {
  const out = { ...line };
  if (!ignored(out.itemCd) && !ignored(out.itemNm)) return out;
  const item = matchItem(out, `itemList[${index}].itemCd`, state);
  if (ignored(out.itemCd)) out.itemCd = item.code;
  if (ignored(out.itemNm)) out.itemNm = item.name;
  return out;
}

function placeholdersIn(value: unknown, path = ''): string[] {
  if (ignored(value)) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => placeholdersIn(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => placeholdersIn(v, path ? `${path}.${k}` : k));
  }
  return [];
}
