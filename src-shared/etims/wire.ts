/**
 * KRA's OSCU requests and responses (spec section 2), field for field as KRA spells them. Lengths
 * in comments are the spec's maxima. Response types describe data after the client has read it:
 * numbers as numbers, dates in KRA's canonical forms below, absent optional values as null.
 */
import type { EndpointName } from './endpoints';

/** YYYYMMDDhhmmss, Africa/Nairobi (answers in "YYYY-MM-DD hh:mm:ss[.f]" are normalised to this). */
export type KraDateTime = string;
/** YYYYMMDD, Africa/Nairobi (answers in DDMMYYYY are normalised to this). */
export type KraDate = string;
export type YesNo = 'Y' | 'N';

/** regrId (20), regrNm (60), modrId (20), modrNm (60): required on every save. */
export interface Audit {
  regrId: string;
  regrNm: string;
  modrId: string;
  modrNm: string;
}

/** Per tax class A-E (cdCls 04); amounts 18,2, rates 7,2. */
export interface TaxBuckets<N = number> {
  taxblAmtA: N; taxblAmtB: N; taxblAmtC: N; taxblAmtD: N; taxblAmtE: N;
  taxRtA: N; taxRtB: N; taxRtC: N; taxRtD: N; taxRtE: N;
  taxAmtA: N; taxAmtB: N; taxAmtC: N; taxAmtD: N; taxAmtE: N;
  totTaxblAmt: N;
  totTaxAmt: N;
  totAmt: N;
}

/** Every select*List call: records created or changed after lastReqDt (spec 2.0). */
export interface SinceRequest {
  lastReqDt: KraDateTime;
}

// ---------------------------------------------------------------- 2.1 device initialisation

export interface InitRequest {
  tin: string; // 11
  bhfId: string; // 2
  dvcSrlNo: string; // <= 100
}

export interface DeviceInfo {
  tin: string;
  taxprNm: string | null;
  bsnsActv: string | null;
  bhfId: string;
  bhfNm: string | null;
  bhfOpenDt: KraDate | null;
  prvncNm: string | null;
  dstrtNm: string | null;
  sctrNm: string | null;
  locDesc: string | null;
  hqYn: YesNo | null;
  mgrNm: string | null;
  mgrTelNo: string | null;
  mgrEmail: string | null;
  dvcId: string;
  /** Printed as "SCU ID". */
  sdcId: string;
  mrcNo: string;
  /** The device's secret for every later call (255). */
  cmcKey: string;
}

export interface InitData {
  info: DeviceInfo;
}

// ---------------------------------------------------------------- 2.2 - 2.6 basic data

export interface CodeDetail {
  cd: string; // 5
  cdNm: string | null;
  cdDesc: string | null;
  useYn: YesNo | null;
  srtOrd: number | null;
  /** For cdCls 04 the tax rate, as a string ("16"). */
  userDfnCd1: string | null;
  userDfnCd2: string | null;
  userDfnCd3: string | null;
}

export interface CodeClass {
  cdCls: string; // 2
  cdClsNm: string | null;
  cdClsDesc: string | null;
  useYn: YesNo | null;
  userDfnNm1: string | null;
  userDfnNm2: string | null;
  userDfnNm3: string | null;
  dtlList: CodeDetail[];
}

export interface CodeListData {
  clsList: CodeClass[];
}

export interface ItemClass {
  itemClsCd: string; // 10, UNSPSC-based
  itemClsNm: string | null;
  itemClsLvl: number | null;
  taxTyCd: string | null;
  mjrTgYn: YesNo | null;
  useYn: YesNo | null;
}

export interface ItemClassData {
  itemClsList: ItemClass[];
}

export interface BranchRecord {
  tin: string;
  bhfId: string;
  bhfNm: string | null;
  /** cdCls 09: 01 open, 02 closed. */
  bhfSttsCd: string | null;
  prvncNm: string | null;
  dstrtNm: string | null;
  sctrNm: string | null;
  locDesc: string | null;
  mgrNm: string | null;
  mgrTelNo: string | null;
  mgrEmail: string | null;
  hqYn: YesNo | null;
}

export interface BranchListData {
  bhfList: BranchRecord[];
}

export interface Notice {
  noticeNo: number;
  title: string | null;
  cont: string | null;
  dtlUrl: string | null;
  regrNm: string | null;
  regDt: KraDateTime | null;
}

