/** `npm run verify-ledger -- DIR`: walks the sales hash chain of the ledger in DIR. Exit 1 if broken. */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { verifyChain } from './chain';
import { LEDGER_FILE, type LedgerDb } from './open';
import * as schema from './schema';

const dir = process.argv[2];
const file = dir ? join(dir, LEDGER_FILE) : '';
if (!dir || !existsSync(file)) {
  console.error(`usage: npm run verify-ledger -- DATA_DIR   (the folder holding ${LEDGER_FILE})`);
  process.exit(2);
}

const sqlite = new Database(file, { readonly: true, fileMustExist: true });
const verdict = verifyChain(drizzle(sqlite, { schema }) as LedgerDb);
sqlite.close();
if (verdict.ok) {
  console.log(`ledger intact: ${verdict.sales} sales, every link verified`);
} else {
  const { saleId, receiptNo, reason } = verdict.firstBroken;
  console.log(`ledger BROKEN at sale ${saleId} (receipt ${receiptNo}): ${reason}; ${verdict.sales - 1} sales before it verified`);
  process.exit(1);
}
