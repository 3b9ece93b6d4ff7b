/**
 * Purchases (spec 2.16): the sales suppliers declared to KRA with this store as the buyer are
 * fetched from their own watermark, and a manager confirms each as received stock of our own items
 * (insertTrnsPurchase, the purchase invcNo sequence, plus a stock IO of type 02) or rejects it.
 */
import { appendAudit } from '../ledger/audit';
import { ApiError, type PurchaseSummary } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import { mulDiv } from '../../src-shared/money';
import { priceInvoice, TaxError, type LineInput, type PricedInvoice, type PricedLine, type TaxClass, type TaxRates } from '../../src-shared/tax';
import { toKraDate, toKraDateTime } from '../../src-shared/etims/time';
import type { PurchaseLineRequest, PurchaseRequest, SaleLineRecord, SupplierSale } from '../../src-shared/etims/wire';
import { centsToWire, hundredthsToWire, wireToCents, wireToHundredths } from '../../src-shared/money';
import { sessionOf, type Handlers } from '../api/handlers';
import type { ItemRow } from '../ledger/items';
import { jobById, queueJob, type JobEndpoint } from '../ledger/kra-jobs';
import type { LedgerDb, LedgerWriter } from '../ledger/open';
import {
  decidePurchase,
  listPurchases,
  purchaseById,
  purchaseByJob,
  receivePurchase,
  supplierSaleOf,
  type PurchaseRow,
} from '../ledger/purchases';
import { classNotListed } from '../catalog/tax-rates';
import { wireBuckets } from '../oscu/sale-body';
import { recordStockMovement, type WireAmounts } from '../stock/movements';
import type { JobEffects } from '../sync/jobs';
import { jobStatusOf, pullList, registrarOf, type KraLinkOf, type Registrar } from './kra';
import { registeredItems } from './our-items';

export interface PurchaseDeps {
  db: LedgerDb;
  clock: Clock;
  link: KraLinkOf;
  taxRates: () => TaxRates;
  /** A KRA job was queued: wake the sender. */
  onQueued: () => void;
}

type Staff = { id: number; name: string };

export function purchaseHandlers(deps: PurchaseDeps): Handlers<'purchases.fetch' | 'purchases.list' | 'purchases.confirm' | 'purchases.reject'> {
  const { db } = deps;
  return {
    'purchases.fetch': () =>
      pullList(
        deps,
        'purchases',
        (device, lastReqDt) => device.client.selectTrnsPurchaseSalesList({ lastReqDt }),
        (data) => data.saleList,
        receivePurchase,
      ),
    'purchases.list': ({ state }) => listPurchases(db, state).map((row) => summaryOf(db, row)),
    'purchases.confirm': (input, ctx) => {
      const row = confirmPurchase(deps, input, sessionOf(ctx).user);
      deps.onQueued();
      return summaryOf(db, row);
    },
    'purchases.reject': ({ purchaseId, reason }, ctx) => summaryOf(db, rejectPurchase(deps, purchaseId, reason, sessionOf(ctx).user)),
  };
}

interface Mapping {
  itemSeq: number;
  itemCode: string;
}

/** In one transaction: the insertTrnsPurchase job, then the stock coming in, then the decision. */
function confirmPurchase(deps: PurchaseDeps, input: { purchaseId: number; lines: Mapping[] }, user: Staff): PurchaseRow {
  const { db, clock } = deps;
  return db.transaction((tx) => {
    const row = undecided(tx, input.purchaseId);
    const sale = supplierSaleOf(row);
    if (sale.rcptTyCd === 'R') {
      throw badInput('purchaseId', `purchase ${row.id} is the supplier's credit note; Mauzo confirms only sales: reject it and adjust the stock by hand`);
    }
    const wanted = mappingOf(sale, input.lines);
    const ours = registeredItems(tx, [...wanted.values()]);
    const lines = sale.itemList.map((line) => ({ line, item: ours.get(wanted.get(line.itemSeq)!.code)! }));
    const priced = rebuilt(sale, lines, deps.taxRates());
    const at = clock.now();
    const registrar = registrarOf(user);
    const payload = purchaseRequest(sale, lines, priced, registrar, at);
    const jobId = queueJob(tx, { endpoint: 'insertTrnsPurchase', subject: `purchase ${row.id}`, payload, numbering: 'purchase' }, at);
    recordStockMovement(tx, {
      ioType: '02',
      lines: lines
        .map(({ line, item }, i) => ({ item, quantity: wireToHundredths(line.qty ?? 0), amounts: stockAmounts(priced.lines[i]!) }))
        .filter((line) => line.quantity > 0),
      at,
      rates: deps.taxRates(),
      registrar,
      registration: 'A',
      purchaseId: row.id,
      userId: user.id,
      counterparty: { tin: sale.spplrTin, name: sale.spplrNm ?? sale.spplrTin, branchId: sale.spplrBhfId },
    });
    decidePurchase(tx, row.id, { state: 'confirmed', userId: user.id, jobId }, at);
    return purchaseById(tx, row.id)!;
  });
}

