import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AUTOCHECKPOINT_FRAMES } from './checkpoint';
import * as schema from './schema';

export type LedgerDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** The ledger itself or an open transaction on it: what repository functions write through. */
export type LedgerWriter = LedgerDb | Parameters<Parameters<LedgerDb['transaction']>[0]>[0];

export const LEDGER_FILE = 'mauzo-ledger.sqlite';

/**
 * Opens (creating if needed) the store's ledger and brings its schema up to date.
 * synchronous=FULL: a sale acknowledged to the cashier is on disk.
 */
export function openLedger(dataDir: string, migrationsFolder: string): LedgerDb {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = new Database(join(dataDir, LEDGER_FILE));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_FRAMES}`); // sales checkpoint after they commit (checkpoint.ts)
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return db;
}

/**
 * Runs a write that may wait for the next fsync: in WAL mode a commit under synchronous=NORMAL
 * survives a crash of the process and becomes durable against power loss with the next FULL commit.
 * Only for records that can be recovered or lost without harm: KRA's answers (asked again after a
 * power cut), the audit of KRA traffic, the time of last contact.
 */
export function withoutFsync<T>(db: LedgerDb, write: () => T): T {
  db.$client.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.$client.pragma('synchronous = FULL');
  }
}
