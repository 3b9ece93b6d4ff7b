/** The till's users as a manager manages them, with the saveBhfUser job that told KRA of each. */
import { asc, desc, eq } from 'drizzle-orm';
import type { Role } from '../../src-shared/api';
import type { KraJobRow } from './kra-jobs';
import type { LedgerDb, LedgerWriter } from './open';
import { kraJobs, users } from './schema';
import type { UserRow } from './users';

/** A user whatever their state: the PIN index is unique across active and retired users alike. */
export function userByPinHash(db: LedgerWriter, pinHash: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.pinHash, pinHash)).get();
}

export function addUser(db: LedgerWriter, user: { name: string; role: Role; pinHash: string; createdAt: string }): UserRow {
  return db.insert(users).values(user).returning().get();
}

export function allUsers(db: LedgerDb): UserRow[] {
  return db.select().from(users).orderBy(asc(users.id)).all();
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
