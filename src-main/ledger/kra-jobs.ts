/**
 * The queue of KRA requests other than sales (schema.ts, kraJobs). One sender takes them oldest
 * first; a job tied to a sale waits until KRA has signed that sale (spec 2.17: "every stock in/out
 * information must have its sales invoice information sent in advance").
 */
import { and, asc, count, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { LedgerDb, LedgerWriter } from './open';
import { insertRows } from './prepared';
import { counters, kraJobs, outbox } from './schema';

export type KraJobRow = typeof kraJobs.$inferSelect;
export type JobEndpoint = KraJobRow['endpoint'];
export type JobNumbering = NonNullable<KraJobRow['numbering']>;

export interface NewJob {
  endpoint: JobEndpoint;
  subject: string;
  /** The request body, without the sequence number the sender gives (sarNo, a purchase's invcNo). */
  payload: Record<string, unknown>;
  numbering?: JobNumbering;
  afterSaleId?: number;
}

/** The counters behind each numbering, and the field of the request the number goes in. */
export const NUMBERING: Record<JobNumbering, { counter: string; field: string }> = {
  sar: { counter: 'kra.sarNo', field: 'sarNo' },
  purchase: { counter: 'kra.purchaseInvcNo', field: 'invcNo' },
};

/** Queues a job in the caller's transaction, so it exists exactly when what it reports does. */
export function queueJob(db: LedgerWriter, job: NewJob, at: Date): number {
  return insertRows(db, kraJobs, [
    {
      endpoint: job.endpoint,
      subject: job.subject,
      payload: job.payload,
      numbering: job.numbering ?? null,
      afterSaleId: job.afterSaleId ?? null,
      state: 'pending',
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
    },
  ]);
}

/** The oldest job that may go now: not done, not parked, and its sale (if any) signed by KRA. */
export function nextDueJob(db: LedgerDb): KraJobRow | undefined {
  return db
    .select({ job: kraJobs })
    .from(kraJobs)
    .leftJoin(outbox, eq(outbox.saleId, kraJobs.afterSaleId))
    .where(and(inArray(kraJobs.state, ['pending', 'unknown']), or(isNull(kraJobs.afterSaleId), eq(outbox.state, 'signed'))))
    .orderBy(asc(kraJobs.id))
    .limit(1)
    .get()?.job;
}

function readCounter(db: LedgerWriter, name: string): number {
  return db.select({ next: counters.next }).from(counters).where(eq(counters.name, name)).get()?.next ?? 1;
}

function writeCounter(db: LedgerWriter, name: string, next: number): void {
  db.insert(counters).values({ name, next }).onConflictDoUpdate({ target: counters.name, set: { next } }).run();
}

/**
 * Written before the request leaves: the job's number (the next of its sequence, at the first send;
 * kept after) and the state `unknown`. Returns the body to send.
 */
export function beginJobAttempt(db: LedgerDb, job: KraJobRow, at: Date): { number: number | null; body: Record<string, unknown> } {
  return db.transaction((tx) => {
    let number = job.number;
    if (job.numbering && number === null) {
      const { counter } = NUMBERING[job.numbering];
      number = readCounter(tx, counter);
      writeCounter(tx, counter, number + 1);
    }
    tx.update(kraJobs).set({ number, state: 'unknown', updatedAt: at.toISOString() }).where(eq(kraJobs.id, job.id)).run();
    const payload = job.payload as Record<string, unknown>;
    return { number, body: job.numbering && number !== null ? { ...payload, [NUMBERING[job.numbering].field]: number } : payload };
  });
}

/** KRA accepted the job: mark it done and apply what it means here, in one transaction. */
export function finishJob(db: LedgerDb, job: KraJobRow, at: Date, effect?: (tx: LedgerWriter) => void): void {
  db.transaction((tx) => {
    tx.update(kraJobs).set({ state: 'done', lastError: null, updatedAt: at.toISOString() }).where(eq(kraJobs.id, job.id)).run();
    effect?.(tx);
  });
}

export function failJobAttempt(db: LedgerDb, job: KraJobRow, at: Date, lastError: string): void {
  db.update(kraJobs)
    .set({ attempts: sql`${kraJobs.attempts} + 1`, lastError, updatedAt: at.toISOString() })
    .where(eq(kraJobs.id, job.id))
    .run();
}

/** A definitive refusal: the job waits for a person; its number goes back if nothing took a later one. */
export function parkJob(db: LedgerDb, job: KraJobRow, number: number | null, reason: string, at: Date, effect?: (tx: LedgerWriter) => void): void {
  db.transaction((tx) => {
    if (job.numbering && number !== null) {
      const { counter } = NUMBERING[job.numbering];
      if (readCounter(tx, counter) === number + 1) writeCounter(tx, counter, number);
    }
    tx.update(kraJobs).set({ state: 'parked', number: null, lastError: reason, updatedAt: at.toISOString() }).where(eq(kraJobs.id, job.id)).run();
    effect?.(tx);
  });
}

/** KRA named the number it expects next: take it, and send this job again under it. */
export function realignJob(db: LedgerDb, job: KraJobRow, expected: number, at: Date): void {
  db.transaction((tx) => {
    writeCounter(tx, NUMBERING[job.numbering!].counter, expected);
    tx.update(kraJobs).set({ state: 'pending', number: null, updatedAt: at.toISOString() }).where(eq(kraJobs.id, job.id)).run();
  });
}

/**
 * A newer job says all that these did (a later version of an item, a later stock total): the older
 * ones about the same subject, in the given states, are closed as done, naming the job that
 * replaces them, so they are never sent over the newer one.
 */
export function supersedeJobs(
  db: LedgerWriter,
  older: { endpoint: JobEndpoint; subject: string; states: KraJobRow['state'][] },
  byJob: number,
  at: Date,
): void {
  db.update(kraJobs)
    .set({ state: 'done', lastError: sql`coalesce(${kraJobs.lastError} || ' ', '') || ${`(superseded by job ${byJob})`}`, updatedAt: at.toISOString() })
    .where(and(eq(kraJobs.endpoint, older.endpoint), eq(kraJobs.subject, older.subject), inArray(kraJobs.state, older.states), ne(kraJobs.id, byJob)))
    .run();
}

/** A person fixed what KRA refused: queue the parked job again. */
export function redriveJob(db: LedgerDb, id: number, at: Date): boolean {
  const result = db
    .update(kraJobs)
    .set({ state: 'pending', attempts: 0, updatedAt: at.toISOString() })
    .where(and(eq(kraJobs.id, id), eq(kraJobs.state, 'parked')))
    .run();
  return result.changes === 1;
}

export function jobById(db: LedgerDb, id: number): KraJobRow | undefined {
  return db.select().from(kraJobs).where(eq(kraJobs.id, id)).get();
}

/** Jobs KRA refused, for a manager, with KRA's words. */
export function parkedJobs(db: LedgerDb): KraJobRow[] {
  return db.select().from(kraJobs).where(eq(kraJobs.state, 'parked')).orderBy(asc(kraJobs.id)).all();
}

export function jobQueueDepth(db: LedgerDb): { waiting: number; parked: number } {
  const rows = db
    .select({ state: kraJobs.state, n: count() })
    .from(kraJobs)
    .where(inArray(kraJobs.state, ['pending', 'unknown', 'parked']))
    .groupBy(kraJobs.state)
    .all();
  const of = (state: string) => rows.find((r) => r.state === state)?.n ?? 0;
  return { waiting: of('pending') + of('unknown'), parked: of('parked') };
}