export interface NoticeListData {
  noticeList: Notice[];
}

/** Note KRA's spelling: custmTin. */
export interface CustomerSearchRequest {
  custmTin: string; // 11
}

export interface TaxpayerRecord {
  tin: string;
  taxprNm: string | null;
  taxprSttsCd: string | null;
  prvncNm: string | null;
  dstrtNm: string | null;
  sctrNm: string | null;
  locDesc: string | null;
}

export interface CustomerData {
  custList: TaxpayerRecord[];
}

/** A customer the branch saved (saveBhfCustomer), as the gateway's /selectCustomerList lists it (spec 13.1). */
export interface BranchCustomerRecord {
  custNo: string;
  custTin: string | null;
  custNm: string | null;
  adrs: string | null;
  telNo: string | null;
  email: string | null;
  faxNo: string | null;
  useYn: YesNo | null;
  remark: string | null;
  regrId: string | null;
  regrNm: string | null;
  modrId: string | null;
  modrNm: string | null;
}

export interface BranchCustomerListData {
  custList: BranchCustomerRecord[];
}

// ---------------------------------------------------------------- 2.7 - 2.9 branch records

export interface BranchCustomerRequest extends Audit {
  custNo: string; // 9
  custTin: string; // 11
  custNm: string; // 60
  adrs?: string | null; // 300
  telNo?: string | null; // 20
  email?: string | null; // 50
  faxNo?: string | null; // 20
  useYn: YesNo;
  remark?: string | null; // 1000
}

export interface BranchUserRequest extends Audit {
  userId: string; // 20
  userNm: string; // 60
  pwd: string; // 255
  adrs?: string | null; // 200
  cntc?: string | null; // 20
  authCd?: string | null; // 100
  remark?: string | null; // 2000
  useYn: YesNo;
}

export interface BranchInsuranceRequest extends Audit {
  isrccCd: string; // 10
  isrccNm: string; // 100
  /** Premium rate %, NUMBER(3). */
  isrcRt: number;
  useYn: YesNo;
}

// ---------------------------------------------------------------- 2.10 - 2.13 items

export interface ItemRequest extends Audit {
  itemCd: string; // 20
  itemClsCd: string; // 10
  /** cdCls 24: 1 raw material, 2 finished product, 3 service. */
  itemTyCd: string;
  itemNm: string; // 200
  itemStdNm?: string | null; // 200
  orgnNatCd: string; // 5
  pkgUnitCd: string; // 5
  qtyUnitCd: string; // 5
  taxTyCd: string; // 5
  btchNo?: string | null; // 10
  bcd?: string | null; // 20
  dftPrc: number; // 18,2
  grpPrcL1?: number | null;
  grpPrcL2?: number | null;
  grpPrcL3?: number | null;
  grpPrcL4?: number | null;
  grpPrcL5?: number | null;
  addInfo?: string | null; // 7
  sftyQty?: number | null; // 13,2
  isrcAplcbYn: YesNo;
  useYn: YesNo;
}

export interface ItemRecord {
  tin: string | null;
  itemCd: string;
  itemClsCd: string | null;
  itemTyCd: string | null;
  itemNm: string | null;
  itemStdNm: string | null;
  orgnNatCd: string | null;
  pkgUnitCd: string | null;
  qtyUnitCd: string | null;
  taxTyCd: string | null;
  btchNo: string | null;
  /** The branch that registered the item. */
  regBhfId: string | null;
  bcd: string | null;
  dftPrc: number | null;
  grpPrcL1: number | null;
  grpPrcL2: number | null;
  grpPrcL3: number | null;
  grpPrcL4: number | null;
  grpPrcL5: number | null;
  addInfo: string | null;
  sftyQty: number | null;
  isrcAplcbYn: YesNo | null;
  /** "Modified by the revenue authority" (a Rwanda leftover). */
  rraModYn: YesNo | null;
  useYn: YesNo | null;
}

export interface ItemListData {
  itemList: ItemRecord[];
}

/** One call per component (spec 2.12; field list as navari sends it). */
export interface ItemCompositionRequest {
  itemCd: string;
  cpstItemCd: string;
  cpstQty: number; // 13,2
  regrId: string;
  regrNm: string;
  modrId?: string;
  modrNm?: string;
}

