/** Reading stock: an item's level as it is now, and its movements with how far KRA has heard of them. */
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { StockMoveSummary } from '../../src-shared/api';
import type { LedgerDb } from '../ledger/open';
import { items, kraJobs, stockMoves, users } from '../ledger/schema';

/** Each item's stock on hand, read live (a primary-key lookup): the till's index keeps everything else. */
export function stockReader(db: LedgerDb): (code: string) => number | undefined {
  const query = db.select({ stock: items.stock }).from(items).where(eq(items.code, sql.placeholder('code'))).prepare();
  return (code) => query.get({ code })?.stock;
}

const KRA_STATE = { pending: 'waiting', unknown: 'waiting', done: 'accepted', parked: 'refused' } as const;

/** An item's movements, newest first; `before` (a move id) pages back. */
export function movesOf(db: LedgerDb, itemCode: string, limit: number, before?: number): StockMoveSummary[] {
  return db
    .select({ move: stockMoves, userName: users.name, job: { state: kraJobs.state, number: kraJobs.number, lastError: kraJobs.lastError } })
    .from(stockMoves)
    .leftJoin(kraJobs, eq(kraJobs.id, stockMoves.jobId))
    .leftJoin(users, eq(users.id, stockMoves.userId))
    .where(and(eq(stockMoves.itemCode, itemCode), before === undefined ? undefined : lt(stockMoves.id, before)))
    .orderBy(desc(stockMoves.id))
    .limit(limit)
    .all()
    .map(({ move, userName, job }) => ({
      id: move.id,
      occurredAt: move.occurredAt,
      quantity: move.quantity,
      ioType: move.ioType,
      reasonCode: move.reasonCode,
      note: move.note,
      saleId: move.saleId,
      purchaseId: move.purchaseId,
      userName,
      kra: {
        state: job?.state ? KRA_STATE[job.state] : 'waiting',
        number: job?.number ?? null,
        error: job?.state === 'done' ? null : (job?.lastError ?? null),
      },
    }));
}
