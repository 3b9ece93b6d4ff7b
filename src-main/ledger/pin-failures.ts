import { inArray } from 'drizzle-orm';
import type { LedgerWriter } from './open';
import { pinFailures } from './schema';

export type PinFailureRow = typeof pinFailures.$inferSelect;

export function pinFailuresOf(db: LedgerWriter, keys: readonly string[]): PinFailureRow[] {
  return db.select().from(pinFailures).where(inArray(pinFailures.key, [...keys])).all();
}

export function savePinFailure(db: LedgerWriter, row: PinFailureRow): void {
  db.insert(pinFailures)
    .values(row)
    .onConflictDoUpdate({
      target: pinFailures.key,
      set: { failures: row.failures, lastFailureAt: row.lastFailureAt, lockedUntil: row.lockedUntil },
    })
    .run();
}