export interface ImportItem {
  taskCd: string; // 50
  /** As KRA wrote it (observed DDMMYYYY): part of the line's key, so sent back to updateImportItem unchanged. */
  dclDe: string | null;
  itemSeq: number;
  dclNo: string | null; // 50
  hsCd: string | null; // 17
  itemNm: string | null; // 500
  /** cdCls 26. KRA spells it with a small s in answers and a capital S in updateImportItem. */
  imptItemsttsCd: string | null;
  orgnNatCd: string | null;
  exptNatCd: string | null;
  pkg: number | null;
  pkgUnitCd: string | null;
  qty: number | null;
  qtyUnitCd: string | null;
  totWt: number | null;
  netWt: number | null;
  spplrNm: string | null;
  agntNm: string | null;
  invcFcurAmt: number | null;
  invcFcurCd: string | null;
  invcFcurExcrt: number | null;
}

export interface ImportItemListData {
  itemList: ImportItem[];
}

export interface ImportItemUpdateRequest {
  taskCd: string;
  /** As KRA gave it in selectImportItemList (DDMMYYYY seen). */
  dclDe: string;
  itemSeq: number;
  hsCd: string;
  itemClsCd: string;
  itemCd: string;
  /** 3 approved, 4 cancelled. */
  imptItemSttsCd: string;
  /** 400; send a non-empty remark with status 3 (the gateway answers 999 otherwise). */
  remark: string | null;
  modrId: string;
  modrNm: string;
}

// ---------------------------------------------------------------- 2.14 - 2.15 sales

export interface SaleLineRequest {
  itemSeq: number;
  itemCd: string; // 20
  itemClsCd: string; // 10
  itemNm: string; // 200, non-empty
  bcd?: string | null; // 20
  pkgUnitCd: string; // 5
  pkg: number; // 13,2
  qtyUnitCd: string; // 5
  qty: number; // 13,2, positive on credit notes too
  prc: number; // 18,2
  splyAmt: number; // 18,2
  dcRt: number; // 5,2
  dcAmt: number; // 18,2
  isrccCd?: string | null;
  isrccNm?: string | null;
  isrcRt?: number | null;
  isrcAmt?: number | null;
  taxTyCd: string; // A-E
  taxblAmt: number;
  taxAmt: number;
  totAmt: number;
}

export interface SaleReceiptRequest {
  custTin?: string | null; // 11
  custMblNo?: string | null;
  rptNo?: number | null;
  rcptPbctDt: KraDateTime;
  trdeNm?: string | null;
  adrs?: string | null; // 200
  topMsg?: string | null;
  btmMsg?: string | null;
  prchrAcptcYn: YesNo;
}

export interface SaleRequest extends TaxBuckets, Audit {
  /** TIS-assigned, gapless per device (spec 6.3). */
  invcNo: number;
  /** 0 for a sale; the original invcNo for a credit note. */
  orgInvcNo: number;
  trdInvcNo: string; // 50
  custTin?: string | null; // 11
  custNm?: string | null; // 60
  /** cdCls 14; Mauzo sends N. */
  salesTyCd?: string | null;
  /** cdCls 37: S sale, R credit note. */
  rcptTyCd: string;
  pmtTyCd?: string | null; // cdCls 07
  salesSttsCd: string; // cdCls 11, 02
  cfmDt: KraDateTime;
  salesDt: KraDate;
  stockRlsDt?: KraDateTime | null;
  cnclReqDt?: KraDateTime | null;
  cnclDt?: KraDateTime | null;
  rfdDt?: KraDateTime | null;
  rfdRsnCd?: string | null; // cdCls 32
  totItemCnt: number;
  prchrAcptcYn: YesNo;
  remark?: string | null; // 400
  receipt: SaleReceiptRequest;
  itemList: SaleLineRequest[];
}

/** KRA's signature on an accepted sale. */
export interface SaleSignature {
  /** Counter for this receipt type on this SCU. */
  curRcptNo: number;
  /** Counter across all receipt types. */
  totRcptNo: number;
  /** 26 characters, opaque. */
  intrlData: string;
  /** 16 characters, opaque. */
  rcptSign: string;
  sdcDateTime: KraDateTime;
}

export interface InvoiceLookupRequest {
  invcNo: number;
}

