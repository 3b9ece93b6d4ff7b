/**
 * X and Z reports (spec 7): an X reads the open shift or the business day so far and changes
 * nothing; a Z closes the business day in one transaction, so a sale commits either before it (and
 * is in it) or after it (and is in the next day), never both and never neither.
 */
import { ApiError, type DayReport, type ReportStore, type UserSummary, type ZSummary } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import { businessDate, nairobiDate } from '../../src-shared/reports/figures';
import { GENESIS_HASH } from '../ledger/chain';
import type { LedgerDb } from '../ledger/open';
import { insertZ, lastZ, saleHash, zByDate, zByNumber, zReportsNewestFirst, type ZRow } from '../ledger/report-rows';
import { openShiftOf, userName } from '../ledger/shifts';
import { zHash } from '../ledger/z-chain';
import { requireOpenShift } from '../till/shifts';
import { dayPeriod, periodFigures, shiftPeriod } from './period';

export interface ReportDeps {
  db: LedgerDb;
  clock: Clock;
  /** The store, PIN, branch and KRA device the report names; throws without a device. */
  store: () => ReportStore;
}

export function xReport(deps: ReportDeps, scope: 'shift' | 'day', user: UserSummary): DayReport {
  const { db, clock } = deps;
  const store = deps.store();
  const now = clock.now();
  return db.transaction((tx) => {
    const period = scope === 'shift' ? shiftPeriod(db, requireOpenShift(db, store.tillId)) : dayPeriod(db);
    const previous = scope === 'day' ? lastZ(tx) : undefined;
    const opened = period.openedAt ? new Date(period.openedAt) : now;
    return {
      kind: 'X',
      scope,
      zNumber: null,
      takenAt: now.toISOString(),
      takenBy: user.name,
      period: {
        from: opened.toISOString(),
        to: now.toISOString(),
        businessDate: scope === 'day' ? businessDate(opened, previous?.businessDate ?? null) : null,
        shiftId: scope === 'shift' ? (period.shifts[0]?.id ?? null) : null,
      },
      store,
      figures: periodFigures(db, period),
    };
  });
}

/** Takes the Z of the open business day: every shift closed, once per day, numbered without gaps. */
export function takeZ(deps: ReportDeps, user: UserSummary): DayReport {
  const { db, clock } = deps;
  const store = deps.store();
  return db.transaction((tx) => {
    const open = openShiftOf(tx, store.tillId);
    if (open) {
      const name = userName(tx, open.openedBy);
      throw new ApiError('SHIFT_STILL_OPEN', `the shift opened by ${name} is still open: close it with its count first`, { params: { name } });
    }
    const now = clock.now();
    const previous = lastZ(tx);
    const period = dayPeriod(db, previous);
    if (period.openedAt === null) {
      const date = previous?.businessDate ?? nairobiDate(now);
      throw new ApiError('Z_ALREADY_TAKEN', `nothing has happened since the Z report of ${date}`, { params: { date } });
    }
    const date = businessDate(new Date(period.openedAt), previous?.businessDate ?? null);
    if (zByDate(tx, date)) throw new ApiError('Z_ALREADY_TAKEN', `the Z report for ${date} has already been taken`, { params: { date } });
    const number = (previous?.number ?? 0) + 1;
    const report: DayReport = {
      kind: 'Z',
      scope: 'day',
      zNumber: number,
      takenAt: now.toISOString(),
      takenBy: user.name,
      period: { from: period.openedAt, to: now.toISOString(), businessDate: date, shiftId: null },
      store,
      figures: periodFigures(db, period),
    };
    const content: Omit<ZRow, 'prevHash' | 'hash'> = {
      number,
      tillId: store.tillId,
      businessDate: date,
      openedAt: period.openedAt,
      takenAt: report.takenAt,
      takenBy: user.id,
      lastSaleId: period.sales.upTo,
      lastShiftId: period.shifts.at(-1)?.id ?? previous?.lastShiftId ?? 0,
      lastAuditId: period.audit.upTo,
      lastSaleHash: period.sales.upTo === 0 ? GENESIS_HASH : saleHash(tx, period.sales.upTo)!,
      figures: report,
    };
    const prevHash = previous?.hash ?? GENESIS_HASH;
    insertZ(tx, { ...content, prevHash, hash: zHash(prevHash, content) });
    return report;
  }, { behavior: 'immediate' });
}

export function storedZ(db: LedgerDb, number: number): DayReport {
  const row = zByNumber(db, number);
  if (!row) throw new ApiError('Z_NOT_FOUND', `zNumber: no Z report ${number}`, { field: 'zNumber', params: { zNumber: number } });
  return row.figures as DayReport;
}

export function zList(db: LedgerDb): ZSummary[] {
  return zReportsNewestFirst(db, 400).map((row) => {
    const report = row.figures as DayReport;
    const { labels } = report.figures;
    return {
      zNumber: row.number,
      businessDate: row.businessDate,
      takenAt: row.takenAt,
      takenBy: report.takenBy,
      gross: report.figures.totals.gross,
      documents: labels.NS.count + labels.NC.count,
    };
  });
}
