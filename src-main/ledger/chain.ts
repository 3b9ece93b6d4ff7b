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

/** Walks every sale in order and reports the first link whose content or predecessor does not match. */
export function verifyChain(db: LedgerDb): ChainVerdict {
  let expectedPrev = GENESIS_HASH;
  let count = 0;
  for (const row of salesInOrder(db)) {
    count += 1;
    const broken = (reason: string): ChainVerdict => ({
      ok: false,
      sales: count,
      firstBroken: { saleId: row.id, receiptNo: row.receiptNo, reason },
    });
    if (row.prevHash !== expectedPrev) return broken('its link to the previous sale does not match');
    if (chainHash(row.prevHash, contentOf(db, row)) !== row.hash) return broken('its content does not match its hash');
    expectedPrev = row.hash;
  }
  return { ok: true, sales: count };
}

function* salesInOrder(db: LedgerDb, pageSize = 1000): Generator<SaleRow> {
  let after = 0;
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
