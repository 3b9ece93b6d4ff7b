/** The till's users as a manager manages them, with the saveBhfUser job that told KRA of each. */
import { and, asc, count, desc, eq } from 'drizzle-orm';
import type { Role } from '../../src-shared/api';
import type { KraJobRow } from './kra-jobs';
import type { LedgerDb, LedgerWriter } from './open';
import { kraJobs, users } from './schema';
import type { UserRow } from './users';

export function addUser(db: LedgerWriter, user: { name: string; role: Role; pinHash: string; pinSalt: string; createdAt: string }): UserRow {
  return db.insert(users).values(user).returning().get();
}

export function allUsers(db: LedgerDb): UserRow[] {
  return db.select().from(users).orderBy(asc(users.id)).all();
}

export function activeManagers(db: LedgerWriter): number {
  return db.select({ n: count() }).from(users).where(and(eq(users.role, 'manager'), eq(users.active, true))).get()?.n ?? 0;
}

export const userJobSubject = (userId: number) => `user ${userId}`;

/** The latest saveBhfUser job of each user, by user id. */
export function latestUserJobs(db: LedgerDb): Map<number, KraJobRow> {
  const jobs = db.select().from(kraJobs).where(eq(kraJobs.endpoint, 'saveBhfUser')).orderBy(desc(kraJobs.id)).all();
  const latest = new Map<number, KraJobRow>();
  for (const job of jobs) {
    const userId = Number(/^user (\d+)$/.exec(job.subject)?.[1]);
    if (userId && !latest.has(userId)) latest.set(userId, job);
  }
  return latest;
}
