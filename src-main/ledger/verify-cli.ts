/** `npm run verify-ledger -- DIR`: walks the hash chain of the sales and Z reports in DIR. Exit 1 if broken. */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LEDGER_FILE, type LedgerDb } from './open';
import * as schema from './schema';
import { verifyLedger } from './z-chain';

const dir = process.argv[2];
const file = dir ? join(dir, LEDGER_FILE) : '';
if (!dir || !existsSync(file)) {
  console.error(`usage: npm run verify-ledger -- DATA_DIR   (the folder holding ${LEDGER_FILE})`);
  process.exit(2);
}

const sqlite = new Database(file, { readonly: true, fileMustExist: true });
const verdict = verifyLedger(drizzle(sqlite, { schema }) as LedgerDb);
sqlite.close();
if (verdict.ok) {
  console.log(`ledger intact: ${verdict.sales} sales and ${verdict.zReports ?? 0} Z reports, every link verified`);
} else if ('brokenZ' in verdict) {
  console.log(`ledger BROKEN at Z report ${verdict.brokenZ.zNumber}: ${verdict.brokenZ.reason}; ${verdict.sales} sales and ${verdict.zReports - 1} Z reports before it verified`);
  process.exit(1);
} else {
  const { saleId, receiptNo, reason } = verdict.firstBroken;
  console.log(`ledger BROKEN at sale ${saleId} (receipt ${receiptNo}): ${reason}; ${verdict.sales - 1} sales before it verified`);
  process.exit(1);
}
