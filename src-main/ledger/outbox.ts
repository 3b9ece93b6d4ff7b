import { and, asc, count, eq, gt, inArray, isNotNull, isNull, min } from 'drizzle-orm';
import type { KraSignature } from '../sync/port';
import { appendAudit } from './audit';
import { withoutFsync, type LedgerDb, type LedgerWriter } from './open';
import { counters, outbox, sales } from './schema';

const INVOICE_COUNTER = 'kra.invcNo';

export type OutboxState = (typeof outbox.$inferSelect)['state'];

export interface DueSale {
  saleId: number;
  receiptNo: number;
  state: 'pending' | 'unknown';
  invcNo: number | null;
  attempts: number;
  kind: 'S' | 'R';
  originalSaleId: number | null;
  payload: Record<string, unknown>;
}

/** The next sale to send: the oldest not yet signed nor parked. One sender, strictly in order. */
export function nextDue(db: LedgerDb): DueSale | undefined {
  const saleId = oldestIn(db, ['pending', 'unknown']);
  return saleId === null ? undefined : dueSale(db, saleId);
}

function dueSale(db: LedgerDb, saleId: number): DueSale {
  const row = db
    .select({
      saleId: outbox.saleId,
      receiptNo: sales.receiptNo,
      state: outbox.state,
      invcNo: outbox.invcNo,
      attempts: outbox.attempts,
      kind: sales.kind,
      originalSaleId: sales.originalSaleId,
      payload: sales.payload,
    })
    .from(outbox)
    .innerJoin(sales, eq(sales.id, outbox.saleId))
    .where(eq(outbox.saleId, saleId))
    .get()!;
  return { ...row, state: row.state as DueSale['state'], payload: row.payload as Record<string, unknown> };
}

/**
 * The sale queued right after this one, if it has never been sent: the sender readies it (gives it
 * its invcNo) while this one is in flight.
 */
export function freshSaleAfter(db: LedgerDb, saleId: number): DueSale | undefined {
  const next = oldestIn(db, ['pending', 'unknown'], saleId);
  if (next === null) return undefined;
  const sale = dueSale(db, next);
  return sale.state === 'pending' && sale.invcNo === null ? sale : undefined;
}

/**
 * The oldest sale in any of these states (after a given one): one index probe per state, so finding the next sale
 * costs the same with ten thousand waiting as with one.
 */
function oldestIn(db: LedgerDb, states: OutboxState[], after = 0): number | null {
  const firsts = states
    .map((state) => db.select({ saleId: min(outbox.saleId) }).from(outbox).where(and(eq(outbox.state, state), gt(outbox.saleId, after))).get()?.saleId ?? null)
    .filter((id): id is number => id !== null);
  return firsts.length > 0 ? Math.min(...firsts) : null;
}

function readCounter(db: LedgerWriter): number {
  return db.select({ next: counters.next }).from(counters).where(eq(counters.name, INVOICE_COUNTER)).get()?.next ?? 1;
}

function writeCounter(db: LedgerWriter, next: number): void {
  db.insert(counters)
    .values({ name: INVOICE_COUNTER, next })
    .onConflictDoUpdate({ target: counters.name, set: { next } })
    .run();
}

/**
 * Written before each request leaves: the sale's invcNo (the next one, at its first send; kept after)
 * and the state `unknown`, so that if no answer comes the next attempt asks KRA first.
 */
export function beginAttempt(db: LedgerDb, sale: DueSale, at: Date): number {
  return db.transaction((tx) => {
    let invcNo = sale.invcNo;
    if (invcNo === null) {
      invcNo = readCounter(tx);
      writeCounter(tx, invcNo + 1);
    }
    tx.update(outbox).set({ invcNo, state: 'unknown', lastError: null, updatedAt: at.toISOString() }).where(eq(outbox.saleId, sale.saleId)).run();
    return invcNo;
  });
}

/** A readied sale that never left goes back to waiting, and gives back its invcNo if no later sale took one. */
export function releaseReadied(db: LedgerDb, saleId: number, invcNo: number, at: Date): void {
  db.transaction((tx) => {
    if (readCounter(tx) === invcNo + 1) writeCounter(tx, invcNo);
    tx.update(outbox)
      .set({ state: 'pending', invcNo: null, updatedAt: at.toISOString() })
      .where(and(eq(outbox.saleId, saleId), eq(outbox.state, 'unknown')))
      .run();
  });
}

export function recordFailedAttempt(db: LedgerDb, sale: DueSale, at: Date, lastError: string): void {
  db.update(outbox)
    .set({ state: 'unknown', attempts: sale.attempts + 1, lastError, updatedAt: at.toISOString() })
    .where(eq(outbox.saleId, sale.saleId))
    .run();
}

/**
 * KRA accepted the sale: its signature turns the receipt into a tax invoice. Written once, without
 * waiting for an fsync: if a power cut loses it, the sale is `unknown` again and KRA's copy is
 * adopted by the lookup that follows.
 */
