/**
 * The request files recorded by another eTIMS implementation: found under every `expected_requests`
 * directory of a folder, matched to the endpoint they were sent to (by their fields, or by the file
 * name for bodies that hold only lastReqDt), and put in an order KRA would accept them in.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { EndpointName } from '../../src-shared/etims/endpoints';

export type Body = Record<string, unknown>;

export interface RecordedRequest {
  /** Relative to the folder given. */
  file: string;
  body: Body;
  endpoint: EndpointName;
  /** Place in the replay: reference data, branch data, items, sales, credit notes, purchases, stock. */
  stage: number;
}

export interface UnreadableRequest {
  file: string;
  reason: string;
}

export function findRequestFiles(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, inRequests: boolean) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, inRequests || entry.name === 'expected_requests');
      else if (inRequests && entry.name.endsWith('.json')) found.push(path);
    }
  };
  walk(folder, false);
  return found;
}

const has = (body: Body, ...fields: string[]) => fields.some((f) => f in body);

/** Bodies of reads that carry only lastReqDt are told apart by the words in their file name. */
const READS_BY_NAME: [RegExp, EndpointName][] = [
  [/branch|bhf/i, 'selectBhfList'],
  [/notice/i, 'selectNoticeList'],
  [/unspsc|item_?cls|class/i, 'selectItemClsList'],
  [/code/i, 'selectCodeList'],
  [/import/i, 'selectImportItemList'],
  [/purchase/i, 'selectTrnsPurchaseSalesList'],
  [/stock/i, 'selectStockMoveList'],
  [/item/i, 'selectItemList'],
];

export function endpointOf(file: string, body: Body): EndpointName | null {
  if (has(body, 'dvcSrlNo')) return 'selectInitOsdcInfo';
  if (has(body, 'custmTin')) return 'selectCustomer';
  if (has(body, 'sarTyCd')) return 'insertStockIO';
  if (has(body, 'rsdQty')) return 'saveStockMaster';
  if (has(body, 'taskCd')) return 'updateImportItem';
  if (has(body, 'cpstItemCd')) return 'saveItemComposition';
  if (has(body, 'pchsSttsCd', 'pchsTyCd', 'pchsDt')) return 'insertTrnsPurchase';
  if (has(body, 'salesSttsCd', 'receipt')) return 'saveTrnsSalesOsdc';
  if (has(body, 'itemTyCd')) return 'saveItem';
  if (has(body, 'custNo')) return 'saveBhfCustomer';
  if (has(body, 'userId', 'pwd')) return 'saveBhfUser';
  if (has(body, 'isrccCd')) return 'saveBhfInsurance';
  const keys = Object.keys(body);
  if (keys.length === 1 && keys[0] === 'invcNo') return 'selectInvoiceDetails';
  if (has(body, 'lastReqDt')) return READS_BY_NAME.find(([pattern]) => pattern.test(file.split('/').pop() ?? ''))?.[1] ?? null;
  return null;
}

const STAGES: Record<EndpointName, number> = {
  selectInitOsdcInfo: 0,
  selectCodeList: 1,
  selectItemClsList: 1,
  selectBhfList: 1,
  selectNoticeList: 1,
  selectCustomer: 1,
  selectCustomerList: 2,
  saveBhfCustomer: 2,
  saveBhfUser: 2,
  saveBhfInsurance: 2,
  saveItem: 3,
  saveItemComposition: 4,
  selectItemList: 4,
  selectImportItemList: 5,
  updateImportItem: 6,
  saveTrnsSalesOsdc: 7,
  selectInvoiceDetails: 8,
  selectTrnsPurchaseSalesList: 10,
  insertTrnsPurchase: 11,
  insertStockIO: 12,
  saveStockMaster: 13,
  selectStockMoveList: 14,
};

/** Credit notes go after the sales and the invoice lookups, so their originals exist. */
const CREDIT_NOTE_STAGE = 9;

export function readRequests(folder: string): { requests: RecordedRequest[]; unreadable: UnreadableRequest[] } {
  const requests: RecordedRequest[] = [];
  const unreadable: UnreadableRequest[] = [];
  for (const path of findRequestFiles(folder)) {
    const file = relative(folder, path);
    let body: unknown;
    try {
      body = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      unreadable.push({ file, reason: `not JSON: ${(error as Error).message}` });
      continue;
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      unreadable.push({ file, reason: 'not a JSON object' });
      continue;
    }
    const endpoint = endpointOf(file, body as Body);
    if (!endpoint) {
      unreadable.push({ file, reason: 'cannot tell which endpoint this request is for' });
      continue;
    }
    const creditNote = endpoint === 'saveTrnsSalesOsdc' && (body as Body).rcptTyCd === 'R';
    requests.push({ file, body: body as Body, endpoint, stage: creditNote ? CREDIT_NOTE_STAGE : STAGES[endpoint] });
  }
  const natural = new Intl.Collator('en', { numeric: true });
  requests.sort((a, b) => a.stage - b.stage || natural.compare(a.file, b.file));
  return { requests, unreadable };
}
