/**
 * The shop's own items as a manager keeps them (create, edit, import) and what KRA made of each
 * saveItem: registered once accepted, KRA's words when refused.
 */
import { and, asc, count, eq, inArray, isNotNull, isNull, like, max, ne, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { LedgerDb, LedgerWriter } from './open';
import { itemClasses, items, kraJobs } from './schema';

export type ItemRow = typeof items.$inferSelect;
export type NewItemRow = typeof items.$inferInsert;
export type Registration = 'waiting' | 'accepted' | 'refused';

export interface ItemFilter {
  query?: string | undefined;
  registration?: Registration | undefined;
  active?: boolean | undefined;
  offset: number;
  limit: number;
}

/** KRA's refusal of a new code whose number is not the one it expects next (spec 3.9). */
const SEQUENCE_REFUSAL = '%Invalid itemCd Sequence%';

export function itemByCode(db: LedgerWriter, code: string): ItemRow | undefined {
  return db.select().from(items).where(eq(items.code, code)).get();
}

export function itemsByCodes(db: LedgerWriter, codes: readonly string[]): Map<string, ItemRow> {
  const found = new Map<string, ItemRow>();
  for (let i = 0; i < codes.length; i += 500) {
    for (const row of db.select().from(items).where(inArray(items.code, codes.slice(i, i + 500))).all()) found.set(row.code, row);
  }
  return found;
}

/** The item holding this barcode, other than `except`. */
export function barcodeHolder(db: LedgerWriter, barcode: string, except?: string): { code: string; name: string } | undefined {
  const holder = eq(items.barcode, barcode);
  return db
    .select({ code: items.code, name: items.name })
    .from(items)
    .where(except ? and(holder, ne(items.code, except)) : holder)
    .get();
}

/** Every barcode in the catalogue with its item, for checking a whole import at once. */
export function barcodeHolders(db: LedgerWriter): Map<string, { code: string; name: string }> {
  const rows = db.select({ barcode: items.barcode, code: items.code, name: items.name }).from(items).where(isNotNull(items.barcode)).all();
  return new Map(rows.map((row) => [row.barcode!, { code: row.code, name: row.name }]));
}

/** The highest 7-digit sequence among the catalogue's KRA codes (0 when none). */
export function highestItemSequence(db: LedgerWriter): number {
  const row = db
    .select({ highest: max(sql<number>`cast(substr(${items.code}, 8) as integer)`) })
    .from(items)
    .where(sql`length(${items.code}) = 14 and substr(${items.code}, 8) glob '[0-9][0-9][0-9][0-9][0-9][0-9][0-9]'`)
    .get();
  return Number(row?.highest ?? 0);
}

/** The synced item classes KRA lets a taxpayer use; empty before the first selectItemClsList. */
export function itemClassCodesInUse(db: LedgerDb): Set<string> {
  return new Set(db.select({ code: itemClasses.code }).from(itemClasses).where(eq(itemClasses.inUse, true)).all().map((r) => r.code));
}

export function hasItemClasses(db: LedgerDb): boolean {
  return db.select({ code: itemClasses.code }).from(itemClasses).limit(1).get() !== undefined;
}

export function itemClassInUse(db: LedgerDb, code: string): boolean {
  return db.select({ code: itemClasses.code }).from(itemClasses).where(and(eq(itemClasses.code, code), eq(itemClasses.inUse, true))).get() !== undefined;
}

export function insertItems(db: LedgerWriter, rows: readonly NewItemRow[]): void {
  for (let i = 0; i < rows.length; i += 500) db.insert(items).values(rows.slice(i, i + 500)).run();
}

export function updateItemRow(db: LedgerWriter, code: string, changes: Partial<NewItemRow>): void {
  db.update(items).set(changes).where(eq(items.code, code)).run();
}

/** Clears these items' barcodes, so that an import may move barcodes between them. */
export function clearBarcodes(db: LedgerWriter, codes: readonly string[]): void {
  for (let i = 0; i < codes.length; i += 500) db.update(items).set({ barcode: null }).where(inArray(items.code, codes.slice(i, i + 500))).run();
}

function registrationIs(registration: Registration): SQL | undefined {
  switch (registration) {
    case 'refused':
      return isNotNull(items.kraError);
    case 'accepted':
      return and(eq(items.registered, true), isNull(items.kraError));
    case 'waiting':
      return and(eq(items.registered, false), isNull(items.kraError));
  }
}

export function listItems(db: LedgerDb, filter: ItemFilter): { total: number; rows: ItemRow[] } {
  const conditions: SQL[] = [];
  const text = filter.query?.trim();
  if (text) {
    const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
    const matches = (column: Column, pattern: string) => sql`${column} like ${pattern} escape '\\'`;
    conditions.push(or(matches(items.name, `%${escaped}%`), matches(items.code, `${escaped}%`), matches(items.barcode, `${escaped}%`))!);
  }
  if (filter.registration) conditions.push(registrationIs(filter.registration)!);
  if (filter.active !== undefined) conditions.push(eq(items.active, filter.active));
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const total = db.select({ n: count() }).from(items).where(where).get()?.n ?? 0;
  const rows = db.select().from(items).where(where).orderBy(asc(items.name), asc(items.code)).limit(filter.limit).offset(filter.offset).all();
  return { total, rows };
}

/** KRA accepted a version of the item: it may be sold. */
export function markItemAccepted(db: LedgerWriter, code: string): void {
  db.update(items).set({ registered: true, kraError: null }).where(eq(items.code, code)).run();
}

/** KRA refused the item's latest version; an accepted item stays sellable on the version KRA holds. */
export function markItemRefused(db: LedgerWriter, code: string, reason: string): void {
  db.update(items).set({ kraError: reason }).where(eq(items.code, code)).run();
}

/**
 * KRA takes new item codes only in sequence: codes refused because an earlier one was not yet
 * accepted go again once one is, and wait for KRA again rather than show the old refusal.
 */
export function requeueSequenceRefusals(db: LedgerWriter, at: Date): void {
  const refused = and(eq(kraJobs.endpoint, 'saveItem'), eq(kraJobs.state, 'parked'), like(kraJobs.lastError, SEQUENCE_REFUSAL));
  const codes = db.select({ code: kraJobs.subject }).from(kraJobs).where(refused).all().map((r) => r.code);
  if (codes.length === 0) return;
  db.update(kraJobs).set({ state: 'pending', attempts: 0, updatedAt: at.toISOString() }).where(refused).run();
  for (let i = 0; i < codes.length; i += 500) db.update(items).set({ kraError: null }).where(inArray(items.code, codes.slice(i, i + 500))).run();
}
