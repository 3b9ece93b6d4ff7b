/** KRA item codes' sequence: one per PIN, from 1, never reused (spec 3.9), kept in `counters`. */
import { sql } from 'drizzle-orm';
import { checkItemCodeFields, itemCode, type CodeFields, type ItemCodeTables } from '../../src-shared/etims/item-code';
import type { LedgerWriter } from './open';
import { counters } from './schema';

const counterName = (tin: string) => `kra.itemCode.${tin}`;

/**
 * The next item code for the PIN. The fields are checked before the sequence moves, so a wrong unit
 * uses up no number; one statement takes the number, so two callers never share it.
 */
export function nextItemCode(db: LedgerWriter, tin: string, fields: CodeFields, tables?: ItemCodeTables): string {
  const checked = checkItemCodeFields(fields, tables);
  const taken = db
    .insert(counters)
    .values({ name: counterName(tin), next: 2 })
    .onConflictDoUpdate({ target: counters.name, set: { next: sql`${counters.next} + 1` } })
    .returning({ next: counters.next })
    .get();
  return itemCode({ ...checked, sequence: taken.next - 1 }, tables);
}
