import { getTableColumns } from 'drizzle-orm';
import type { LedgerDb } from './open';
import { keptStatement } from './prepared';
import { items } from './schema';

export type ItemRow = typeof items.$inferSelect;

export function allItems(db: LedgerDb): ItemRow[] {
  return db.select().from(items).all();
}

/** What the till's search shows of an item. */
export type CatalogueRow = Pick<ItemRow, 'code' | 'name' | 'barcode' | 'unitPrice' | 'taxClass' | 'quantityUnit' | 'registered' | 'itemType' | 'stock'>;

/** Every item as the till's search shows it: one plain statement, no more columns than it needs. */
export function catalogueRows(db: LedgerDb): CatalogueRow[] {
  const rows = keptStatement(
    db,
    'items catalogue',
    () => 'SELECT code, name, barcode, unit_price AS unitPrice, tax_class AS taxClass, quantity_unit AS quantityUnit, registered, item_type AS itemType, stock FROM items',
  ).all() as (Omit<CatalogueRow, 'registered'> & { registered: number | boolean })[];
  for (const row of rows) row.registered = row.registered === 1;
  return rows as CatalogueRow[];
}

/**
 * Calls `listener` whenever a row of `items` is inserted, updated or deleted through this connection,
 * whoever writes it (demo seeding, imports, KRA registration). The triggers are TEMP: they live with
 * the connection and leave the ledger's schema untouched. Other connections: see externalVersion.
 */
export function watchItemChanges(db: LedgerDb, listener: () => void): void {
  const sqlite = db.$client;
  sqlite.function('mauzo_items_changed', { deterministic: false }, () => {
    listener();
    return null;
  });
  for (const event of ['INSERT', `UPDATE OF ${catalogueColumns().join(', ')}`, 'DELETE']) {
    sqlite.exec(
      `CREATE TEMP TRIGGER IF NOT EXISTS mauzo_items_${event.split(' ')[0]!.toLowerCase()} AFTER ${event} ON main.items ` +
        'BEGIN SELECT mauzo_items_changed(); END',
    );
  }
}

/** Every column but the stock counts, which each sale moves: they are read live, not from a copy. */
function catalogueColumns(): string[] {
  const { stock: _stock, kraStock: _kraStock, ...catalogue } = getTableColumns(items);
  return Object.values(catalogue).map((column) => column.name);
}

/** Changes whenever another connection (another process) commits to the ledger. */
export function externalVersion(db: LedgerDb): number {
  return db.$client.pragma('data_version', { simple: true }) as number;
}
