import { asc, eq } from 'drizzle-orm';
import type { OpenCart } from '../../src-shared/api';
import type { LedgerDb, LedgerWriter } from './open';
import { auditLog, holds, users } from './schema';

export interface HoldRow {
  id: number;
  heldAt: string;
  cashierId: number;
  cashierName: string;
  label: string;
  cart: OpenCart;
}

interface AuditEntry {
  at: string;
  userId: number;
  action: string;
  detail: Record<string, unknown>;
}

function selectHolds(db: LedgerWriter) {
  return db
    .select({
      id: holds.id,
      heldAt: holds.heldAt,
      cashierId: holds.cashierId,
      cashierName: users.name,
      label: holds.label,
      cart: holds.cart,
    })
    .from(holds)
    .innerJoin(users, eq(users.id, holds.cashierId));
}

const asHold = (row: Omit<HoldRow, 'cart'> & { cart: unknown }): HoldRow => ({ ...row, cart: row.cart as OpenCart });

/** Puts a cart aside and records who did, in one transaction. */
export function insertHold(
  db: LedgerDb,
  hold: { heldAt: string; cashierId: number; label: string; cart: OpenCart },
  audit: (holdId: number) => AuditEntry,
): number {
  return db.transaction((tx) => {
    const { id } = tx.insert(holds).values(hold).returning({ id: holds.id }).get();
    tx.insert(auditLog).values(audit(id)).run();
    return id;
  });
}

export function listHolds(db: LedgerDb): HoldRow[] {
  return selectHolds(db).orderBy(asc(holds.heldAt), asc(holds.id)).all().map(asHold);
}

/** Removes a hold and records its recall, in one transaction; undefined when there is no such hold. */
export function takeHold(db: LedgerDb, holdId: number, audit: (hold: HoldRow) => AuditEntry): HoldRow | undefined {
  return db.transaction((tx) => {
    const row = selectHolds(tx).where(eq(holds.id, holdId)).get();
    if (!row) return undefined;
    const hold = asHold(row);
    tx.delete(holds).where(eq(holds.id, holdId)).run();
    tx.insert(auditLog).values(audit(hold)).run();
    return hold;
  });
}
