import { asc, desc, eq, gt, inArray, max, sum } from 'drizzle-orm';
import { GENESIS_HASH, chainHash, type ChainedContent } from './chain';
import type { LedgerDb, LedgerWriter } from './open';
import { auditLog, items, outbox, saleLines, sales, tenders } from './schema';

export type NewSale = ChainedContent['sale'];
export type NewLine = ChainedContent['lines'][number];
export type NewTender = ChainedContent['tenders'][number];
export type SaleRow = typeof sales.$inferSelect;

export function itemsByCode(db: LedgerDb, codes: readonly string[]): Map<string, typeof items.$inferSelect> {
  const rows = db.select().from(items).where(inArray(items.code, [...codes])).all();
  return new Map(rows.map((row) => [row.code, row]));
}

export function mpesaCodeUsed(db: LedgerDb, reference: string): boolean {
  return db.select({ saleId: tenders.saleId }).from(tenders).where(eq(tenders.reference, reference)).limit(1).get() !== undefined;
}

/** The newest commit time, of sales after `afterSaleId` (a clock re-anchored past future-dated sales). */
export function latestCommittedAt(db: LedgerDb, afterSaleId = 0): Date | null {
  const row = db.select({ at: max(sales.committedAt) }).from(sales).where(gt(sales.id, afterSaleId)).get();
  return row?.at ? new Date(row.at) : null;
}

export function latestSdcDateTime(db: LedgerDb, afterSaleId = 0): string | null {
  return db.select({ at: max(sales.sdcDateTime) }).from(sales).where(gt(sales.id, afterSaleId)).get()?.at ?? null;
}

function nextReceiptNo(tx: LedgerWriter): number {
  return (tx.select({ n: max(sales.receiptNo) }).from(sales).get()?.n ?? 0) + 1;
}

function previousHash(tx: LedgerWriter): string {
  return tx.select({ hash: sales.hash }).from(sales).orderBy(desc(sales.id)).limit(1).get()?.hash ?? GENESIS_HASH;
}

/**
 * Commits one sale in a single transaction: the next gapless receipt number, the sale, its lines and
 * tenders, its link in the hash chain, its outbox row and an audit row. All or nothing.
 */
export function commitSale(
  db: LedgerDb,
  build: (receiptNo: number) => { sale: NewSale; lines: NewLine[]; tenders: NewTender[] },
): SaleRow {
  return db.transaction((tx) => {
    const receiptNo = nextReceiptNo(tx);
    const content = build(receiptNo);
    const prevHash = previousHash(tx);
    const hash = chainHash(prevHash, content);
    const row = tx.insert(sales).values({ ...content.sale, prevHash, hash }).returning().get();
    if (content.lines.length > 0) tx.insert(saleLines).values(content.lines.map((line) => ({ ...line, saleId: row.id }))).run();
    if (content.tenders.length > 0) tx.insert(tenders).values(content.tenders.map((t) => ({ ...t, saleId: row.id }))).run();
    tx.insert(outbox).values({ saleId: row.id, state: 'pending', updatedAt: content.sale.committedAt }).run();
    tx.insert(auditLog)
      .values({
        at: content.sale.committedAt,
        userId: content.sale.cashierId,
        action: content.sale.kind === 'S' ? 'sale.complete' : 'sale.refund',
        detail: { saleId: row.id, receiptNo, total: content.sale.total },
      })
      .run();
    return row;
  }, { behavior: 'immediate' });
}

export function saleWithLines(db: LedgerDb, saleId: number): { sale: SaleRow; lines: (typeof saleLines.$inferSelect)[] } | undefined {
  const sale = db.select().from(sales).where(eq(sales.id, saleId)).get();
  if (!sale) return undefined;
  return { sale, lines: db.select().from(saleLines).where(eq(saleLines.saleId, saleId)).orderBy(asc(saleLines.seq)).all() };
}

/** How much of each line of a sale its credit notes have already taken back, by the sale's line seq. */
export function creditedQuantities(db: LedgerDb, originalSaleId: number): Map<number, number> {
  const rows = db
    .select({ seq: saleLines.originalSeq, quantity: sum(saleLines.quantity) })
    .from(saleLines)
    .innerJoin(sales, eq(sales.id, saleLines.saleId))
    .where(eq(sales.originalSaleId, originalSaleId))
    .groupBy(saleLines.originalSeq)
    .all();
  return new Map(rows.map((row) => [row.seq ?? 0, Number(row.quantity ?? 0)]));
}
