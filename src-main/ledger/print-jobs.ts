/**
 * The durable print queue: a job is written before it is sent, so a printer that is off, out of paper
 * or unplugged leaves it `failed` with the reason, to be sent again by a retry.
 */
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { LedgerDb } from './open';
import { printJobs } from './schema';

export type PrintJobRow = typeof printJobs.$inferSelect;
export type PrintJobKind = PrintJobRow['kind'];

export function insertPrintJob(
  db: LedgerDb,
  job: { createdAt: string; saleId: number | null; kind: PrintJobKind; printer: string; document: unknown },
): PrintJobRow {
  return db.insert(printJobs).values({ ...job, state: 'queued' }).returning().get();
}

export function findPrintJob(db: LedgerDb, id: number): PrintJobRow | undefined {
  return db.select().from(printJobs).where(eq(printJobs.id, id)).get();
}

export function recordPrinted(db: LedgerDb, id: number, at: string, printer: string): PrintJobRow {
  return db
    .update(printJobs)
    .set({ state: 'printed', printedAt: at, printer, lastError: null, attempts: sql`${printJobs.attempts} + 1` })
    .where(eq(printJobs.id, id))
    .returning()
    .get();
}

export function recordFailed(db: LedgerDb, id: number, error: string, printer: string): PrintJobRow {
  return db
    .update(printJobs)
    .set({ state: 'failed', lastError: error, printer, attempts: sql`${printJobs.attempts} + 1` })
    .where(eq(printJobs.id, id))
    .returning()
    .get();
}

/** Jobs still waiting: failed ones, and queued ones a crash interrupted. Oldest first. */
export function unprintedJobs(db: LedgerDb): PrintJobRow[] {
  return db.select().from(printJobs).where(ne(printJobs.state, 'printed')).orderBy(asc(printJobs.id)).all();
}

/** A sale's receipt and copy jobs, oldest first. */
export function receiptJobsOf(db: LedgerDb, saleId: number): PrintJobRow[] {
  return db
    .select()
    .from(printJobs)
    .where(and(eq(printJobs.saleId, saleId), inArray(printJobs.kind, ['receipt', 'copy'])))
    .orderBy(asc(printJobs.id))
    .all();
}

/** Whether Z report `zNumber` has been printed or saved as PDF before: every later one is a copy. */
export function zReportPrinted(db: LedgerDb, zNumber: number): boolean {
  return (
    db
      .select({ id: printJobs.id })
      .from(printJobs)
      .where(and(eq(printJobs.kind, 'report'), sql`json_extract(${printJobs.document}, '$.zNumber') = ${zNumber}`))
      .limit(1)
      .get() !== undefined
  );
}