function rejectPurchase(deps: PurchaseDeps, purchaseId: number, reason: string, user: Staff): PurchaseRow {
  const { db, clock } = deps;
  return db.transaction((tx) => {
    const row = undecided(tx, purchaseId);
    const at = clock.now();
    decidePurchase(tx, row.id, { state: 'rejected', userId: user.id, jobId: null }, at);
    appendAudit(tx, { at, userId: user.id, action: 'purchase.rejected', detail: { purchaseId: row.id, reason } });
    return purchaseById(tx, row.id)!;
  });
}

function undecided(tx: LedgerWriter, purchaseId: number): PurchaseRow {
  const row = purchaseById(tx, purchaseId);
  if (!row) {
    throw new ApiError('PURCHASE_NOT_FOUND', `purchaseId: no supplier invoice ${purchaseId} here; fetch purchases again`, { field: 'purchaseId', params: { purchaseId } });
  }
  if (row.state !== 'received') {
    throw new ApiError('PURCHASE_DECIDED', `purchaseId: supplier invoice ${purchaseId} is already ${row.state}`, { field: 'purchaseId', params: { purchaseId } });
  }
  return row;
}

/** Every supplier line mapped exactly once, each to one of our items; the field names the input at fault. */
function mappingOf(sale: SupplierSale, lines: readonly Mapping[]): Map<number, { code: string; field: string }> {
  const supplierLines = new Set(sale.itemList.map((line) => line.itemSeq));
  const wanted = new Map<number, { code: string; field: string }>();
  lines.forEach((line, i) => {
    const field = `lines.${i}.itemSeq`;
    if (!supplierLines.has(line.itemSeq)) throw badInput(field, `the supplier's invoice has no line ${line.itemSeq}; its lines are ${[...supplierLines].join(', ')}`);
    if (wanted.has(line.itemSeq)) throw badInput(field, `line ${line.itemSeq} is mapped twice; map each supplier line once`);
    wanted.set(line.itemSeq, { code: line.itemCode, field: `lines.${i}.itemCode` });
  });
  const unmapped = sale.itemList.find((line) => !wanted.has(line.itemSeq));
  if (unmapped) throw badInput('lines', `map the supplier's line ${unmapped.itemSeq} (${unmapped.itemNm ?? unmapped.itemCd ?? 'no name'}) to one of your items too`);
  return wanted;
}

function badInput(field: string, reason: string): ApiError {
  return new ApiError('INVALID_INPUT', `${field}: ${reason}`, { field, params: { field, reason } });
}

/** KRA's 2-dp number for an amount the supplier declared (absent counts as 0). */
const quantity = (value: number | null): number => hundredthsToWire(wireToHundredths(value ?? 0));

type Received = { line: SaleLineRecord; item: ItemRow };

/**
 * The purchase worked out again per spec 4.2 from the supplier's prc x qty and discount, at the
 * environment's rate of the supplier's tax class: KRA's own seeded supplier sales carry the net
 * amount in splyAmt, and KRA refuses a purchase that copies it (spec 13.4).
 */
function rebuilt(sale: SupplierSale, lines: readonly Received[], rates: TaxRates): PricedInvoice {
  const inputs: LineInput[] = lines.map(({ line, item }) => {
    const supply = mulDiv(wireToHundredths(line.qty ?? 0), wireToCents(line.prc ?? 0), 100);
    const discount = Math.min(wireToCents(line.dcAmt ?? 0), supply);
    return {
      unitPrice: wireToCents(line.prc ?? 0),
      quantity: wireToHundredths(line.qty ?? 0),
      taxClass: (line.taxTyCd ?? item.taxClass) as TaxClass,
      ...(discount > 0 ? { discount: { amount: discount } } : {}),
    };
  });
  try {
    return priceInvoice(inputs, rates);
  } catch (error) {
    if (!(error instanceof TaxError)) throw error;
    const index = Number(/^lines\.(\d+)\./.exec(error.field)?.[1] ?? -1);
    const line = sale.itemList[index];
    if (error.code === 'UNKNOWN_RATE' && line) throw classNotListed(inputs[index]!.taxClass, line.itemNm ?? line.itemCd ?? `line ${line.itemSeq}`, `lines.${index}.itemSeq`);
    throw badInput(error.field, error.message);
  }
}

