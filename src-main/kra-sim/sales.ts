/**
 * saveTrnsSalesOsdc and selectInvoiceDetails (spec 2.14, 2.15, 6.3, 6.4): the invcNo sequence, the
 * configured answer to a duplicate, credit notes against an accepted original, the strict profile's
 * arithmetic, and on acceptance the device's counters and the deterministic signature.
 */
import { PACKAGING_UNITS, PAYMENT_TYPES, QUANTITY_UNITS, REFUND_REASONS, SALES_RECEIPT_TYPES, TAX_TYPES, TRANSACTION_STATUSES, TRANSACTION_TYPES } from '../../src-shared/etims/codes';
import { toKraDateTime } from '../../src-shared/etims/time';
import { firstMismatch } from './arithmetic';
import { invalidParameter, listed, ok, parameterError, Rejection, type Call, type Reply } from './context';
import { checkItemsRegistered } from './items';
import { signSale } from './signatures';
import { key, sequenceName, type Body, type SaleRecord } from './state';
import {
  AUDIT_FIELDS,
  checkCode,
  checkCodes,
  checkDate,
  integerField,
  linesOf,
  numberField,
  requireFields,
  requireLineFields,
  textOf,
} from './validation';

export const TAX_FIELDS = ['A', 'B', 'C', 'D', 'E'].flatMap((c) => [`taxblAmt${c}`, `taxRt${c}`, `taxAmt${c}`]).concat(['totTaxblAmt', 'totTaxAmt', 'totAmt']);

const SALE_FIELDS = ['invcNo', 'orgInvcNo', 'trdInvcNo', 'rcptTyCd', 'salesSttsCd', 'cfmDt', 'salesDt', 'totItemCnt', ...TAX_FIELDS, 'prchrAcptcYn', ...AUDIT_FIELDS, 'receipt', 'itemList'];

export const LINE_FIELDS = ['itemSeq', 'itemClsCd', 'itemNm', 'pkgUnitCd', 'pkg', 'qtyUnitCd', 'qty', 'prc', 'splyAmt', 'dcRt', 'dcAmt', 'taxTyCd', 'taxblAmt', 'taxAmt', 'totAmt'];

export const LINE_AMOUNTS = ['itemSeq', 'pkg', 'qty', 'prc', 'splyAmt', 'dcRt', 'dcAmt', 'taxblAmt', 'taxAmt', 'totAmt'];

/** Codes and numbers every sale or purchase line must have right, in both profiles. */
export function checkLines(lines: Body[], amounts: readonly string[]): void {
  lines.forEach((line, i) => {
    checkCodes(line, { pkgUnitCd: PACKAGING_UNITS, qtyUnitCd: QUANTITY_UNITS, taxTyCd: TAX_TYPES }, `itemList[${i}].`);
    for (const field of amounts) if (line[field] !== undefined && line[field] !== null) numberField(line, field, `itemList[${i}].${field}`);
  });
}

export function checkAmounts(body: Body): void {
  for (const field of [...TAX_FIELDS, 'totItemCnt']) numberField(body, field);
}

/** The answer to a number KRA already holds, per configuration (spec 6.4). */
export function duplicateAnswer(call: Call, expected: number, found: number, echo: () => Reply): Reply {
  switch (call.config.duplicateReply) {
    case '994':
      throw new Rejection('994');
    case 'echo':
      return echo();
    case 'sequence':
      throw sequenceError(expected, found);
  }
}

export function sequenceError(expected: number, found: number): Rejection {
  return new Rejection('921', `Invalid invcNo sequence, expected: ${expected} but found: ${found}`);
}

/** Moves a sequence's "last accepted" in both scopes, so the scope can be switched at any time. */
export function acceptNumber(call: Call, sequence: 'sales' | 'purchases' | 'sar', value: number): void {
  const { tin, bhfId } = call.caller;
  for (const name of [sequenceName(sequence, tin, bhfId, 'branch'), sequenceName(sequence, tin, bhfId, 'tin')]) {
    if (value > call.state.counter(name)) call.state.setCounter(name, value);
  }
}

export function lastAccepted(call: Call, sequence: 'sales' | 'purchases' | 'sar'): number {
  return call.state.counter(sequenceName(sequence, call.caller.tin, call.caller.bhfId, call.config.invoiceScope));
}

