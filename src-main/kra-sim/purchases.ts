/**
 * Purchases (spec 2.16): the sales suppliers declared with this PIN as buyer (seeded ones, and any
 * sale accepted here that names the PIN), and purchase confirmations with their own invcNo sequence.
 */
import { PAYMENT_TYPES, PURCHASE_RECEIPT_TYPES, REGISTRATION_TYPES, TRANSACTION_STATUSES, TRANSACTION_TYPES } from '../../src-shared/etims/codes';
import { firstMismatch } from './arithmetic';
import { changedSince, listed, ok, Rejection, type Call, type Reply } from './context';
import { checkItemsRegistered } from './items';
import { acceptNumber, checkAmounts, checkLines, duplicateAnswer, lastAccepted, LINE_AMOUNTS, LINE_FIELDS, sequenceError, TAX_FIELDS } from './sales';
import { supplierSaleKey } from './seed';
import { key, type Body, type SaleRecord } from './state';
import { AUDIT_FIELDS, checkCodes, checkDate, integerField, linesOf, requireFields, requireLineFields, textOf } from './validation';

const PURCHASE_FIELDS = ['invcNo', 'orgInvcNo', 'regTyCd', 'pchsTyCd', 'rcptTyCd', 'pmtTyCd', 'pchsSttsCd', 'pchsDt', 'totItemCnt', ...TAX_FIELDS, ...AUDIT_FIELDS, 'itemList'];

/** The gateway wants tin and bhfId in the body of some reads too (spec 1.1, 13.6). */
export function requireIdentityInBody(call: Call): void {
  if (call.via !== 'gateway') return;
  if (textOf(call.body.tin) === null) throw new Rejection('910', 'tin cannot be Null');
  if (textOf(call.body.bhfId) === null) throw new Rejection('910', 'bhfId cannot be Null');
}

export function selectTrnsPurchaseSalesList(call: Call): Reply {
  requireIdentityInBody(call);
  const since = changedSince(call);
  const { tin } = call.caller;
  const seeded = call.state.supplierSales
    .values()
    .filter((s) => s.buyerTin === tin && since(s.modifiedAt))
    .map((s) => s.body);
  const declaredHere = call.state.sales
    .values()
    .filter((s) => s.custTin === tin && s.tin !== tin && since(s.modifiedAt))
    .sort((a, b) => a.sequence - b.sequence)
    .map((s) => asSupplierSale(call, s));
  return listed('saleList', [...seeded, ...declaredHere]);
}

function asSupplierSale(call: Call, sale: SaleRecord): Body {
  const device = call.state.devices.get(key(sale.tin, sale.bhfId, sale.deviceSerial));
  const { body } = sale;
  const totals = Object.fromEntries(TAX_FIELDS.map((f) => [f, body[f]]));
  return {
    spplrTin: sale.tin,
    spplrNm: call.state.taxpayer(sale.tin)?.name ?? null,
    spplrBhfId: sale.bhfId,
    spplrInvcNo: sale.invcNo,
    spplrSdcId: device?.sdcId ?? null,
    spplrMrcNo: device?.mrcNo ?? null,
    rcptTyCd: sale.rcptTyCd,
    pmtTyCd: textOf(body.pmtTyCd),
    cfmDt: dashed(body.cfmDt),
    salesDt: body.salesDt,
    stockRlsDt: dashed(body.stockRlsDt),
    totItemCnt: body.totItemCnt,
    ...totals,
    remark: body.remark ?? null,
    itemList: body.itemList,
  };
}

/** "YYYY-MM-DD HH:MM:SS": how selectTrnsPurchaseSalesList writes its date-times (spec 1.3). */
function dashed(value: unknown): string | null {
  const m = typeof value === 'string' ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value) : null;
  return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}` : null;
}

export function insertTrnsPurchase(call: Call): Reply {
  const { body, config, state } = call;
  const strict = config.strict;
  requireFields(body, PURCHASE_FIELDS, strict);
  const lines = linesOf(body);
  requireLineFields(lines, ['itemCd', ...LINE_FIELDS], strict);
  const invcNo = integerField(body, 'invcNo');
  const orgInvcNo = integerField(body, 'orgInvcNo');
  checkCodes(body, { regTyCd: REGISTRATION_TYPES, pchsTyCd: TRANSACTION_TYPES, rcptTyCd: PURCHASE_RECEIPT_TYPES, pmtTyCd: PAYMENT_TYPES, pchsSttsCd: TRANSACTION_STATUSES });
  for (const [field, digits] of [['pchsDt', 8], ['cfmDt', 14], ['wrhsDt', 14], ['cnclReqDt', 14], ['cnclDt', 14], ['rfdDt', 14]] as const) checkDate(body, field, digits);
  checkAmounts(body);
  checkLines(lines, LINE_AMOUNTS);

  const last = lastAccepted(call, 'purchases');
  const id = (n: number) => key(call.caller.tin, call.caller.bhfId, n);
  if (invcNo <= last && state.purchases.get(id(invcNo))) return duplicateAnswer(call, last + 1, invcNo, () => ok());
  if (invcNo !== last + 1) throw sequenceError(last + 1, invcNo);
  if (body.regTyCd === 'A') checkSupplierSale(call);
  if (body.rcptTyCd === 'R' && !state.purchases.get(id(orgInvcNo))) throw new Rejection('910', `orgInvcNo does not exist: no purchase with invcNo ${orgInvcNo}`);
  if (strict) {
    const mismatch = firstMismatch(body, lines, config.taxRates, 'splyAmnt');
    if (mismatch) throw new Rejection('910', mismatch);
    checkItemsRegistered(call, lines);
  }
  acceptNumber(call, 'purchases', invcNo);
  state.purchases.put(id(invcNo), { tin: call.caller.tin, bhfId: call.caller.bhfId, body, modifiedAt: call.now.getTime() });
  return ok();
}

/** An automatic purchase confirms a sale a supplier declared to this PIN. */
function checkSupplierSale(call: Call): void {
  const { body, state } = call;
  const supplier = textOf(body.spplrTin);
  const invoice = textOf(body.spplrInvcNo);
  if (!supplier || !invoice) throw new Rejection('910', 'Missing purchase Record');
  const branch = textOf(body.spplrBhfId);
  const seeded = state.supplierSales
    .values()
    .some((s) => supplierSaleKey(s.buyerTin, s.body) === supplierSaleKey(call.caller.tin, { spplrTin: supplier, spplrBhfId: branch ?? s.body.spplrBhfId, spplrInvcNo: invoice }));
  const declared = state.sales
    .values()
    .some((s) => s.tin === supplier && s.custTin === call.caller.tin && String(s.invcNo) === invoice && (branch === null || s.bhfId === branch));
  if (!seeded && !declared) throw new Rejection('910', `Supplier invoice number ${invoice} does not exist for supplier ${supplier}`);
}
