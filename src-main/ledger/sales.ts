import { and, asc, eq, getTableColumns, gt, max, sql, sum } from 'drizzle-orm';
import { GENESIS_HASH, chainHash, type ChainedContent } from './chain';
import type { LedgerDb, LedgerWriter } from './open';
import { checkpointSoon } from './checkpoint';
import { connectionOf, insertRows, keptStatement } from './prepared';
import { auditLog, items, outbox, saleLines, sales, tenders } from './schema';

export type NewSale = ChainedContent['sale'];
export type NewLine = ChainedContent['lines'][number];
export type NewTender = ChainedContent['tenders'][number];
export type SaleRow = typeof sales.$inferSelect;

/** The items with these codes, by code: one kept statement, whatever the number of codes. */
export function itemsByCode(db: LedgerWriter, codes: readonly string[]): Map<string, typeof items.$inferSelect> {
  const select = keptStatement(db, 'items by codes', () => `SELECT ${itemColumns.map(([, column]) => `"${column.name}"`).join(', ')} FROM items WHERE code IN (SELECT value FROM json_each(?))`);
  const found = new Map<string, typeof items.$inferSelect>();
  for (const values of select.raw(true).all(JSON.stringify(codes)) as unknown[][]) {
    const item = itemFromValues(values);
    found.set(item.code, item);
  }
  return found;
}

const itemColumns = Object.entries(getTableColumns(items));

/** A row of `items` as SQLite gives it (the columns in itemColumns' order), in drizzle's shape. */
function itemFromValues(values: readonly unknown[]): typeof items.$inferSelect {
  const item: Record<string, unknown> = {};
  itemColumns.forEach(([field, column], i) => {
    const value = values[i];
    item[field] = value === null ? null : column.mapFromDriverValue(value);
  });
  return item as typeof items.$inferSelect;
}

export function mpesaCodeUsed(db: LedgerDb, reference: string): boolean {
  // The literal 'mpesa' lets SQLite use the partial unique index on M-Pesa codes.
  const used = db.select({ saleId: tenders.saleId }).from(tenders).where(and(sql`${tenders.kind} = 'mpesa'`, eq(tenders.reference, reference)));
  return used.limit(1).get() !== undefined;
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
  const last = keptStatement(tx, 'sales last receiptNo', () => 'SELECT max(receipt_no) AS n FROM sales').get() as { n: number | null };
  return (last.n ?? 0) + 1;
}

function previousHash(tx: LedgerWriter): string {
  const last = keptStatement(tx, 'sales last hash', () => 'SELECT hash FROM sales ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  return last?.hash ?? GENESIS_HASH;
}

/**
 * Commits one sale in a single transaction: the next gapless receipt number, the sale, its lines and
 * tenders, its link in the hash chain, its outbox row and an audit row. All or nothing. Each table
 * takes one kept statement (lines and tenders all their rows in one), so a sale costs little more
 * than its rows and its fsync.
 */
export function commitSale(
  db: LedgerDb,
  build: (receiptNo: number) => { sale: NewSale; lines: NewLine[]; tenders: NewTender[] },
): SaleRow {
  // better-sqlite3's own transaction (a savepoint when the caller has one open): the kept statements
  // need no drizzle transaction object, which costs more to build than a row costs to write.
  const client = connectionOf(db);
  const row = client.transaction(() => {
    const receiptNo = nextReceiptNo(db);
    const content = build(receiptNo);
    const prevHash = previousHash(db);
    const hash = chainHash(prevHash, content);
    const id = insertRows(db, sales, [{ ...content.sale, prevHash, hash }]);
    insertRows(db, saleLines, content.lines.map((line) => ({ ...line, saleId: id })));
    insertRows(db, tenders, content.tenders.map((t) => ({ ...t, saleId: id })));
    insertRows(db, outbox, [{ saleId: id, state: 'pending', updatedAt: content.sale.committedAt }]);
    insertRows(db, auditLog, [{
      at: content.sale.committedAt,
      userId: content.sale.cashierId,
      action: content.sale.kind === 'S' ? 'sale.complete' : 'sale.refund',
      detail: { saleId: id, receiptNo, total: content.sale.total },
    }]);
    return { ...content.sale, id, prevHash, hash, ...UNSIGNED };
  }).immediate();
  checkpointSoon(client);
  return row;
}

/** A sale's KRA columns before KRA has signed it. */
const UNSIGNED = { invcNo: null, curRcptNo: null, totRcptNo: null, intrlData: null, rcptSign: null, sdcDateTime: null, signedAt: null } as const;

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