export function saveTrnsSalesOsdc(call: Call): Reply {
  const { body, config, state } = call;
  const strict = config.strict;
  requireFields(body, SALE_FIELDS, strict);
  const receipt = body.receipt;
  if (typeof receipt !== 'object' || receipt === null || Array.isArray(receipt)) throw invalidParameter('receipt', 'must be an object');
  const missingReceipt = ['rcptPbctDt', 'prchrAcptcYn'].filter((f) => textOf((receipt as Body)[f]) === null);
  if (missingReceipt.length > 0) throw parameterError(missingReceipt.map((f) => `receipt.${f}`));
  const lines = linesOf(body);
  requireLineFields(lines, strict ? ['itemCd', ...LINE_FIELDS] : LINE_FIELDS, strict);

  const invcNo = integerField(body, 'invcNo');
  const orgInvcNo = integerField(body, 'orgInvcNo');
  checkCodes(body, { salesTyCd: TRANSACTION_TYPES, rcptTyCd: SALES_RECEIPT_TYPES, pmtTyCd: PAYMENT_TYPES, salesSttsCd: TRANSACTION_STATUSES });
  for (const [field, digits] of [['cfmDt', 14], ['salesDt', 8], ['stockRlsDt', 14], ['cnclReqDt', 14], ['cnclDt', 14], ['rfdDt', 14]] as const) checkDate(body, field, digits);
  checkDate(receipt as Body, 'rcptPbctDt', 14, 'receipt.rcptPbctDt');
  checkAmounts(body);
  checkLines(lines, LINE_AMOUNTS);

  const last = lastAccepted(call, 'sales');
  const held = state.sale(call.caller.tin, call.caller.bhfId, invcNo, config.invoiceScope);
  if (held) return duplicateAnswer(call, last + 1, invcNo, () => ok(signatureOf(held)));
  if (invcNo !== last + 1) throw sequenceError(last + 1, invcNo);

  const kind = body.rcptTyCd as 'S' | 'R';
  if (kind === 'R') checkCreditNote(call, orgInvcNo);
  if (strict) {
    const mismatch = firstMismatch(body, lines, config.taxRates);
    if (mismatch) throw new Rejection('910', mismatch);
    checkItemsRegistered(call, lines);
    checkGoodsInStock(call, lines);
  }
  return ok(signatureOf(accept(call, invcNo, orgInvcNo, kind)));
}

function checkCreditNote(call: Call, orgInvcNo: number): void {
  const { body, config, state } = call;
  const original = state.sale(call.caller.tin, call.caller.bhfId, orgInvcNo, config.invoiceScope);
  if (!original || original.rcptTyCd !== 'S') throw new Rejection('910', `orgInvcNo does not exist: no accepted sale with invcNo ${orgInvcNo}`);
  if (textOf(body.rfdRsnCd) === null) throw new Rejection('910', 'Invalid RfdRsnCd');
  checkCode(body, 'rfdRsnCd', REFUND_REASONS);
  if (config.strict && textOf(body.rfdDt) === null) throw new Rejection('910', 'Missing RfdDt Date');
}

/** Goods (item types 1 and 2) need stock KRA knows of at this branch; services do not. */
function checkGoodsInStock(call: Call, lines: Body[]): void {
  for (const line of lines) {
    const item = call.state.item(call.caller.tin, String(line.itemCd));
    if (item?.body.itemTyCd === '3') continue;
    const stock = call.state.stockOf(call.caller.tin, call.caller.bhfId, String(line.itemCd));
    if (!stock || stock.quantity <= 0) throw new Rejection('910', 'Items provided under the itemList section do not exist in your stock');
  }
}

function accept(call: Call, invcNo: number, orgInvcNo: number, kind: 'S' | 'R'): SaleRecord {
  const { body, state, caller } = call;
  const device = caller.device!;
  device.receiptCounters[kind] = (device.receiptCounters[kind] ?? 0) + 1;
  device.totRcptNo += 1;
  state.devices.put(key(device.tin, device.bhfId, device.serial), device);
  acceptNumber(call, 'sales', invcNo);
  const at = call.now.getTime();
  return state.sales.put(key(caller.tin, caller.bhfId, invcNo), {
    tin: caller.tin,
    bhfId: caller.bhfId,
    invcNo,
    orgInvcNo,
    rcptTyCd: kind,
    trdInvcNo: String(body.trdInvcNo),
    totAmt: numberField(body, 'totAmt'),
    custTin: textOf(body.custTin),
    deviceSerial: device.serial,
    curRcptNo: device.receiptCounters[kind],
    totRcptNo: device.totRcptNo,
    ...signSale(call.seed, caller.tin, caller.bhfId, invcNo),
    sdcDateTime: toKraDateTime(call.now),
    sequence: state.next('acceptedSales'),
    receivedAt: at,
    modifiedAt: at,
    body,
  });
}

function signatureOf(sale: SaleRecord): Body {
  return { curRcptNo: sale.curRcptNo, totRcptNo: sale.totRcptNo, intrlData: sale.intrlData, rcptSign: sale.rcptSign, sdcDateTime: sale.sdcDateTime };
}

/** "YYYY-MM-DD HH:MM:SS.0", as selectInvoiceDetails writes sdcDateTime. */
export function dottedDateTime(digits: string): string {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(digits) ?? [];
  return `${y}-${mo}-${d} ${h}:${mi}:${s}.0`;
}

export function selectInvoiceDetails(call: Call): Reply {
  requireFields(call.body, ['invcNo'], call.config.strict);
  const invcNo = integerField(call.body, 'invcNo');
  const sale = call.state.sale(call.caller.tin, call.caller.bhfId, invcNo, call.config.invoiceScope);
  if (!sale) return listed('salesList', []);
  const receipt = { ...(sale.body.receipt as Body), ...signatureOf(sale), sdcDateTime: dottedDateTime(sale.sdcDateTime) };
  return listed('salesList', [{ ...sale.body, invcNo: sale.invcNo, orgInvcNo: sale.orgInvcNo, receipt }]);
}
