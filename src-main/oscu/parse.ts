/**
 * Reads the `data` of KRA's answers into the types of src-shared/etims/wire.ts. KRA is not
 * consistent (spec 1.3, 8.1): counters come as strings or numbers, dates in three forms, unset
 * values as null, "" or (in recorded payloads) false. Anything coercible is accepted; a present
 * value of the wrong kind, or a missing value Mauzo must act on, is an error naming its path.
 */
import { z } from 'zod';
import type { EndpointName } from '../../src-shared/etims/endpoints';
import { fromKraDateTime, toKraDateTime } from '../../src-shared/etims/time';
import type {
  BranchCustomerRecord, BranchRecord, CodeClass, CodeDetail, DataOf, DeviceInfo, ImportItem, ItemClass, ItemRecord, Notice, SaleLineRecord,
  SaleSignature, StockLineRecord, StockMove, StoredReceipt, StoredSale, SupplierSale, TaxBuckets, TaxpayerRecord,
} from '../../src-shared/etims/wire';

const isUnset = (value: unknown): boolean => value === null || value === undefined || value === '' || value === false;

/** Required text; numbers are accepted (KRA sends some codes as numbers). */
const text = z.union([z.string().min(1), z.number().transform(String)]);
const optText = z.preprocess((v) => (isUnset(v) ? null : v), text.nullable());