export function adoptSignature(db: LedgerDb, saleId: number, invcNo: number, signature: KraSignature, at: Date): void {
  withoutFsync(db, () => db.transaction((tx) => {
    tx.update(sales)
      .set({ invcNo, ...signature, signedAt: at.toISOString() })
      .where(and(eq(sales.id, saleId), isNull(sales.rcptSign)))
      .run();
    tx.update(outbox)
      .set({ state: 'signed', invcNo, lastError: null, updatedAt: at.toISOString() })
      .where(eq(outbox.saleId, saleId))
      .run();
  }));
}

/** A definitive rejection: the sale waits for a manager, and its invcNo goes to the next sale. */
export function park(db: LedgerDb, sale: DueSale, reason: string, at: Date): void {
  db.transaction((tx) => {
    if (sale.invcNo !== null && readCounter(tx) === sale.invcNo + 1) {
      writeCounter(tx, sale.invcNo);
    }
    tx.update(outbox)
      .set({ state: 'parked', invcNo: null, lastError: reason, updatedAt: at.toISOString() })
      .where(eq(outbox.saleId, sale.saleId))
      .run();
  });
}

/** KRA named the invcNo it expects: take it as ours and renumber this sale from it. */
export function realign(db: LedgerDb, saleId: number, expected: number, at: Date): void {
  db.transaction((tx) => {
    writeCounter(tx, expected);
    tx.update(outbox)
      .set({ state: 'pending', invcNo: null, updatedAt: at.toISOString() })
      .where(eq(outbox.saleId, saleId))
      .run();
  });
}

/** Unsigned sales that hold an invcNo (sent, answer unknown): the ones a resync from KRA must look up first. */
export function numberedUnsigned(db: LedgerDb): DueSale[] {
  return db
    .select({ saleId: outbox.saleId })
    .from(outbox)
    .where(and(inArray(outbox.state, ['pending', 'unknown']), isNotNull(outbox.invcNo)))
    .orderBy(asc(outbox.saleId))
    .all()
    .map(({ saleId }) => dueSale(db, saleId));
}

/**
 * The ledger was behind KRA: these unsigned sales give up the invcNos KRA holds for other sales and
 * wait for fresh ones from `next`, KRA's first free number. A signed sale is never touched.
 */
export function renumberUnsent(
  db: LedgerDb,
  saleIds: number[],
  next: number,
  audit: { at: Date; userId: number | null; detail: Record<string, unknown> },
): void {
  const { at, userId, detail } = audit;
  db.transaction((tx) => {
    writeCounter(tx, next);
    if (saleIds.length > 0) {
      tx.update(outbox)
        .set({ state: 'pending', invcNo: null, lastError: null, updatedAt: at.toISOString() })
        .where(and(inArray(outbox.saleId, saleIds), inArray(outbox.state, ['pending', 'unknown'])))
        .run();
    }
    appendAudit(tx, { at, userId, action: 'sync.resync', detail: { ...detail, nextInvcNo: next, renumbered: saleIds } });
  });
}

/** A manager fixed what KRA complained about: send the parked sale again, with a fresh invcNo. */
export function redrive(db: LedgerDb, saleId: number, at: Date): boolean {
  const result = db
    .update(outbox)
    .set({ state: 'pending', attempts: 0, updatedAt: at.toISOString() })
    .where(and(eq(outbox.saleId, saleId), eq(outbox.state, 'parked')))
    .run();
  return result.changes === 1;
}

export function signedInvcNo(db: LedgerDb, saleId: number): number | null {
  return db.select({ invcNo: sales.invcNo }).from(sales).where(eq(sales.id, saleId)).get()?.invcNo ?? null;
}

export function outboxStateOf(db: LedgerDb, saleId: number): OutboxState | undefined {
  return db.select({ state: outbox.state }).from(outbox).where(eq(outbox.saleId, saleId)).get()?.state;
}

export function unsignedSummary(db: LedgerDb): { depth: number; oldestCommittedAt: Date | null } {
  const unsigned: OutboxState[] = ['pending', 'unknown', 'parked'];
  const depth = db.select({ depth: count() }).from(outbox).where(inArray(outbox.state, unsigned)).get()?.depth ?? 0;
  // Sales commit in id order, so the oldest unsigned is the lowest id: no join over the backlog.
  const oldestId = oldestIn(db, unsigned);
  const oldest = oldestId === null ? undefined : db.select({ at: sales.committedAt }).from(sales).where(eq(sales.id, oldestId)).get()?.at;
  return { depth, oldestCommittedAt: oldest ? new Date(oldest) : null };
}

/** Sales KRA refused, waiting for a manager: with KRA's reason. */
export function parkedSales(db: LedgerDb): { saleId: number; receiptNo: number; committedAt: string; total: number; reason: string }[] {
  return db
    .select({ saleId: outbox.saleId, receiptNo: sales.receiptNo, committedAt: sales.committedAt, total: sales.total, reason: outbox.lastError })
    .from(outbox)
    .innerJoin(sales, eq(sales.id, outbox.saleId))
    .where(eq(outbox.state, 'parked'))
    .orderBy(asc(outbox.saleId))
    .all()
    .map((row) => ({ ...row, reason: row.reason ?? '' }));
}
