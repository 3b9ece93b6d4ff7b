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

/** JSON with keys in a fixed order, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
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
  let row: SaleRow | undefined;
  let checking: SaleRow | null = null;
  const broken = (saleId: number, receiptNo: number, reason: string): ChainVerdict => ({ ok: false, sales: count, firstBroken: { saleId, receiptNo, reason } });
  try {
    for (row of salesInOrder(db, fromSaleId - 1)) {
      count += 1;
      checking = row;
      if (expectedPrev !== null && row.prevHash !== expectedPrev) return broken(row.id, row.receiptNo, 'its link to the previous sale does not match');
      if (chainHash(row.prevHash, contentOf(db, row)) !== row.hash) return broken(row.id, row.receiptNo, 'its content does not match its hash');
      expectedPrev = row.hash;
      checking = null;
    }
  } catch (error) {
    // A sale that cannot be read, or else the one after the last sale that could.
    const at = checking ?? { id: (row?.id ?? fromSaleId - 1) + 1, receiptNo: (row?.receiptNo ?? 0) + 1 };
    return broken(at.id, at.receiptNo, `it cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  return { ok: true, sales: count };
}

/** The id of the sale `count` from the newest: where the start-up check of the chain's tail begins. */
export function tailStart(db: LedgerDb, count: number): number {
  const ids = db.select({ id: sales.id }).from(sales).orderBy(desc(sales.id)).limit(count).all();
  return ids.at(-1)?.id ?? 1;
}

function* salesInOrder(db: LedgerDb, after = 0, pageSize = 1000): Generator<SaleRow> {
  for (;;) {
    const page = db.select().from(sales).where(gt(sales.id, after)).orderBy(asc(sales.id)).limit(pageSize).all();
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