/** The insertTrnsPurchase body without its invcNo: the supplier's sale, our items, amounts per spec 4.2 (spec 2.16). */
function purchaseRequest(sale: SupplierSale, lines: readonly Received[], priced: PricedInvoice, registrar: Registrar, at: Date): Omit<PurchaseRequest, 'invcNo'> {
  return {
    orgInvcNo: 0,
    spplrTin: sale.spplrTin,
    spplrBhfId: sale.spplrBhfId,
    spplrNm: sale.spplrNm,
    spplrInvcNo: sale.spplrInvcNo,
    regTyCd: 'A',
    pchsTyCd: 'N',
    rcptTyCd: 'P',
    // Required for a purchase; a supplier's sale always declares one, 07 (other) covers a gap.
    pmtTyCd: sale.pmtTyCd ?? '07',
    pchsSttsCd: '02',
    cfmDt: toKraDateTime(at),
    pchsDt: sale.salesDt ?? toKraDate(at),
    wrhsDt: toKraDateTime(at),
    cnclReqDt: null,
    cnclDt: null,
    rfdDt: null,
    totItemCnt: lines.length,
    ...wireBuckets(priced),
    remark: null,
    regrId: registrar.id,
    regrNm: registrar.name,
    modrId: registrar.id,
    modrNm: registrar.name,
    itemList: lines.map(({ line, item }, i) => purchaseLine(line, item, priced.lines[i]!)),
  };
}

function purchaseLine(line: SaleLineRecord, item: ItemRow, priced: PricedLine): PurchaseLineRequest {
  return {
    itemSeq: line.itemSeq,
    itemCd: item.code,
    itemClsCd: item.classCode,
    itemNm: item.name,
    bcd: item.barcode,
    pkgUnitCd: item.packagingUnit,
    pkg: line.pkg === null ? 1 : quantity(line.pkg),
    qtyUnitCd: item.quantityUnit,
    qty: hundredthsToWire(priced.quantity),
    prc: centsToWire(priced.unitPrice),
    splyAmt: centsToWire(priced.supplyAmount),
    dcRt: hundredthsToWire(priced.discountRate),
    dcAmt: centsToWire(priced.discountAmount),
    isrccCd: null,
    isrccNm: null,
    isrcRt: null,
    isrcAmt: null,
    // The supplier's sale was taxed at the supplier's class.
    taxTyCd: priced.taxClass,
    taxblAmt: centsToWire(priced.taxable),
    taxAmt: centsToWire(priced.tax),
    totAmt: centsToWire(priced.total),
    spplrItemClsCd: line.itemClsCd,
    spplrItemCd: line.itemCd,
    spplrItemNm: line.itemNm,
    itemExprDt: null,
  };
}

function stockAmounts(line: PricedLine): WireAmounts {
  return {
    prc: centsToWire(line.unitPrice),
    splyAmt: centsToWire(line.supplyAmount),
    totDcAmt: centsToWire(line.discountAmount),
    taxblAmt: centsToWire(line.taxable),
    taxAmt: centsToWire(line.tax),
    totAmt: centsToWire(line.total),
  };
}

function summaryOf(db: LedgerDb, row: PurchaseRow): PurchaseSummary {
  const sale = supplierSaleOf(row);
  const job = row.jobId === null ? undefined : jobById(db, row.jobId);
  const sent = (job?.payload as { itemList?: { itemSeq: number; itemCd: string }[] } | undefined)?.itemList ?? [];
  const ourCode = new Map(sent.map((line) => [line.itemSeq, line.itemCd]));
  return {
    purchaseId: row.id,
    supplier: { tin: row.supplierTin, name: row.supplierName, branchId: row.supplierBranchId, invoiceNo: row.supplierInvoiceNo, sdcId: row.supplierSdcId },
    kind: sale.rcptTyCd === 'R' ? 'creditNote' : 'sale',
    salesDate: sale.salesDt,
    total: wireToCents(sale.totAmt ?? 0),
    taxTotal: wireToCents(sale.totTaxAmt ?? 0),
    paymentType: sale.pmtTyCd,
    lines: sale.itemList.map((line) => ({
      itemSeq: line.itemSeq,
      supplierItemCode: line.itemCd,
      name: line.itemNm,
      quantity: wireToHundredths(line.qty ?? 0),
      quantityUnit: line.qtyUnitCd,
      unitPrice: wireToCents(line.prc ?? 0),
      total: wireToCents(line.totAmt ?? 0),
      taxClass: line.taxTyCd,
      itemCode: ourCode.get(line.itemSeq) ?? null,
    })),
    state: row.state,
    fetchedAt: row.fetchedAt,
    decidedAt: row.decidedAt,
    kra: jobStatusOf(job),
  };
}

/** KRA's answer to a purchase is noted in the audit log; its words stay on the job for purchases.list. */
export function purchaseJobEffects(clock: Clock): Partial<Record<JobEndpoint, JobEffects>> {
  const note = (tx: LedgerWriter, jobId: number, action: string, detail: Record<string, unknown>) => {
    const row = purchaseByJob(tx, jobId);
    appendAudit(tx, { at: clock.now(), userId: row?.decidedBy ?? null, action, detail: { purchaseId: row?.id ?? null, jobId, ...detail } });
  };
  return {
    insertTrnsPurchase: {
      accepted: (tx, job, number) => note(tx, job.id, 'purchase.acceptedByKra', { invcNo: number }),
      refused: (tx, job, reason) => note(tx, job.id, 'purchase.refusedByKra', { reason }),
    },
  };
}
