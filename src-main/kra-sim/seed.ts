/**
 * The state KRA starts with: the demo taxpayer and the conformance company with their partners and
 * registered serials, notices, customs declarations waiting for each, and sales their suppliers
 * declared to them (for selectTrnsPurchaseSalesList and insertTrnsPurchase).
 */
import { TAX_TYPES, type TaxTypeCode } from '../../src-shared/etims/codes';
import {
  CONFORMANCE_DEVICE_SERIALS,
  CONFORMANCE_PARTNER,
  CONFORMANCE_TAXPAYER,
  DEMO_DEVICE_SERIALS,
  DEMO_PARTNERS,
  DEMO_SUPPLIER,
  DEMO_TAXPAYER,
} from '../../src-shared/etims/demo';
import { fromKraDateTime } from '../../src-shared/etims/time';
import { inclusiveLine } from './arithmetic';
import { key, type Body, type SimState } from './state';

/** When the seeded records were "made": before any lastReqDt a client sends after its first pull. */
export const SEEDED_AT = fromKraDateTime('20240101000000')!.getTime();

export function seedState(state: SimState): void {
  for (const taxpayer of [DEMO_TAXPAYER, CONFORMANCE_TAXPAYER, ...DEMO_PARTNERS, CONFORMANCE_PARTNER]) state.addTaxpayer(taxpayer, SEEDED_AT);
  for (const serial of DEMO_DEVICE_SERIALS) state.serials.put(key(DEMO_TAXPAYER.tin, serial), { serial, tin: DEMO_TAXPAYER.tin, bhfId: null });
  for (const serial of CONFORMANCE_DEVICE_SERIALS) state.serials.put(key(CONFORMANCE_TAXPAYER.tin, serial), { serial, tin: CONFORMANCE_TAXPAYER.tin, bhfId: null });
  state.touchCodes(SEEDED_AT);
  seedNotices(state);
  seedImports(state);
  seedSupplierSales(state);
}

function seedNotices(state: SimState): void {
  const notices = [
    { noticeNo: 1, title: 'Welcome to eTIMS OSCU', content: 'This is the Mauzo KRA simulator. Sales sent here are not declared to KRA.' },
    { noticeNo: 2, title: 'Scheduled maintenance', content: 'The eTIMS API will be unavailable on Sunday between 01:00 and 03:00 EAT.' },
  ];
  for (const notice of notices) state.notices.put(String(notice.noticeNo), { ...notice, registeredBy: 'Admin', modifiedAt: SEEDED_AT });
}

function seedImports(state: SimState): void {
  const declarations: { tin: string; body: Body }[] = [
    {
      tin: CONFORMANCE_TAXPAYER.tin,
      body: {
        taskCd: '20230208667984', dclDe: '01022023', itemSeq: 1, dclNo: '23NBOIM401172243', hsCd: '87169000',
        itemNm: 'Tanker trailer parts: bottom loading adaptor, aluminium handle', imptItemsttsCd: '2',
        orgnNatCd: 'NL', exptNatCd: 'NL', pkg: 17, pkgUnitCd: 'CR', qty: 2, qtyUnitCd: 'U', totWt: 196, netWt: 196,
        spplrNm: 'OPW FLUID TRANSFER GROUP EUROPE B.V', agntNm: 'Clearing Agent Ltd',
        invcFcurAmt: 5076.75, invcFcurCd: 'EUR', invcFcurExcrt: 135.73,
      },
    },
    {
      tin: DEMO_TAXPAYER.tin,
      body: {
        taskCd: '20240301000001', dclDe: '01032024', itemSeq: 1, dclNo: '24MSAIM400000001', hsCd: '85171300',
        itemNm: 'Mobile phones, feature phones', imptItemsttsCd: '2',
        orgnNatCd: 'CN', exptNatCd: 'CN', pkg: 5, pkgUnitCd: 'CT', qty: 100, qtyUnitCd: 'U', totWt: 40, netWt: 35,
        spplrNm: 'SHENZHEN HANDSETS CO', agntNm: 'Mombasa Clearing Ltd',
        invcFcurAmt: 1500, invcFcurCd: 'USD', invcFcurExcrt: 129.5,
      },
    },
  ];
  for (const { tin, body } of declarations) {
    state.imports.put(key(tin, String(body.taskCd), String(body.dclDe), Number(body.itemSeq)), { tin, body, modifiedAt: SEEDED_AT });
  }
}

interface SupplierLine {
  itemCd: string;
  itemClsCd: string;
  itemNm: string;
  pkgUnitCd: string;
  qtyUnitCd: string;
  /** Hundredths. */
  qty: number;
  /** Cents, VAT included. */
  price: number;
  taxTyCd: TaxTypeCode;
}

