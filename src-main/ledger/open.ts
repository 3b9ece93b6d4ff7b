import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as schema from './schema';

export type LedgerDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

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
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return db;
}
