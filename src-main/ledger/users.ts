import { and, count, eq } from 'drizzle-orm';
import type { Role } from '../../src-shared/api';
import type { LedgerDb } from './open';
import { users } from './schema';

export type UserRow = typeof users.$inferSelect;

export function findActiveUserByPinHash(db: LedgerDb, pinHash: string): UserRow | undefined {
  return db.select().from(users).where(and(eq(users.pinHash, pinHash), eq(users.active, true))).get();
}

export function countUsers(db: LedgerDb): number {
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
}

export function insertUser(
  db: LedgerDb,
  user: { name: string; role: Role; pinHash: string; createdAt: string },
): UserRow {
  return db.insert(users).values(user).returning().get();
}