const RATES = Object.fromEntries(TAX_TYPES.map((t) => [t.code, t.ratePercent])) as Record<TaxTypeCode, number>;

/**
 * A supplier's sale as KRA's sandbox lists it to the buyer: VAT-inclusive lines (spec 4.2), except
 * that class-B lines carry the net amount in splyAmt while prc stays gross (spec 13.4), so a buyer
 * that copies them into insertTrnsPurchase is refused.
 */
function supplierSale(header: Body, lines: SupplierLine[]): Body {
  const taxable = Object.fromEntries(TAX_TYPES.map((t) => [t.code, 0])) as Record<TaxTypeCode, number>;
  const tax = { ...taxable };
  const itemList = lines.map((line, i) => {
    const amounts = inclusiveLine(line.qty, line.price, 0, RATES[line.taxTyCd]);
    taxable[line.taxTyCd] += amounts.taxblAmt;
    tax[line.taxTyCd] += amounts.taxAmt;
    return {
      itemSeq: i + 1, itemCd: line.itemCd, itemClsCd: line.itemClsCd, itemNm: line.itemNm, bcd: null,
      pkgUnitCd: line.pkgUnitCd, pkg: line.qty / 100, qtyUnitCd: line.qtyUnitCd, qty: line.qty / 100, prc: line.price / 100,
      splyAmt: (line.taxTyCd === 'B' ? amounts.taxblAmt : amounts.splyAmt) / 100, dcRt: 0, dcAmt: 0, taxTyCd: line.taxTyCd,
      taxblAmt: amounts.taxblAmt / 100, taxAmt: amounts.taxAmt / 100, totAmt: amounts.totAmt / 100,
    };
  });
  const sum = (values: Record<TaxTypeCode, number>) => Object.values(values).reduce((a, b) => a + b, 0);
  const buckets: Body = {};
  for (const t of TAX_TYPES) {
    buckets[`taxblAmt${t.code}`] = taxable[t.code] / 100;
    buckets[`taxRt${t.code}`] = t.ratePercent;
    buckets[`taxAmt${t.code}`] = tax[t.code] / 100;
  }
  return {
    ...header,
    rcptTyCd: 'S',
    stockRlsDt: null,
    totItemCnt: itemList.length,
    ...buckets,
    totTaxblAmt: sum(taxable) / 100,
    totTaxAmt: sum(tax) / 100,
    totAmt: (sum(taxable) + sum(tax)) / 100,
    remark: null,
    itemList,
  };
}

function seedSupplierSales(state: SimState): void {
  const sales: { buyerTin: string; body: Body }[] = [
    {
      buyerTin: CONFORMANCE_TAXPAYER.tin,
      body: supplierSale(
        { spplrTin: CONFORMANCE_PARTNER.tin, spplrNm: CONFORMANCE_PARTNER.name, spplrBhfId: '00', spplrInvcNo: '123', spplrSdcId: 'KRACU0000054321', spplrMrcNo: 'KRA00000001', pmtTyCd: '01', cfmDt: '2023-12-12 15:36:25', salesDt: '20231212' },
        [
          { itemCd: 'JP3OUU0000001', itemClsCd: '81121500', itemNm: 'Fiscal Optimization Consultancy', pkgUnitCd: 'OU', qtyUnitCd: 'U', qty: 100, price: 2029884, taxTyCd: 'B' },
          { itemCd: 'DE1CRST0000001', itemClsCd: '30171613', itemNm: 'window pane', pkgUnitCd: 'CR', qtyUnitCd: 'ST', qty: 1200, price: 540000, taxTyCd: 'E' },
        ],
      ),
    },
    {
      buyerTin: DEMO_TAXPAYER.tin,
      body: supplierSale(
        { spplrTin: DEMO_SUPPLIER.tin, spplrNm: DEMO_SUPPLIER.name, spplrBhfId: '00', spplrInvcNo: '501', spplrSdcId: 'KRACU0100000501', spplrMrcNo: 'WIS01000501', pmtTyCd: '02', cfmDt: '2023-12-20 09:15:00', salesDt: '20231220' },
        [
          { itemCd: 'KE2BGNO0000101', itemClsCd: '1000000000', itemNm: 'Sugar 1kg (bale of 20)', pkgUnitCd: 'BG', qtyUnitCd: 'NO', qty: 5000, price: 14000, taxTyCd: 'B' },
          { itemCd: 'KE2BGNO0000102', itemClsCd: '9901100000', itemNm: 'Maize flour 2kg', pkgUnitCd: 'BG', qtyUnitCd: 'NO', qty: 4000, price: 16000, taxTyCd: 'C' },
        ],
      ),
    },
    {
      buyerTin: DEMO_TAXPAYER.tin,
      body: supplierSale(
        { spplrTin: DEMO_SUPPLIER.tin, spplrNm: DEMO_SUPPLIER.name, spplrBhfId: '00', spplrInvcNo: '502', spplrSdcId: 'KRACU0100000501', spplrMrcNo: 'WIS01000501', pmtTyCd: '01', cfmDt: '2023-12-28 11:40:10', salesDt: '20231228' },
        [
          { itemCd: 'KE2BQNO0000103', itemClsCd: '1000000000', itemNm: 'Cooking oil 1L (carton of 12)', pkgUnitCd: 'BQ', qtyUnitCd: 'NO', qty: 2400, price: 30000, taxTyCd: 'B' },
          { itemCd: 'KE2JYNO0000104', itemClsCd: '1000000000', itemNm: 'Paraffin 1L', pkgUnitCd: 'JY', qtyUnitCd: 'NO', qty: 6000, price: 14500, taxTyCd: 'E' },
          { itemCd: 'KE2BQNO0000105', itemClsCd: '1000000000', itemNm: 'Fresh milk 500ml', pkgUnitCd: 'BQ', qtyUnitCd: 'NO', qty: 12000, price: 5500, taxTyCd: 'A' },
        ],
      ),
    },
  ];
  for (const { buyerTin, body } of sales) state.supplierSales.put(supplierSaleKey(buyerTin, body), { buyerTin, body, modifiedAt: SEEDED_AT });
}