/** A sale line as KRA stores it (selectInvoiceDetails, supplier sales). */
export interface SaleLineRecord {
  itemSeq: number;
  itemCd: string | null;
  itemClsCd: string | null;
  itemNm: string | null;
  bcd: string | null;
  pkgUnitCd: string | null;
  pkg: number | null;
  qtyUnitCd: string | null;
  qty: number | null;
  prc: number | null;
  splyAmt: number | null;
  dcRt: number | null;
  dcAmt: number | null;
  isrccCd: string | null;
  isrccNm: string | null;
  isrcRt: number | null;
  isrcAmt: number | null;
  taxTyCd: string | null;
  taxblAmt: number | null;
  taxAmt: number | null;
  totAmt: number | null;
}

export interface StoredReceipt extends SaleSignature {
  custTin: string | null;
  custMblNo: string | null;
  rptNo: number | null;
  rcptPbctDt: KraDateTime | null;
  trdeNm: string | null;
  adrs: string | null;
  topMsg: string | null;
  btmMsg: string | null;
  prchrAcptcYn: YesNo | null;
}

export interface StoredSale extends TaxBuckets<number | null> {
  invcNo: number;
  orgInvcNo: number | null;
  trdInvcNo: string | null;
  custTin: string | null;
  custNm: string | null;
  salesTyCd: string | null;
  rcptTyCd: string | null;
  pmtTyCd: string | null;
  salesSttsCd: string | null;
  cfmDt: KraDateTime | null;
  salesDt: KraDate | null;
  stockRlsDt: KraDateTime | null;
  cnclReqDt: KraDateTime | null;
  cnclDt: KraDateTime | null;
  rfdDt: KraDateTime | null;
  rfdRsnCd: string | null;
  totItemCnt: number | null;
  prchrAcptcYn: YesNo | null;
  remark: string | null;
  regrId: string | null;
  regrNm: string | null;
  modrId: string | null;
  modrNm: string | null;
  receipt: StoredReceipt;
  itemList: SaleLineRecord[];
}

export interface InvoiceDetailsData {
  salesList: StoredSale[];
}

// ---------------------------------------------------------------- 2.16 purchases

/** On the gateway the client also puts the device's tin and bhfId in the body (spec 1.1). */
export interface IdentifiedSinceRequest extends SinceRequest {
  tin?: string;
  bhfId?: string;
}

/** A sale a supplier declared with this taxpayer as buyer. */
export interface SupplierSale extends TaxBuckets<number | null> {
  spplrTin: string;
  spplrNm: string | null;
  spplrBhfId: string | null;
  spplrInvcNo: number;
  spplrSdcId: string | null;
  spplrMrcNo: string | null;
  rcptTyCd: string | null;
  pmtTyCd: string | null;
  cfmDt: KraDateTime | null;
  salesDt: KraDate | null;
  stockRlsDt: KraDateTime | null;
  totItemCnt: number | null;
  remark: string | null;
  itemList: SaleLineRecord[];
}

export interface SupplierSaleListData {
  saleList: SupplierSale[];
}

export interface PurchaseLineRequest extends SaleLineRequest {
  spplrItemClsCd?: string | null;
  spplrItemCd?: string | null;
  spplrItemNm?: string | null;
  itemExprDt?: KraDate | null;
}

export interface PurchaseRequest extends TaxBuckets, Audit {
  /** The purchase sequence, separate from sales. */
  invcNo: number;
  orgInvcNo: number;
  trdInvcNo?: string | null;
  spplrTin?: string | null; // 11
  spplrBhfId?: string | null; // 2
  spplrNm?: string | null; // 60
  spplrInvcNo?: number | null;
  /** A from selectTrnsPurchaseSalesList, M manual. */
  regTyCd: string;
  pchsTyCd: string; // cdCls 14
  /** cdCls 38: P purchase, R credit note after purchase. */
  rcptTyCd: string;
  pmtTyCd: string;
  pchsSttsCd: string; // cdCls 34
  cfmDt?: KraDateTime | null;
  pchsDt: KraDate;
  wrhsDt?: KraDateTime | null;
  cnclReqDt?: KraDateTime | null;
  cnclDt?: KraDateTime | null;
  rfdDt?: KraDateTime | null;
  totItemCnt: number;
  remark?: string | null;
  itemList: PurchaseLineRequest[];
}

