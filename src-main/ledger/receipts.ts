/**
 * Reads what a receipt is built from: the sale as committed, its lines and tenders, the cashier, the
 * original sale of a credit note, KRA's signature once it has arrived, and the device it was signed on.
 * The frozen saveTrnsSalesOsdc body is read here, once, and mapped to plain names.
 */
import { desc, eq } from 'drizzle-orm';
import type { KraMode } from '../../src-shared/api';
import { wireToHundredths } from '../../src-shared/money';
import type { ReceiptSale } from '../../src-shared/receipt';
import { DEFAULT_TAX_RATES, TAX_CLASSES, type ClassTotals, type TaxClass } from '../../src-shared/tax';
import type { LedgerDb } from './open';
import { devices, saleLines, sales, tenders, users } from './schema';

type SaleRow = typeof sales.$inferSelect;
type LineRow = typeof saleLines.$inferSelect;

/** KRA's answer for the sale (spec 2.14 response), under plain names. */
export interface StoredSignature {
  kraInvoiceNo: number | null;
  cuReceiptNo: number;
  totalReceiptNo: number;
  internalData: string;
  signature: string;
  scuDateTime: string;
}

export interface StoredReceipt {
  sale: ReceiptSale;
  signature: StoredSignature | null;
  /** The store's name, address and messages as sent to KRA with the sale; null where the body lacks them. */
  frozenStore: { tradeName: string | null; address: string | null; topMsg: string | null; btmMsg: string | null };
  hasCashTender: boolean;
}

export type DeviceRow = typeof devices.$inferSelect;

export function readDevice(db: LedgerDb, environment: KraMode): DeviceRow | undefined {
  return db.select().from(devices).where(eq(devices.environment, environment)).get();
}

export function latestSaleId(db: LedgerDb): number | undefined {
  return db.select({ id: sales.id }).from(sales).orderBy(desc(sales.id)).limit(1).get()?.id;
}

export function readReceipt(db: LedgerDb, saleId: number): StoredReceipt | undefined {
  const row = db.select().from(sales).where(eq(sales.id, saleId)).get();
  if (!row) return undefined;
  const lines = db.select().from(saleLines).where(eq(saleLines.saleId, saleId)).orderBy(saleLines.seq).all();
  const paid = db.select().from(tenders).where(eq(tenders.saleId, saleId)).orderBy(tenders.seq).all();
  const cashier = db.select({ name: users.name }).from(users).where(eq(users.id, row.cashierId)).get();
  const body = asRecord(row.payload);
  const frozen = asRecord(body.receipt);
  return {
    sale: {
      id: row.id,
      receiptNo: row.receiptNo,
      tradeInvoiceNo: tradeInvoiceNo(row),
      kind: row.kind,
      committedAt: row.committedAt,
      cashierName: cashier?.name ?? '',
      customer: { tin: row.customerTin, name: row.customerName },
      lines: lines.map(({ name, quantity, unitPrice, discount, total, taxClass }) => ({ name, quantity, unitPrice, discount, total, taxClass })),
      byClass: classTotals(lines, body),
      total: row.total,
      taxableTotal: row.taxableTotal,
      taxTotal: row.taxTotal,
      tenders: paid.map(({ kind, amount, reference }) => ({ kind, amount, reference })),
      changeGiven: row.changeGiven,
      refund: row.kind === 'R' ? refundOf(db, row, body) : null,
    },
    signature: signatureOf(row),
    frozenStore: {
      tradeName: stringOr(frozen.trdeNm),
      address: stringOr(frozen.adrs),
      topMsg: stringOr(frozen.topMsg),
      btmMsg: stringOr(frozen.btmMsg),
    },
    hasCashTender: paid.some((t) => t.kind === 'cash'),
  };
}

function signatureOf(row: SaleRow): StoredSignature | null {
  if (row.rcptSign === null || row.intrlData === null || row.curRcptNo === null || row.totRcptNo === null || row.sdcDateTime === null) return null;
  return {
    kraInvoiceNo: row.invcNo,
    cuReceiptNo: row.curRcptNo,
    totalReceiptNo: row.totRcptNo,
    internalData: row.intrlData,
    signature: row.rcptSign,
    scuDateTime: row.sdcDateTime,
  };
}

function refundOf(db: LedgerDb, row: SaleRow, body: Record<string, unknown>): NonNullable<ReceiptSale['refund']> {
  const original = row.originalSaleId === null ? undefined : db.select().from(sales).where(eq(sales.id, row.originalSaleId)).get();
  return {
    reasonCode: row.refundReason ?? stringOr(body.rfdRsnCd),
    original: { tradeInvoiceNo: original ? tradeInvoiceNo(original) : '', cuReceiptNo: original?.curRcptNo ?? null },
  };
}

function tradeInvoiceNo(row: SaleRow): string {
  return stringOr(asRecord(row.payload).trdInvcNo) ?? String(row.receiptNo);
}

/** Per-class sums of the lines; a class with no line takes its rate from the body sent to KRA. */
function classTotals(lines: readonly LineRow[], body: Record<string, unknown>): Record<TaxClass, ClassTotals> {
  const result = {} as Record<TaxClass, ClassTotals>;
  for (const taxClass of TAX_CLASSES) {
    const of = lines.filter((l) => l.taxClass === taxClass);
    const wireRate = body[`taxRt${taxClass}`];
    result[taxClass] = {
      rate: of[0]?.rate ?? (typeof wireRate === 'number' ? wireToHundredths(wireRate) : DEFAULT_TAX_RATES[taxClass]),
      taxable: of.reduce((sum, l) => sum + l.taxable, 0),
      tax: of.reduce((sum, l) => sum + l.tax, 0),
      total: of.reduce((sum, l) => sum + l.total, 0),
    };
  }
  return result;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function stringOr(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