export function supplierSaleKey(buyerTin: string, body: Body): string {
  return key(buyerTin, String(body.spplrTin), String(body.spplrBhfId ?? ''), String(body.spplrInvcNo));
}

/**
 * The item-classification list as KRA's sandbox serves it (spec 13.5): a short list of 26 codes, a
 * root 1000000000, live animals 1010..., zero-rated supplies 9901...; the strict profile accepts
 * exactly these. The three groups are the sandbox's; the codes inside them follow its shape.
 */
export const ITEM_CLASSES: readonly { code: string; name: string; level: number; taxType: TaxTypeCode | null }[] = [
  { code: '1000000000', name: 'Live Plant and Animal Material and Accessories and Supplies', level: 1, taxType: null },
  { code: '1010000000', name: 'Live animals', level: 2, taxType: null },
  { code: '1010150000', name: 'Livestock', level: 3, taxType: null },
  { code: '1010150100', name: 'Cats', level: 4, taxType: null },
  { code: '1010150200', name: 'Dogs', level: 4, taxType: null },
  { code: '1010150600', name: 'Horses', level: 4, taxType: null },
  { code: '1010150700', name: 'Sheep', level: 4, taxType: null },
  { code: '1010150800', name: 'Goats', level: 4, taxType: null },
  { code: '1010151100', name: 'Swine', level: 4, taxType: null },
  { code: '1010151200', name: 'Rabbits', level: 4, taxType: null },
  { code: '1010151600', name: 'Cattle', level: 4, taxType: null },
  { code: '1010160000', name: 'Birds and fowl', level: 3, taxType: null },
  { code: '1010160100', name: 'Chickens', level: 4, taxType: null },
  { code: '1010160200', name: 'Ducks', level: 4, taxType: null },
  { code: '1010160300', name: 'Turkeys', level: 4, taxType: null },
  { code: '1010170000', name: 'Live fish', level: 3, taxType: null },
  { code: '1010180000', name: 'Shellfish and aquatic invertebrates', level: 3, taxType: null },
  { code: '1010190000', name: 'Insects', level: 3, taxType: null },
  { code: '9901000000', name: 'Zero-rated supplies', level: 1, taxType: 'C' },
  { code: '9901100000', name: 'Zero-rated supplies: milled cereal products', level: 2, taxType: 'C' },
  { code: '9901200000', name: 'Zero-rated supplies: agricultural inputs', level: 2, taxType: 'C' },
  { code: '9901300000', name: 'Zero-rated supplies: medicaments', level: 2, taxType: 'C' },
  { code: '9901400000', name: 'Zero-rated supplies: exports of goods', level: 2, taxType: 'C' },
  { code: '9901500000', name: 'Zero-rated supplies: exports of services', level: 2, taxType: 'C' },
  { code: '9901600000', name: 'Zero-rated supplies: goods for the special economic zones', level: 2, taxType: 'C' },
  { code: '9901700000', name: 'Zero-rated supplies: other', level: 2, taxType: 'C' },
];
