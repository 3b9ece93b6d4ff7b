import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
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
  const sqlite = new Database(ownerOnlyFile(dataDir, LEDGER_FILE));
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
 * The store's sales, PIN hashes and KRA key are for this user's eyes only: the folder is 0700 and
 * the ledger 0600, which SQLite gives its -wal and -shm files too (it copies the database's mode).
 */
export function ownerOnlyFile(dataDir: string, name: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const file = join(dataDir, name);
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
  return file;
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
