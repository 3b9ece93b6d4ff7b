/**
 * What an X or Z report is built from: the sales of a range of sale ids with their lines, tenders
 * and KRA state, and the audit rows of a range of audit ids. Both ranges walk primary keys (sales.id,
 * the (sale_id, seq) indexes of lines and tenders, audit_log.id), so a report reads its own period
 * and never the rest of the ledger.
 */
import { desc, eq, sql } from 'drizzle-orm';
import type { PeriodLine, PeriodSale, PeriodTender } from '../../src-shared/reports/figures';
import type { LedgerDb, LedgerWriter } from './open';
import { sales, zReports } from './schema';

export interface IdRange {
  /** Exclusive. */
  after: number;
  /** Inclusive. */
  upTo: number;
}

export interface AuditActivity {
  copies: { kind: 'S' | 'R'; total: number }[];
  voidedCarts: number;
  noSaleOpens: number;
  priceOverrides: { count: number; amount: number };
}

const statements = new WeakMap<object, ReturnType<typeof prepare>>();

function prepare(client: LedgerDb['$client']) {
  return {
    sales: client
      .prepare(
        `SELECT s.id, s.receipt_no, s.kind, s.committed_at, s.total, s.change_given, coalesce(s.invc_no, o.invc_no), o.state
         FROM sales s JOIN outbox o ON o.sale_id = s.id WHERE s.id > ? AND s.id <= ? ORDER BY s.id`,
      )
      .raw(),
    lines: client.prepare('SELECT sale_id, tax_class, rate, taxable, tax, discount FROM sale_lines WHERE sale_id > ? AND sale_id <= ?').raw(),
    tenders: client.prepare('SELECT sale_id, kind, amount FROM tenders WHERE sale_id > ? AND sale_id <= ?').raw(),
    audit: client
      .prepare(
        `SELECT a.action, json_extract(a.detail, '$.copy'), s.kind, s.total, json_extract(a.detail, '$.count'), json_extract(a.detail, '$.amount')
         FROM audit_log a LEFT JOIN sales s ON s.id = json_extract(a.detail, '$.saleId')
         WHERE a.id > ? AND a.id <= ? AND a.action IN ('receipt.print', 'receipt.pdf', 'cart.void', 'drawer.open', 'sale.priceOverride')`,
      )
      .raw(),
  };
}

/** Raw statements on the ledger's connection; inside a transaction they read what the transaction sees. */
function prepared(db: LedgerDb) {
  let found = statements.get(db.$client);
  if (!found) statements.set(db.$client, (found = prepare(db.$client)));
  return found;
}

export function periodSales(db: LedgerDb, range: IdRange): PeriodSale[] {
  return (prepared(db).sales.all(range.after, range.upTo) as unknown[][]).map(([id, receiptNo, kind, committedAt, total, changeGiven, invcNo, state]) => ({
    id: id as number,
    receiptNo: receiptNo as number,
    kind: kind as PeriodSale['kind'],
    committedAt: committedAt as string,
    total: total as number,
    changeGiven: changeGiven as number,
    invcNo: invcNo as number | null,
    kraState: state as PeriodSale['kraState'],
  }));
}

export function periodLines(db: LedgerDb, range: IdRange): PeriodLine[] {
  return (prepared(db).lines.all(range.after, range.upTo) as unknown[][]).map(([saleId, taxClass, rate, taxable, tax, discount]) => ({
    saleId: saleId as number,
    taxClass: taxClass as PeriodLine['taxClass'],
    rate: rate as number,
    taxable: taxable as number,
    tax: tax as number,
    discount: discount as number,
  }));
}

export function periodTenders(db: LedgerDb, range: IdRange): PeriodTender[] {
  return (prepared(db).tenders.all(range.after, range.upTo) as unknown[][]).map(([saleId, kind, amount]) => ({
    saleId: saleId as number,
    kind: kind as PeriodTender['kind'],
    amount: amount as number,
  }));
}

/** Copies printed, carts voided, drawers opened without a sale and prices overridden, in a range of the audit log. */
export function auditActivity(db: LedgerDb, range: IdRange): AuditActivity {
  const activity: AuditActivity = { copies: [], voidedCarts: 0, noSaleOpens: 0, priceOverrides: { count: 0, amount: 0 } };
  for (const [action, copy, kind, total, count, amount] of prepared(db).audit.all(range.after, range.upTo) as unknown[][]) {
    if ((action === 'receipt.print' || action === 'receipt.pdf') && copy === 1 && kind) activity.copies.push({ kind: kind as 'S' | 'R', total: total as number });
    else if (action === 'cart.void') activity.voidedCarts += 1;
    else if (action === 'drawer.open') activity.noSaleOpens += 1;
    else if (action === 'sale.priceOverride') {
      activity.priceOverrides.count += Number(count ?? 0);
      activity.priceOverrides.amount += Number(amount ?? 0);
    }
  }
  return activity;
}

export type ZRow = typeof zReports.$inferSelect;

export function lastZ(db: LedgerWriter): ZRow | undefined {
  return db.select().from(zReports).orderBy(desc(zReports.number)).limit(1).get();
}

export function zByNumber(db: LedgerWriter, number: number): ZRow | undefined {
  return db.select().from(zReports).where(eq(zReports.number, number)).get();
}

export function zByDate(db: LedgerWriter, businessDate: string): ZRow | undefined {
  return db.select().from(zReports).where(eq(zReports.businessDate, businessDate)).get();
}

export function insertZ(tx: LedgerWriter, row: ZRow): ZRow {
  return tx.insert(zReports).values(row).returning().get();
}

export function zReportsNewestFirst(db: LedgerDb, limit: number): ZRow[] {
  return db.select().from(zReports).orderBy(desc(zReports.number)).limit(limit).all();
}

export function saleHash(db: LedgerWriter, saleId: number): string | undefined {
  return db.select({ hash: sales.hash }).from(sales).where(eq(sales.id, saleId)).get()?.hash;
}

/** When the first sale after a given sale id was committed: the day's opening when no shift opened it. */
export function firstCommittedAfter(db: LedgerWriter, saleId: number): string | undefined {
  return db.select({ at: sales.committedAt }).from(sales).where(sql`${sales.id} > ${saleId}`).orderBy(sales.id).limit(1).get()?.at;
}

/** For the CSV: every line of the range's sales and credit notes with its document. */
export function periodLineDetails(db: LedgerDb, range: IdRange): Record<string, unknown>[] {
  return db.$client
    .prepare(
      `SELECT s.committed_at, s.receipt_no, json_extract(s.payload, '$.trdInvcNo') AS trd_invc_no, coalesce(s.invc_no, o.invc_no) AS invc_no,
              s.kind, o.state, s.customer_tin, l.seq, l.item_code, l.name, l.quantity, l.unit_price, l.discount, l.total, l.tax_class,
              l.rate, l.taxable, l.tax
       FROM sales s JOIN outbox o ON o.sale_id = s.id JOIN sale_lines l ON l.sale_id = s.id
       WHERE s.id > ? AND s.id <= ? ORDER BY s.id, l.seq`,
    )
    .all(range.after, range.upTo) as Record<string, unknown>[];
}
