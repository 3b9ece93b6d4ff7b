/** The branch's customers (saveBhfCustomer), each kept with whether KRA holds its latest version. */
import { asc, eq, sql } from 'drizzle-orm';
import type { LedgerDb } from './open';
import { counters, customers } from './schema';

export type CustomerRow = typeof customers.$inferSelect;

const CUSTOMER_COUNTER = 'customers.customerNo';

export function customerByTin(db: LedgerDb, tin: string): CustomerRow | undefined {
  return db.select().from(customers).where(eq(customers.tin, tin)).get();
}

/** A new custNo for KRA: C and 8 digits, the 9 characters KRA allows. */
export function newCustomerNo(db: LedgerDb): string {
  const taken = db
    .insert(counters)
    .values({ name: CUSTOMER_COUNTER, next: 2 })
    .onConflictDoUpdate({ target: counters.name, set: { next: sql`${counters.next} + 1` } })
    .returning({ next: counters.next })
    .get();
  return `C${String(taken.next - 1).padStart(8, '0')}`;
}

export function saveCustomer(db: LedgerDb, row: CustomerRow): CustomerRow {
  const { customerNo: _key, ...changes } = row;
  return db.insert(customers).values(row).onConflictDoUpdate({ target: customers.customerNo, set: changes }).returning().get();
}

export function unsentCustomers(db: LedgerDb): CustomerRow[] {
  return db.select().from(customers).where(eq(customers.sentToKra, false)).orderBy(asc(customers.savedAt), asc(customers.customerNo)).all();
}