const toNumber = (v: unknown): unknown => (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
const optNum = z.preprocess((v) => (isUnset(v) ? null : toNumber(v)), z.number().finite().nullable());
const int = z.preprocess(toNumber, z.number().int());
const optInt = z.preprocess((v) => (isUnset(v) ? null : toNumber(v)), z.number().int().nullable());

const optYn = z.preprocess((v) => (isUnset(v) ? null : typeof v === 'string' ? v.trim().toUpperCase() : v), z.enum(['Y', 'N']).nullable());

/** "20240415153039", "2024-04-15 15:30:39.0" or "2024-04-15T15:30:39" -> "20240415153039". */
export function normaliseDateTime(value: string): string | null {
  const at = fromKraDateTime(value.trim());
  return at ? toKraDateTime(at) : null;
}

/** "20240415", "2024-04-15" or DDMMYYYY "15042024" -> "20240415". */
export function normaliseDate(value: string): string | null {
  const digits = value.trim().replace(/\D/g, '');
  if (digits.length === 14) return normaliseDateTime(value)?.slice(0, 8) ?? null;
  if (digits.length !== 8) return null;
  const asWritten = `${digits}000000`;
  if (fromKraDateTime(asWritten)) return digits;
  const dayFirst = `${digits.slice(4, 8)}${digits.slice(2, 4)}${digits.slice(0, 2)}`;
  return fromKraDateTime(`${dayFirst}000000`) ? dayFirst : null;
}

const dated = (normalise: (value: string) => string | null, what: string) =>
  z.preprocess(
    (v) => (typeof v === 'number' ? String(v) : v),
    z.string().transform((value, ctx) => {
      const normalised = normalise(value);
      if (normalised !== null) return normalised;
      ctx.addIssue({ code: 'custom', message: `not a ${what}: "${value}"` });
      return z.NEVER;
    }),
  );
const dateTime = dated(normaliseDateTime, 'KRA date-time');
const date = dated(normaliseDate, 'KRA date');
/** "-1" appears for an unknown declaration date in a spec sample. */
const optDateTime = z.preprocess((v) => (isUnset(v) || v === '-1' ? null : v), dateTime.nullable());
const optDate = z.preprocess((v) => (isUnset(v) || v === '-1' ? null : v), date.nullable());

const list = <T extends z.ZodType>(row: T) => z.preprocess((v) => (isUnset(v) ? [] : v), z.array(row));

const taxBuckets = {
  taxblAmtA: optNum, taxblAmtB: optNum, taxblAmtC: optNum, taxblAmtD: optNum, taxblAmtE: optNum,
  taxRtA: optNum, taxRtB: optNum, taxRtC: optNum, taxRtD: optNum, taxRtE: optNum,
  taxAmtA: optNum, taxAmtB: optNum, taxAmtC: optNum, taxAmtD: optNum, taxAmtE: optNum,
  totTaxblAmt: optNum, totTaxAmt: optNum, totAmt: optNum,
} satisfies Record<keyof TaxBuckets, z.ZodType>;

const deviceInfo = z.object({
  tin: text, taxprNm: optText, bsnsActv: optText, bhfId: text, bhfNm: optText, bhfOpenDt: optDate,
  prvncNm: optText, dstrtNm: optText, sctrNm: optText, locDesc: optText, hqYn: optYn,
  mgrNm: optText, mgrTelNo: optText, mgrEmail: optText,
  dvcId: text, sdcId: text, mrcNo: text, cmcKey: text,
}) satisfies z.ZodType<DeviceInfo>;

const codeDetail = z.object({
  cd: text, cdNm: optText, cdDesc: optText, useYn: optYn, srtOrd: optNum,
  userDfnCd1: optText, userDfnCd2: optText, userDfnCd3: optText,
}) satisfies z.ZodType<CodeDetail>;

const codeClass = z.object({
  cdCls: text, cdClsNm: optText, cdClsDesc: optText, useYn: optYn,
  userDfnNm1: optText, userDfnNm2: optText, userDfnNm3: optText, dtlList: list(codeDetail),
}) satisfies z.ZodType<CodeClass>;

const taxpayer = z.object({
  tin: text, taxprNm: optText, taxprSttsCd: optText, prvncNm: optText, dstrtNm: optText, sctrNm: optText, locDesc: optText,
}) satisfies z.ZodType<TaxpayerRecord>;

const branchCustomer = z.object({
  custNo: text, custTin: optText, custNm: optText, adrs: optText, telNo: optText, email: optText, faxNo: optText,
  useYn: optYn, remark: optText, regrId: optText, regrNm: optText, modrId: optText, modrNm: optText,
}) satisfies z.ZodType<BranchCustomerRecord>;

const notice = z.object({
  noticeNo: int, title: optText, cont: optText, dtlUrl: optText, regrNm: optText, regDt: optDateTime,
}) satisfies z.ZodType<Notice>;

const itemClass = z.object({
  itemClsCd: text, itemClsNm: optText, itemClsLvl: optInt, taxTyCd: optText, mjrTgYn: optYn, useYn: optYn,
}) satisfies z.ZodType<ItemClass>;

const itemRecord = z.object({
  tin: optText, itemCd: text, itemClsCd: optText, itemTyCd: optText, itemNm: optText, itemStdNm: optText,
  orgnNatCd: optText, pkgUnitCd: optText, qtyUnitCd: optText, taxTyCd: optText, btchNo: optText, regBhfId: optText,
  bcd: optText, dftPrc: optNum, grpPrcL1: optNum, grpPrcL2: optNum, grpPrcL3: optNum, grpPrcL4: optNum, grpPrcL5: optNum,
  addInfo: optText, sftyQty: optNum, isrcAplcbYn: optYn, rraModYn: optYn, useYn: optYn,
}) satisfies z.ZodType<ItemRecord>;

const branch = z.object({
  tin: text, bhfId: text, bhfNm: optText, bhfSttsCd: optText, prvncNm: optText, dstrtNm: optText, sctrNm: optText,
  locDesc: optText, mgrNm: optText, mgrTelNo: optText, mgrEmail: optText, hqYn: optYn,
}) satisfies z.ZodType<BranchRecord>;

const importItem = z.object({
  taskCd: text, dclDe: optText, itemSeq: int, dclNo: optText, hsCd: optText, itemNm: optText,
  imptItemsttsCd: optText, orgnNatCd: optText, exptNatCd: optText, pkg: optNum, pkgUnitCd: optText,
  qty: optNum, qtyUnitCd: optText, totWt: optNum, netWt: optNum, spplrNm: optText, agntNm: optText,
  invcFcurAmt: optNum, invcFcurCd: optText, invcFcurExcrt: optNum,
}) satisfies z.ZodType<ImportItem>;

const signatureFields = {
  curRcptNo: int, totRcptNo: int, intrlData: text, rcptSign: text, sdcDateTime: dateTime,
};
const signature = z.object(signatureFields) satisfies z.ZodType<SaleSignature>;

const saleLine = z.object({
  itemSeq: int, itemCd: optText, itemClsCd: optText, itemNm: optText, bcd: optText, pkgUnitCd: optText,
  pkg: optNum, qtyUnitCd: optText, qty: optNum, prc: optNum, splyAmt: optNum, dcRt: optNum, dcAmt: optNum,
  isrccCd: optText, isrccNm: optText, isrcRt: optNum, isrcAmt: optNum,
  taxTyCd: optText, taxblAmt: optNum, taxAmt: optNum, totAmt: optNum,
}) satisfies z.ZodType<SaleLineRecord>;

const storedReceipt = z.object({
  ...signatureFields,
  custTin: optText, custMblNo: optText, rptNo: optInt, rcptPbctDt: optDateTime, trdeNm: optText, adrs: optText,
  topMsg: optText, btmMsg: optText, prchrAcptcYn: optYn,
}) satisfies z.ZodType<StoredReceipt>;

const storedSale = z.object({
  invcNo: int, orgInvcNo: optInt, trdInvcNo: optText, custTin: optText, custNm: optText, salesTyCd: optText,
  rcptTyCd: optText, pmtTyCd: optText, salesSttsCd: optText, cfmDt: optDateTime, salesDt: optDate,
  stockRlsDt: optDateTime, cnclReqDt: optDateTime, cnclDt: optDateTime, rfdDt: optDateTime, rfdRsnCd: optText,
  totItemCnt: optInt, ...taxBuckets, prchrAcptcYn: optYn, remark: optText,
  regrId: optText, regrNm: optText, modrId: optText, modrNm: optText,
  receipt: storedReceipt, itemList: list(saleLine),
}) satisfies z.ZodType<StoredSale>;

const supplierSale = z.object({
  spplrTin: text, spplrNm: optText, spplrBhfId: optText, spplrInvcNo: int, spplrSdcId: optText, spplrMrcNo: optText,
  rcptTyCd: optText, pmtTyCd: optText, cfmDt: optDateTime, salesDt: optDate, stockRlsDt: optDateTime,
  totItemCnt: optInt, ...taxBuckets, remark: optText, itemList: list(saleLine),
}) satisfies z.ZodType<SupplierSale>;

const stockLine = z.object({
  itemSeq: int, itemCd: optText, itemClsCd: optText, itemNm: optText, bcd: optText, pkgUnitCd: optText,
  pkg: optNum, qtyUnitCd: optText, qty: optNum, itemExprDt: optDate, prc: optNum, splyAmt: optNum,
  totDcAmt: optNum, taxblAmt: optNum, taxTyCd: optText, taxAmt: optNum, totAmt: optNum,
}) satisfies z.ZodType<StockLineRecord>;

const stockMove = z.object({
  custTin: optText, custBhfId: optText, sarNo: int, ocrnDt: optDate, totItemCnt: optInt,
  totTaxblAmt: optNum, totTaxAmt: optNum, totAmt: optNum, remark: optText, itemList: list(stockLine),
}) satisfies z.ZodType<StockMove>;

/** Saves answer `data: null`; whatever else comes is of no use to us. */
const nothing = z.unknown().transform(() => null);

const SCHEMAS: { [E in EndpointName]: z.ZodType<DataOf<E>> } = {
  selectInitOsdcInfo: z.object({ info: deviceInfo }),
  selectCodeList: z.object({ clsList: list(codeClass) }),
  selectCustomer: z.object({ custList: list(taxpayer) }),
  selectCustomerList: z.object({ custList: list(branchCustomer) }),
  selectNoticeList: z.object({ noticeList: list(notice) }),
  selectItemClsList: z.object({ itemClsList: list(itemClass) }),
  saveItem: nothing,
  selectItemList: z.object({ itemList: list(itemRecord) }),
  saveItemComposition: nothing,
  selectBhfList: z.object({ bhfList: list(branch) }),
  saveBhfCustomer: nothing,
  saveBhfUser: nothing,
  saveBhfInsurance: nothing,
  selectImportItemList: z.object({ itemList: list(importItem) }),
  updateImportItem: nothing,
  saveTrnsSalesOsdc: signature,
  selectInvoiceDetails: z.object({ salesList: list(storedSale) }),
  selectTrnsPurchaseSalesList: z.object({ saleList: list(supplierSale) }),
  insertTrnsPurchase: nothing,
  selectStockMoveList: z.object({ stockList: list(stockMove) }),
  insertStockIO: nothing,
  saveStockMaster: nothing,
};

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Reads one endpoint's `data`; the reason names the first offending path ("data.salesList.0.receipt.rcptSign"). */
export function parseData<E extends EndpointName>(endpoint: E, data: unknown): Parsed<DataOf<E>> {
  const result = SCHEMAS[endpoint].safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0]!;
  return { ok: false, reason: `${['data', ...issue.path.map(String)].join('.')}: ${issue.message}` };
}
