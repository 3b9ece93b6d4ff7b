/**
 * Supplier sales KRA lists with this store as the buyer (selectTrnsPurchaseSalesList), kept once per
 * supplier invoice, and what a manager made of each: confirmed as a purchase, or rejected.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { SupplierSale } from '../../src-shared/etims/wire';
import type { LedgerDb, LedgerWriter } from './open';
import { purchases } from './schema';

export type PurchaseRow = typeof purchases.$inferSelect;
export type PurchaseState = PurchaseRow['state'];

/** KRA's spplrSdcId may be missing; SQLite's unique index lets NULLs repeat, so the lookup matches NULL to NULL. */
function sameSupplierInvoice(sale: SupplierSale) {
  return and(
    eq(purchases.supplierTin, sale.spplrTin),
    sale.spplrSdcId === null ? isNull(purchases.supplierSdcId) : eq(purchases.supplierSdcId, sale.spplrSdcId),
    eq(purchases.supplierInvoiceNo, sale.spplrInvcNo),
  );
}

/** Keeps a supplier's sale as received; false when this supplier invoice is already here. */
export function receivePurchase(db: LedgerWriter, sale: SupplierSale, at: Date): boolean {
  if (db.select({ id: purchases.id }).from(purchases).where(sameSupplierInvoice(sale)).get()) return false;
  db.insert(purchases)
    .values({
      supplierTin: sale.spplrTin,
      supplierBranchId: sale.spplrBhfId,
      supplierName: sale.spplrNm,
      supplierInvoiceNo: sale.spplrInvcNo,
      supplierSdcId: sale.spplrSdcId,
      record: sale,
      state: 'received',
      fetchedAt: at.toISOString(),
    })
    .run();
  return true;
}

export function purchaseById(db: LedgerWriter, id: number): PurchaseRow | undefined {
  return db.select().from(purchases).where(eq(purchases.id, id)).get();
}

export function purchaseByJob(db: LedgerWriter, jobId: number): PurchaseRow | undefined {
  return db.select().from(purchases).where(eq(purchases.jobId, jobId)).get();
}

export function listPurchases(db: LedgerDb, state?: PurchaseState): PurchaseRow[] {
  return db
    .select()
    .from(purchases)
    .where(state ? eq(purchases.state, state) : undefined)
    .orderBy(asc(purchases.id))
    .all();
}

/** Records a manager's decision on a purchase still received; false when someone decided first. */
export function decidePurchase(
  db: LedgerWriter,
  id: number,
  decision: { state: 'confirmed' | 'rejected'; userId: number; jobId: number | null },
  at: Date,
): boolean {
  const result = db
    .update(purchases)
    .set({ state: decision.state, decidedBy: decision.userId, jobId: decision.jobId, decidedAt: at.toISOString() })
    .where(and(eq(purchases.id, id), eq(purchases.state, 'received')))
    .run();
  return result.changes === 1;
}

/** The supplier's sale as it was stored. */
export function supplierSaleOf(row: PurchaseRow): SupplierSale {
  return row.record as SupplierSale;
}
