/**
 * Z reports in the hash chain: each Z hashes the one before it with its own content, and names the
 * hash of the last sale it covers, so a Z cannot be altered, dropped or moved along the sales.
 */
import { createHash } from 'node:crypto';
import { asc, sql } from 'drizzle-orm';
import type { LedgerVerdict } from '../../src-shared/api';
import type { ReportFigures } from '../../src-shared/reports/figures';
import { canonicalJson, GENESIS_HASH, verifyChain } from './chain';
import type { LedgerDb } from './open';
import { sales, zReports } from './schema';
import type { ZRow } from './report-rows';

export function zHash(prevHash: string, content: Omit<ZRow, 'prevHash' | 'hash'>): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(content)).digest('hex');
}

/** The sales chain first, then every Z: its number, its link, its content, and the sales it covers. */
export function verifyLedger(db: LedgerDb): LedgerVerdict {
  const chain = verifyChain(db);
  if (!chain.ok) return chain;
  let expectedPrev = GENESIS_HASH;
  let afterSaleId = 0;
  const rows = db.select().from(zReports).orderBy(asc(zReports.number)).all();
  for (const [i, row] of rows.entries()) {
    const broken = (reason: string): LedgerVerdict => ({ ok: false, sales: chain.sales, zReports: i + 1, brokenZ: { zNumber: row.number, reason } });
    const { prevHash, hash, ...content } = row;
    if (row.number !== i + 1) return broken(`Z ${i + 1} is missing`);
    if (prevHash !== expectedPrev) return broken('its link to the previous Z report does not match');
    if (zHash(prevHash, content) !== hash) return broken('its content does not match its hash');
    const lastSale = row.lastSaleId === 0 ? GENESIS_HASH : db.select({ hash: sales.hash }).from(sales).where(sql`${sales.id} = ${row.lastSaleId}`).get()?.hash;
    if (lastSale !== row.lastSaleHash) return broken('the last sale it covers is not the one it names');
    const problem = coverageProblem(db, afterSaleId, row);
    if (problem) return broken(problem);
    expectedPrev = hash;
    afterSaleId = row.lastSaleId;
  }
  return { ok: true, sales: chain.sales, zReports: rows.length };
}

/** The Z's counts and amounts of sales and credit notes match the sales in its range. */
function coverageProblem(db: LedgerDb, afterSaleId: number, row: ZRow): string | null {
  const totals = db
    .select({ kind: sales.kind, count: sql<number>`count(*)`, amount: sql<number>`coalesce(sum(${sales.total}), 0)` })
    .from(sales)
    .where(sql`${sales.id} > ${afterSaleId} and ${sales.id} <= ${row.lastSaleId}`)
    .groupBy(sales.kind)
    .all();
  const { labels } = (row.figures as { figures: ReportFigures }).figures;
  for (const [kind, label] of [['S', 'NS'], ['R', 'NC']] as const) {
    const found = totals.find((t) => t.kind === kind) ?? { count: 0, amount: 0 };
    if (found.count !== labels[label].count || found.amount !== labels[label].amount) {
      return `its ${label} figures (${labels[label].count}, ${labels[label].amount}) do not match the ledger's (${found.count}, ${found.amount})`;
    }
  }
  return null;
}
