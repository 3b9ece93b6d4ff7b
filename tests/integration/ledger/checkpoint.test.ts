import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { LEDGER_FILE } from '../../../src-main/ledger/open';
import { TestClock } from '../../support/clock';
import { sellSugar, testLedger, type TestLedger } from '../../support/ledger';
import { tempDir } from '../../support/temp';
import { waitFor } from '../../support/wait';

describe('WAL checkpoints after sales, off the sale path', () => {
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

  /** The sales the ledger file itself holds, leaving out what is still only in its WAL. */
  function salesInLedgerFileAlone(): number {
    const copy = join(scratch.path, 'ledger-file-alone.sqlite');
    copyFileSync(join(ledger.dir, LEDGER_FILE), copy);
    const db = new Database(copy);
    try {
      return (db.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n;
    } finally {
      db.close();
    }
  }

  test('a committed sale is copied from the WAL into the ledger file soon after its commit', async () => {
    ledger.db.$client.pragma('wal_checkpoint(TRUNCATE)'); // the schema, in the file
    const clock = new TestClock();
    sellSugar(ledger, clock);
    sellSugar(ledger, clock);
    assert.equal(ledger.db.$client.pragma('wal_autocheckpoint', { simple: true }), 10_000);
    await waitFor('both sales in the ledger file', () => salesInLedgerFileAlone() === 2);
  });
});
