/**
 * The saveTrnsSalesOsdc body for a sale or credit note, built once at commit and frozen in the
 * ledger, so every resend is the same request. `invcNo` and `orgInvcNo` are added by the sync worker
 * at send time (spec 2.14, 4.2; Mauzo decisions 12.1, 12.4, 12.7, 12.8).
 */
import { centsToWire, hundredthsToWire } from '../../src-shared/money';
import { TAX_CLASSES, type PricedInvoice } from '../../src-shared/tax';
import { toKraDate, toKraDateTime } from '../../src-shared/etims/time';
import type { TaxBuckets } from '../../src-shared/etims/wire';

export interface SoldItem {
  code: string;
  classCode: string;
  name: string;
  barcode: string | null;
  packagingUnit: string;
  quantityUnit: string;
}

export interface SaleBodyInput {
  kind: 'S' | 'R';
  tradeInvoiceNo: string;
  committedAt: Date;
  cashier: { id: number; name: string };
  customer: { tin: string; name: string } | null;
  priced: PricedInvoice;
  /** One per priced line, in the same order. */
  items: readonly SoldItem[];
  paymentType: string;
  store: { tradeName: string; address: string; topMsg: string | null; btmMsg: string | null };
  refund: { reasonCode: string } | null;
}

export type SaleBody = Record<string, unknown>;

/** The header's five tax buckets and its totals, each a sum of the rounded lines (spec 4.2). */
export function wireBuckets(priced: PricedInvoice): TaxBuckets {
  const buckets: Record<string, number> = {};
  for (const cls of TAX_CLASSES) {
    const totals = priced.byClass[cls];
    buckets[`taxblAmt${cls}`] = centsToWire(totals.taxable);
    buckets[`taxRt${cls}`] = hundredthsToWire(totals.rate);
    buckets[`taxAmt${cls}`] = centsToWire(totals.tax);
  }
  return {
    ...(buckets as Omit<TaxBuckets, 'totTaxblAmt' | 'totTaxAmt' | 'totAmt'>),
    totTaxblAmt: centsToWire(priced.taxableTotal),
    totTaxAmt: centsToWire(priced.taxTotal),
    totAmt: centsToWire(priced.total),
  };
}

export function saleBody(input: SaleBodyInput): SaleBody {
  const { priced, committedAt, customer, cashier } = input;
  const at = toKraDateTime(committedAt);
  const registrar = { regrId: String(cashier.id), regrNm: cashier.name, modrId: String(cashier.id), modrNm: cashier.name };
  return {
    trdInvcNo: input.tradeInvoiceNo,
    custTin: customer?.tin ?? null,
    custNm: customer?.name ?? null,
    salesTyCd: 'N',
    rcptTyCd: input.kind,
    pmtTyCd: input.paymentType,
    salesSttsCd: '02',
    cfmDt: at,
    salesDt: toKraDate(committedAt),
    stockRlsDt: at,
    cnclReqDt: null,
    cnclDt: null,
    rfdDt: input.refund ? at : null,
    rfdRsnCd: input.refund?.reasonCode ?? null,
    totItemCnt: priced.lines.length,
    ...wireBuckets(priced),
    prchrAcptcYn: 'N',
    remark: null,
    ...registrar,
    receipt: {
      custTin: customer?.tin ?? null,
      custMblNo: null,
      rcptPbctDt: at,
      trdeNm: input.store.tradeName,
      adrs: input.store.address,
      topMsg: input.store.topMsg,
      btmMsg: input.store.btmMsg,
      prchrAcptcYn: 'N',
    },
    itemList: priced.lines.map((line, i) => {
      const item = input.items[i]!;
      return {
        itemSeq: i + 1,
        itemCd: item.code,
        itemClsCd: item.classCode,
        itemNm: item.name,
        bcd: item.barcode,
        pkgUnitCd: item.packagingUnit,
        pkg: 1,
        qtyUnitCd: item.quantityUnit,
        qty: hundredthsToWire(line.quantity),
        prc: centsToWire(line.unitPrice),
        splyAmt: centsToWire(line.supplyAmount),
        dcRt: hundredthsToWire(line.discountRate),
        dcAmt: centsToWire(line.discountAmount),
        isrccCd: null,
        isrccNm: null,
        isrcRt: null,
        isrcAmt: null,
        taxTyCd: line.taxClass,
        taxblAmt: centsToWire(line.taxable),
        taxAmt: centsToWire(line.tax),
        totAmt: centsToWire(line.total),
      };
    }),
  };
}
