/** Shifts and the cash moved in and out of their drawer. */
import { and, desc, eq, isNotNull, isNull, max, sql } from 'drizzle-orm';
import type { LedgerDb, LedgerWriter } from './open';
import { auditLog, cashMoves, sales, shifts, users } from './schema';

export type ShiftRow = typeof shifts.$inferSelect;
export type CashMoveKind = (typeof cashMoves.$inferSelect)['kind'];

export function openShiftOf(db: LedgerWriter, tillId: string): ShiftRow | undefined {
  return db.select().from(shifts).where(and(eq(shifts.tillId, tillId), isNull(shifts.closedAt))).get();
}

export function lastSaleId(db: LedgerWriter): number {
  return db.select({ id: max(sales.id) }).from(sales).get()?.id ?? 0;
}

export function lastAuditId(db: LedgerWriter): number {
  return db.select({ id: max(auditLog.id) }).from(auditLog).get()?.id ?? 0;
}

export function insertShift(tx: LedgerWriter, shift: { tillId: string; openedAt: string; openedBy: number; float: number }): ShiftRow {
  return tx
    .insert(shifts)
    .values({ ...shift, openAfterSaleId: lastSaleId(tx), openAfterAuditId: lastAuditId(tx) })
    .returning()
    .get();
}

export function closeShiftRow(
  tx: LedgerWriter,
  shiftId: number,
  close: { closedAt: string; closedBy: number; countedPieces: Record<string, number>; counted: number; expected: number },
): ShiftRow {
  return tx
    .update(shifts)
    .set({ ...close, closeSaleId: lastSaleId(tx), closeAuditId: lastAuditId(tx) })
    .where(eq(shifts.id, shiftId))
    .returning()
    .get();
}

export function insertCashMove(tx: LedgerWriter, move: { shiftId: number; at: string; userId: number; kind: CashMoveKind; amount: number; reason: string }): void {
  tx.insert(cashMoves).values(move).run();
}

export function cashMoveTotals(db: LedgerWriter, shiftIds: readonly number[]): { payIns: number; payOuts: number } {
  if (shiftIds.length === 0) return { payIns: 0, payOuts: 0 };
  const rows = db
    .select({ kind: cashMoves.kind, amount: sql<number>`coalesce(sum(${cashMoves.amount}), 0)` })
    .from(cashMoves)
    .where(sql`${cashMoves.shiftId} in (${sql.join(shiftIds.map((id) => sql`${id}`), sql`, `)})`)
    .groupBy(cashMoves.kind)
    .all();
  const total = (kind: CashMoveKind) => Number(rows.find((r) => r.kind === kind)?.amount ?? 0);
  return { payIns: total('payIn'), payOuts: total('payOut') };
}

export function userName(db: LedgerWriter, userId: number | null): string {
  if (userId === null) return '';
  return db.select({ name: users.name }).from(users).where(eq(users.id, userId)).get()?.name ?? `#${userId}`;
}

export function recentClosedShifts(db: LedgerDb, limit: number): ShiftRow[] {
  return db.select().from(shifts).where(isNotNull(shifts.closedAt)).orderBy(desc(shifts.id)).limit(limit).all();
}

/** The shifts opened after a given one (the business day's, after the last Z), oldest first. */
export function shiftsAfter(db: LedgerWriter, afterShiftId: number): ShiftRow[] {
  return db.select().from(shifts).where(sql`${shifts.id} > ${afterShiftId}`).orderBy(shifts.id).all();
}
