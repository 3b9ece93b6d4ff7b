import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { join } from 'node:path';
import { seedDemoCatalogue } from '../../../src-main/catalog/demo-catalogue';
import { catalogIndexOf, type CatalogIndex } from '../../../src-main/catalog/search';
import { LEDGER_FILE, openLedger, type LedgerDb } from '../../../src-main/ledger/open';
import { items } from '../../../src-main/ledger/schema';
import { projectPaths } from '../../../src-main/paths';
import { tempDir } from '../../support/temp';

describe('the till\'s catalogue index over a real ledger', () => {
  const dir = tempDir();
  let db: LedgerDb;
  let index: CatalogIndex;

  before(() => {
    db = openLedger(dir.path, projectPaths.migrations);
    index = catalogIndexOf(db);
    seedDemoCatalogue(db);
  });
  after(() => {
    db.$client.close();
    dir.cleanup();
  });

  const names = (query: string, limit = 20) => index.search(query, limit).map((item) => item.name);

  it('finds names that start with what is typed, then names with a word that does', () => {
    assert.deepEqual(names('s'), ['Soda 500ml', 'Sugar 1kg', 'Bar soap 800g']);
    assert.deepEqual(names('per kg'), ['Rice (per kg)', 'Tomatoes (per kg)']);
    assert.deepEqual(names('FRESH MI'), ['Fresh milk 500ml']);
    assert.deepEqual(names('  '), []);
  });

  it('puts an exact barcode or item code first, and finds codes by their start', () => {
    assert.deepEqual(names('6161100110024'), ['Sugar 1kg']);
    assert.deepEqual(names('ke2bgno0000001'), ['Maize flour 2kg']);
    assert.equal(names('ke2bq').length, 3);
    assert.deepEqual(names('s', 2), ['Soda 500ml', 'Sugar 1kg']);
  });

  it('looks a scanned barcode or a typed code up exactly, and marks weighed items', () => {
    assert.equal(index.lookup('6161100110079')?.name, 'Rice (per kg)');
    assert.equal(index.lookup('6161100110079')?.weighed, true);
    assert.equal(index.lookup(' ke3ouno0000012 ')?.weighed, false);
    assert.equal(index.lookup('616110011007'), undefined);
  });

  it('offers quick keys for what a scanner cannot reach: no barcode, or sold by weight', () => {
    assert.deepEqual(index.quickKeys(12).map((item) => item.name), ['Phone charging', 'Rice (per kg)', 'Tomatoes (per kg)']);
  });

  it('sees items change as soon as the table does', () => {
    db.update(items).set({ name: 'Sukari 1kg', registered: true }).where(eq(items.code, 'KE2BGNO0000002')).run();
    assert.deepEqual(names('sukari'), ['Sukari 1kg']);
    assert.equal(index.lookup('6161100110024')?.registered, true);
    db.delete(items).where(eq(items.code, 'KE2BGNO0000002')).run();
    assert.equal(index.lookup('6161100110024'), undefined);
  });

  it('sees items another process changed in the same ledger file', () => {
    assert.equal(index.lookup('6161100110017')?.name, 'Maize flour 2kg');
    const other = new Database(join(dir.path, LEDGER_FILE));
    other.prepare("UPDATE items SET name = 'Unga wa mahindi 2kg' WHERE code = 'KE2BGNO0000001'").run();
    other.close();
    assert.equal(index.lookup('6161100110017')?.name, 'Unga wa mahindi 2kg');
  });

  it('lists names with a word starting with what is typed in name order, whichever word it is', () => {
    const shelf = ['Ketepa chai masala 100g', 'Ajab chapati flour 2kg', ...['Omo 1kg', 'Royco 200g', 'Kimbo 1kg', 'Toss 500g', 'Daawat rice 2kg', 'Jogoo 2kg', 'Menengai 1kg', 'Pembe 2kg', 'Kabras 2kg', 'Exe 2kg', 'Afya 500ml', 'Dormans 250g']];
    db.insert(items)
      .values(shelf.map((name, i) => ({ code: `KE2BGNO${String(200 + i).padStart(7, '0')}`, classCode: '1000000000', name, packagingUnit: 'BG', quantityUnit: 'NO', taxClass: 'B' as const, unitPrice: 10_000 })))
      .run();
    assert.deepEqual(names('cha'), ['Ajab chapati flour 2kg', 'Ketepa chai masala 100g', 'Phone charging']);
  });
});
