import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { saleInput } from '../../../src-shared/api';
import { verifyChain } from '../../../src-main/ledger/chain';
import { projectPaths } from '../../../src-main/paths';
import { completeSale } from '../../../src-main/till/sale';
import { TestClock } from '../../support/clock';
import { saleDeps, testLedger, type TestLedger } from '../../support/ledger';
import { tempDir } from '../../support/temp';

const SUGAR = 'KE2BGNO0000002';
const MILK = 'KE2BQNO0000003';

/**
 * A later release's migration, as drizzle-kit writes one: stock_moves rebuilt under a new table with
 * one more column, a column added to sale_lines, and a trigger on sales.
 */
const RESHAPE = `
CREATE TABLE \`__new_stock_moves\` (
  \`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  \`occurred_at\` text NOT NULL,
  \`item_code\` text NOT NULL REFERENCES \`items\`(\`code\`),
  \`quantity\` integer NOT NULL,
  \`io_type\` text NOT NULL,
  \`reason_code\` text,
  \`note\` text,
  \`sale_id\` integer REFERENCES \`sales\`(\`id\`),
  \`purchase_id\` integer REFERENCES \`purchases\`(\`id\`),
  \`user_id\` integer REFERENCES \`users\`(\`id\`),
  \`job_id\` integer REFERENCES \`kra_jobs\`(\`id\`),
  \`source\` text DEFAULT 'till' NOT NULL
);--> statement-breakpoint
INSERT INTO \`__new_stock_moves\` (id, occurred_at, item_code, quantity, io_type, reason_code, note, sale_id, purchase_id, user_id, job_id, source)
  SELECT id, occurred_at, item_code, quantity, io_type, reason_code, note, sale_id, purchase_id, user_id, job_id, 'before' FROM \`stock_moves\`;--> statement-breakpoint
DROP TABLE \`stock_moves\`;--> statement-breakpoint
ALTER TABLE \`__new_stock_moves\` RENAME TO \`stock_moves\`;--> statement-breakpoint
CREATE INDEX \`stock_moves_item\` ON \`stock_moves\` (\`item_code\`,\`id\`);--> statement-breakpoint
ALTER TABLE \`sale_lines\` ADD \`note\` text DEFAULT 'after the migration';--> statement-breakpoint
CREATE TRIGGER \`sales_counted\` AFTER INSERT ON \`sales\`
BEGIN INSERT INTO \`counters\` (name, next) VALUES ('test.sales', 1) ON CONFLICT(name) DO UPDATE SET next = next + 1; END;
`;

/** This release's migrations and RESHAPE after them, in a folder of their own. */
function migrationsWithReshape(dir: string): string {
  const folder = join(dir, 'migrations');
  cpSync(projectPaths.migrations, folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { idx: number; when: number; tag: string }[] };
  const last = journal.entries.at(-1)!;
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: '9999_test_reshape' });
  writeFileSync(journalFile, JSON.stringify(journal));
  writeFileSync(join(folder, '9999_test_reshape.sql'), RESHAPE);
  return folder;
}

describe('the sale path keeps its statements prepared', () => {
  let ledger: TestLedger;
  let scratch: ReturnType<typeof tempDir>;
  beforeEach(() => {
    ledger = testLedger();
    scratch = tempDir();
  });
  afterEach(() => {
    ledger.close();
    scratch.cleanup();
  });

  const sell = (deps: ReturnType<typeof saleDeps>) =>
    completeSale(deps, saleInput.parse({ lines: [{ itemCode: SUGAR, quantity: 100 }, { itemCode: MILK, quantity: 200 }], tenders: [{ kind: 'cash', amount: 100_000 }] }), ledger.cashier);
  const sql = (text: string, ...params: unknown[]) => ledger.db.$client.prepare(text).all(...params) as Record<string, unknown>[];

  test('a migration run after start-up reshapes the tables under them, and the next sale is written to the new ones', () => {
    const deps = saleDeps(ledger, new TestClock());
    const before = sell(deps);

    migrate(ledger.db, { migrationsFolder: migrationsWithReshape(scratch.path) });
    const after = sell(deps);

    assert.deepEqual(sql('SELECT item_code AS item, quantity, source FROM stock_moves WHERE sale_id = ? ORDER BY id', after.saleId), [
      { item: SUGAR, quantity: -100, source: 'till' },
      { item: MILK, quantity: -200, source: 'till' },
    ]);
    assert.deepEqual(sql('SELECT DISTINCT source FROM stock_moves WHERE sale_id = ?', before.saleId), [{ source: 'before' }]);
    assert.deepEqual(sql('SELECT seq, note FROM sale_lines WHERE sale_id = ? ORDER BY seq', after.saleId), [
      { seq: 1, note: 'after the migration' },
      { seq: 2, note: 'after the migration' },
    ]);
    assert.deepEqual(sql("SELECT next FROM counters WHERE name = 'test.sales'"), [{ next: 1 }]);
    assert.deepEqual(sql('SELECT code, stock FROM items WHERE code IN (?, ?) ORDER BY code', SUGAR, MILK), [
      { code: SUGAR, stock: -200 },
      { code: MILK, stock: -400 },
    ]);
    assert.deepEqual(verifyChain(ledger.db), { ok: true, sales: 2 });
  });

  test('a reopened ledger prepares its own: sales go on from the receipt number the last one left', () => {
    sell(saleDeps(ledger, new TestClock()));
    ledger = ledger.reopen();
    const next = sell(saleDeps(ledger, new TestClock()));
    assert.equal(next.receiptNo, 2);
    assert.deepEqual(verifyChain(ledger.db), { ok: true, sales: 2 });
  });
});
