import { eq } from 'drizzle-orm';
import type { LedgerDb, LedgerWriter } from './open';
import { saleRequests } from './schema';

export type SaleRequestRow = typeof saleRequests.$inferSelect;

export function saleRequestByKey(db: LedgerDb, clientKey: string): SaleRequestRow | undefined {
  return db.select().from(saleRequests).where(eq(saleRequests.clientKey, clientKey)).get();
}

export function recordSaleRequest(db: LedgerWriter, row: SaleRequestRow): void {
  db.insert(saleRequests).values(row).run();
}
