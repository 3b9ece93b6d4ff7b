import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { nextItemCode } from '../../../src-main/ledger/item-codes';
import { openLedger, type LedgerDb } from '../../../src-main/ledger/open';
import { projectPaths } from '../../../src-main/paths';
import { ItemCodeError } from '../../../src-shared/etims/item-code';
import { tempDir } from '../../support/temp';

const TIN = 'P051234567M';
const JUICE = { origin: 'KE', type: '2', packagingUnit: 'NT', quantityUnit: 'NO' };

let dir: ReturnType<typeof tempDir>;
let db: LedgerDb;

beforeEach(() => {
  dir = tempDir();
  db = openLedger(dir.path, projectPaths.migrations);
});
afterEach(() => {
  db.$client.close();
  dir.cleanup();
});

describe('item code sequence per PIN', () => {
  it('numbers codes from 1 across every prefix of the PIN', () => {
    assert.equal(nextItemCode(db, TIN, JUICE), 'KE2NTNO0000001');
    assert.equal(nextItemCode(db, TIN, { origin: 'CN', type: '1', packagingUnit: 'BG', quantityUnit: 'KG' }), 'CN1BGKG0000002');
    assert.equal(nextItemCode(db, TIN, JUICE), 'KE2NTNO0000003');
  });

  it('keeps a separate sequence for each PIN', () => {
    nextItemCode(db, TIN, JUICE);
    assert.equal(nextItemCode(db, 'P000111222Q', JUICE), 'KE2NTNO0000001');
  });

  it('never gives a number twice, even after the ledger is closed and reopened', () => {
    const first = nextItemCode(db, TIN, JUICE);
    db.$client.close();
    db = openLedger(dir.path, projectPaths.migrations);
    const second = nextItemCode(db, TIN, JUICE);
    assert.notEqual(first, second);
    assert.equal(second, 'KE2NTNO0000002');
  });

  it('uses up no number when a part is wrong', () => {
    assert.throws(() => nextItemCode(db, TIN, { ...JUICE, quantityUnit: 'U' }), (e) => e instanceof ItemCodeError && e.field === 'quantityUnit');
    assert.equal(nextItemCode(db, TIN, JUICE), 'KE2NTNO0000001');
  });

  it('gives again a number whose transaction rolled back: no code with it ever left the till', () => {
    assert.throws(() =>
      db.transaction((tx) => {
        nextItemCode(tx, TIN, JUICE);
        throw new Error('item not saved');
      }),
    );
    assert.equal(nextItemCode(db, TIN, JUICE), 'KE2NTNO0000001');
  });
});
