/**
 * Customs declaration lines KRA lists for this taxpayer (selectImportItemList), and the manager's
 * decision on each: approved as stock of one of our items, or cancelled (code class 26).
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { ImportItem } from '../../src-shared/etims/wire';
import type { LedgerDb, LedgerWriter } from './open';
import { importItems } from './schema';

export type ImportRow = typeof importItems.$inferSelect;

export interface ImportKey {
  taskCode: string;
  /** KRA's dclDe exactly as selectImportItemList wrote it (observed DDMMYYYY). */
  declarationDate: string;
  itemSeq: number;
}

export const IMPORT_STATUS = { unsent: '1', waiting: '2', approved: '3', cancelled: '4' } as const;

function byKey(key: ImportKey) {
  return and(eq(importItems.taskCode, key.taskCode), eq(importItems.declarationDate, key.declarationDate), eq(importItems.itemSeq, key.itemSeq));
}

export function importKeyOf(item: ImportItem): ImportKey {
  return { taskCode: item.taskCd, declarationDate: item.dclDe ?? '', itemSeq: item.itemSeq };
}

/**
 * Keeps KRA's latest version of a line nobody here has decided yet. A decided line keeps our
 * status: KRA's lists are seen to lag behind updateImportItem (spec 8.2).
 */
export function receiveImport(db: LedgerWriter, item: ImportItem, at: Date): 'added' | 'updated' | 'kept' {
  const key = importKeyOf(item);
  const existing = importByKey(db, key);
  const status = item.imptItemsttsCd ?? IMPORT_STATUS.waiting;
  if (!existing) {
    db.insert(importItems).values({ ...key, record: item, status, fetchedAt: at.toISOString() }).run();
    return 'added';
  }
  if (existing.jobId !== null) return 'kept';
  db.update(importItems).set({ record: item, status, fetchedAt: at.toISOString() }).where(and(byKey(key), isNull(importItems.jobId))).run();
  return 'updated';
}

export function importByKey(db: LedgerWriter, key: ImportKey): ImportRow | undefined {
  return db.select().from(importItems).where(byKey(key)).get();
}

export function importByJob(db: LedgerWriter, jobId: number): ImportRow | undefined {
  return db.select().from(importItems).where(eq(importItems.jobId, jobId)).get();
}

export function listImports(db: LedgerDb): ImportRow[] {
  return db.select().from(importItems).orderBy(asc(importItems.declarationDate), asc(importItems.taskCode), asc(importItems.itemSeq)).all();
}

/** Records a decision on a line not decided yet; false when someone decided first. */
export function decideImport(
  db: LedgerWriter,
  key: ImportKey,
  decision: { status: string; itemCode: string; userId: number; jobId: number },
  at: Date,
): boolean {
  const result = db
    .update(importItems)
    .set({ status: decision.status, itemCode: decision.itemCode, decidedBy: decision.userId, jobId: decision.jobId, decidedAt: at.toISOString() })
    .where(and(byKey(key), isNull(importItems.jobId)))
    .run();
  return result.changes === 1;
}

export function importItemOf(row: ImportRow): ImportItem {
  return row.record as ImportItem;
}
