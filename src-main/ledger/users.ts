import { asc, count, eq } from 'drizzle-orm';
import type { Role } from '../../src-shared/api';
import type { LedgerDb, LedgerWriter } from './open';
import { users } from './schema';

export type UserRow = typeof users.$inferSelect;

/** Every user, active or not: a PIN is matched against all of them, each under its own salt. */
export function everyUser(db: LedgerWriter): UserRow[] {
  return db.select().from(users).orderBy(asc(users.id)).all();
}

export function userById(db: LedgerWriter, id: number): UserRow | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function countUsers(db: LedgerDb): number {
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
}

export function insertUser(
  db: LedgerDb,
  user: { name: string; role: Role; pinHash: string; pinSalt: string; createdAt: string },
): UserRow {
  return db.insert(users).values(user).returning().get();
}

export function setUserPin(db: LedgerWriter, id: number, pin: { pinHash: string; pinSalt: string }): void {
  db.update(users).set(pin).where(eq(users.id, id)).run();
}

export function setUserStanding(db: LedgerWriter, id: number, standing: { role?: Role; active?: boolean }): UserRow {
  return db.update(users).set(standing).where(eq(users.id, id)).returning().get()!;
}
