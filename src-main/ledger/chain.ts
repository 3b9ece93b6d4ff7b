import { createHash } from 'node:crypto';
import { asc, desc, eq, gt } from 'drizzle-orm';
import type { LedgerDb } from './open';
import { saleLines, sales, tenders } from './schema';

/** The hash before the first sale. */
export const GENESIS_HASH = '0'.repeat(64);

type SaleRow = typeof sales.$inferSelect;
type LineRow = typeof saleLines.$inferSelect;
type TenderRow = typeof tenders.$inferSelect;

/** What a sale's link covers: everything about it except KRA's signature, which arrives later. */
export interface ChainedContent {
  sale: Omit<SaleRow, 'id' | 'prevHash' | 'hash' | 'invcNo' | 'curRcptNo' | 'totRcptNo' | 'intrlData' | 'rcptSign' | 'sdcDateTime' | 'signedAt'>;
  lines: Omit<LineRow, 'saleId'>[];
  tenders: Omit<TenderRow, 'saleId'>[];
}

/** An object's keys in sorted order, each quoted with its colon, as the canonical JSON writes them. */
interface Shape {
  keys: readonly string[];
  sorted: readonly string[];
  quoted: readonly string[];
}

/**
 * The shapes seen lately: a sale's content has few (the sale, its KRA body, a body line, a line, a
 * tender), and objects of one shape come in runs, so most objects are matched against the last one.
 */
const shapes = new Map<string, Shape>();
let lastShape: Shape = { keys: [], sorted: [], quoted: [] };

function shapeOf(keys: readonly string[]): Shape {
  if (keys.length === lastShape.keys.length && keys.every((key, i) => key === lastShape.keys[i])) return lastShape;
  const id = JSON.stringify(keys);
  let shape = shapes.get(id);
  if (!shape) {
    if (shapes.size >= 64) shapes.clear();
    const sorted = [...keys].sort();
    shape = { keys, sorted, quoted: sorted.map((key) => `${JSON.stringify(key)}:`) };
    shapes.set(id, shape);
  }
  lastShape = shape;
  return shape;
}

/** JSON with keys in sorted order (undefined values left out), so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + (canonicalJson(value[i]) ?? '');
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const { sorted, quoted } = shapeOf(Object.keys(record));
  let out = '{';
  for (let i = 0; i < sorted.length; i++) {
    const field = record[sorted[i]!];
    if (field === undefined) continue;
    out += (out.length === 1 ? '' : ',') + quoted[i] + canonicalJson(field);
  }
  return `${out}}`;
}

export function chainHash(prevHash: string, content: ChainedContent): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(content)).digest('hex');
}

export function lastChainHash(db: LedgerDb): string {
  return db.select({ hash: sales.hash }).from(sales).orderBy(desc(sales.id)).limit(1).get()?.hash ?? GENESIS_HASH;
}

export type ChainVerdict =
  | { ok: true; sales: number }
  | { ok: false; sales: number; firstBroken: { saleId: number; receiptNo: number; reason: string } };

/**
 * Walks the sales in order and reports the first link whose content or predecessor does not match,
 * or that cannot even be read. `fromSaleId` starts the walk there (the tail, at start-up), taking
 * the link before it on trust.
 */
export function verifyChain(db: LedgerDb, fromSaleId = 1): ChainVerdict {
  let expectedPrev: string | null = fromSaleId <= 1 ? GENESIS_HASH : null;
  let count = 0;
  let last = { id: fromSaleId - 1, receiptNo: 0 };
  const broken = (at: { id: number; receiptNo: number }, reason: string): ChainVerdict => ({
    ok: false,
    sales: count,
    firstBroken: { saleId: at.id, receiptNo: at.receiptNo, reason },
  });
  const unreadable = (error: unknown) => `it cannot be read (${error instanceof Error ? error.message : String(error)})`;
  try {
    for (const sale of saleNumbers(db, fromSaleId - 1)) {
      count += 1;
      let row: SaleRow;
      let content: ChainedContent;
      try {
        row = db.select().from(sales).where(eq(sales.id, sale.id)).get()!;
        content = contentOf(db, row);
      } catch (error) {
        return broken(sale, unreadable(error));
      }
      if (expectedPrev !== null && row.prevHash !== expectedPrev) return broken(sale, 'its link to the previous sale does not match');
      if (chainHash(row.prevHash, content) !== row.hash) return broken(sale, 'its content does not match its hash');
      expectedPrev = row.hash;
      last = sale;
    }
  } catch (error) {
    // Not even the list of sales reads past here: the one after the last good sale is the first broken one.
    count += 1;
    return broken({ id: last.id + 1, receiptNo: last.receiptNo + 1 }, unreadable(error));
  }
  return { ok: true, sales: count };
}

/** The id of the sale `count` from the newest: where the start-up check of the chain's tail begins. */
export function tailStart(db: LedgerDb, count: number): number {
  const ids = db.select({ id: sales.id }).from(sales).orderBy(desc(sales.id)).limit(count).all();
  return ids.at(-1)?.id ?? 1;
}

/** The sales' ids and receipt numbers in order, a page at a time: what can be read even where a sale cannot. */
function* saleNumbers(db: LedgerDb, after = 0, pageSize = 1000): Generator<{ id: number; receiptNo: number }> {
  for (;;) {
    const page = db.select({ id: sales.id, receiptNo: sales.receiptNo }).from(sales).where(gt(sales.id, after)).orderBy(asc(sales.id)).limit(pageSize).all();
    yield* page;
    if (page.length < pageSize) return;
    after = page.at(-1)!.id;
  }
}

function contentOf(db: LedgerDb, row: SaleRow): ChainedContent {
  const { id, prevHash: _p, hash: _h, invcNo: _i, curRcptNo: _c, totRcptNo: _t, intrlData: _d, rcptSign: _r, sdcDateTime: _s, signedAt: _a, ...sale } = row;
  const lines = db.select().from(saleLines).where(eq(saleLines.saleId, id)).orderBy(asc(saleLines.seq)).all();
  const paid = db.select().from(tenders).where(eq(tenders.saleId, id)).orderBy(asc(tenders.seq)).all();
  return {
    sale,
    lines: lines.map(({ saleId: _, ...line }) => line),
    tenders: paid.map(({ saleId: _, ...tender }) => tender),
  };
}