// ---------------------------------------------------------------- 2.17 stock

export interface StockLineRequest {
  itemSeq: number;
  itemCd: string;
  itemClsCd: string;
  itemNm: string;
  bcd?: string | null;
  pkgUnitCd: string;
  pkg: number;
  qtyUnitCd: string;
  qty: number;
  itemExprDt?: KraDate | null;
  prc: number;
  splyAmt: number;
  totDcAmt: number;
  taxblAmt: number;
  taxTyCd: string;
  taxAmt: number;
  /** Required on the gateway although the transcribed table omits it. */
  totAmt: number;
}

export interface StockIoRequest extends Audit {
  /** Strictly incrementing per taxpayer. */
  sarNo: number;
  /** 0, never null. */
  orgSarNo: number;
  regTyCd: string;
  custTin?: string | null; // 11
  custNm?: string | null; // 100
  custBhfId?: string | null; // 2
  /** cdCls 12: 01-06 in, 11-16 out. */
  sarTyCd: string;
  ocrnDt: KraDate;
  totItemCnt: number;
  totTaxblAmt: number;
  totTaxAmt: number;
  totAmt: number;
  remark?: string | null; // 400
  itemList: StockLineRequest[];
}

export interface StockMasterRequest extends Audit {
  itemCd: string;
  /** Remaining quantity, 13,2. */
  rsdQty: number;
}

export interface StockLineRecord {
  itemSeq: number;
  itemCd: string | null;
  itemClsCd: string | null;
  itemNm: string | null;
  bcd: string | null;
  pkgUnitCd: string | null;
  pkg: number | null;
  qtyUnitCd: string | null;
  qty: number | null;
  itemExprDt: KraDate | null;
  prc: number | null;
  splyAmt: number | null;
  totDcAmt: number | null;
  taxblAmt: number | null;
  taxTyCd: string | null;
  taxAmt: number | null;
  totAmt: number | null;
}

export interface StockMove {
  custTin: string | null;
  custBhfId: string | null;
  sarNo: number;
  ocrnDt: KraDate | null;
  totItemCnt: number | null;
  totTaxblAmt: number | null;
  totTaxAmt: number | null;
  totAmt: number | null;
  remark: string | null;
  itemList: StockLineRecord[];
}

export interface StockMoveListData {
  stockList: StockMove[];
}

// ---------------------------------------------------------------- every endpoint

/** Each endpoint's request body and its answer's `data` (null for saves). */
export interface OscuWire {
  selectInitOsdcInfo: { request: InitRequest; data: InitData };
  selectCodeList: { request: SinceRequest; data: CodeListData };
  selectCustomer: { request: CustomerSearchRequest; data: CustomerData };
  selectCustomerList: { request: SinceRequest; data: BranchCustomerListData };
  selectNoticeList: { request: SinceRequest; data: NoticeListData };
  selectItemClsList: { request: SinceRequest; data: ItemClassData };
  saveItem: { request: ItemRequest; data: null };
  selectItemList: { request: SinceRequest; data: ItemListData };
  saveItemComposition: { request: ItemCompositionRequest; data: null };
  selectBhfList: { request: SinceRequest; data: BranchListData };
  saveBhfCustomer: { request: BranchCustomerRequest; data: null };
  saveBhfUser: { request: BranchUserRequest; data: null };
  saveBhfInsurance: { request: BranchInsuranceRequest; data: null };
  selectImportItemList: { request: SinceRequest; data: ImportItemListData };
  updateImportItem: { request: ImportItemUpdateRequest; data: null };
  saveTrnsSalesOsdc: { request: SaleRequest; data: SaleSignature };
  selectInvoiceDetails: { request: InvoiceLookupRequest; data: InvoiceDetailsData };
  selectTrnsPurchaseSalesList: { request: IdentifiedSinceRequest; data: SupplierSaleListData };
  insertTrnsPurchase: { request: PurchaseRequest; data: null };
  selectStockMoveList: { request: IdentifiedSinceRequest; data: StockMoveListData };
  insertStockIO: { request: StockIoRequest; data: null };
  saveStockMaster: { request: StockMasterRequest; data: null };
}

export type RequestOf<E extends EndpointName> = OscuWire[E]['request'];
export type DataOf<E extends EndpointName> = OscuWire[E]['data'];
