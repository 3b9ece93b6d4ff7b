/**
 * `npm run verify-ledger -- DIR`: SQLite's quick_check of the ledger in DIR, then a walk of the hash
 * chains of its sales and Z reports. One line either way, naming the first broken link; exit 1 if
 * anything is wrong.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { quickCheck } from './integrity';
import { LEDGER_FILE, type LedgerDb } from './open';
import * as schema from './schema';
import { verifyLedger } from './z-chain';

const dir = process.argv[2];
const file = dir ? join(dir, LEDGER_FILE) : '';
if (!dir || !existsSync(file)) {
  console.error(`usage: npm run verify-ledger -- DATA_DIR   (the folder holding ${LEDGER_FILE})`);
  process.exit(2);
}

function broken(line: string): never {
  console.log(`ledger BROKEN: ${line}`);
  process.exit(1);
}

let sqlite: Database.Database;
try {
  sqlite = new Database(file, { readonly: true, fileMustExist: true });
} catch (error) {
  broken(`${file} cannot be opened (${error instanceof Error ? error.message : String(error)})`);
}
const db = drizzle(sqlite, { schema }) as LedgerDb;
const damage = quickCheck(db);
const verdict = verifyLedger(db);
sqlite.close();
const quick = damage ? `; SQLite's quick_check: ${damage}` : '';
if (!verdict.ok && 'brokenZ' in verdict) {
  const { zNumber, reason } = verdict.brokenZ;
  broken(`at Z report ${zNumber}: ${reason}; ${verdict.sales} sales and ${verdict.zReports - 1} Z reports before it verified${quick}`);
}
if (!verdict.ok) {
  const { saleId, receiptNo, reason } = verdict.firstBroken;
  broken(`at sale ${saleId} (receipt ${receiptNo}): ${reason}; ${verdict.sales - 1} sales before it verified${quick}`);
}
if (damage) broken(`every sale's link verifies (${verdict.sales} sales), but SQLite's quick_check finds the file damaged: ${damage}`);
console.log(`ledger intact: ${verdict.sales} sales and ${verdict.zReports ?? 0} Z reports, every link verified`);
