/**
 * The two periods a report covers, read from the ledger: a shift (its sales and audit rows by id
 * range, its cash moves) and the business day (everything after the last Z). The maths is
 * reportFigures, a pure function.
 */
import { reportFigures, type PeriodActivity, type ReportFigures } from '../../src-shared/reports/figures';
import type { LedgerDb } from '../ledger/open';
import { auditActivity, firstCommittedAfter, lastZ, periodLines, periodSales, periodTenders, type IdRange, type ZRow } from '../ledger/report-rows';
import { cashMoveTotals, lastAuditId, lastSaleId, shiftsAfter, type ShiftRow } from '../ledger/shifts';

export interface Period {
  sales: IdRange;
  audit: IdRange;
  shifts: ShiftRow[];
  /** When the period opened: its first shift, else its first sale; null when nothing has happened. */
  openedAt: string | null;
}

export function shiftPeriod(db: LedgerDb, shift: ShiftRow): Period {
  return {
    sales: { after: shift.openAfterSaleId, upTo: shift.closeSaleId ?? lastSaleId(db) },
    audit: { after: shift.openAfterAuditId, upTo: shift.closeAuditId ?? lastAuditId(db) },
    shifts: [shift],
    openedAt: shift.openedAt,
  };
}

/** Everything since the last Z: the open business day. */
export function dayPeriod(db: LedgerDb, previous: ZRow | undefined = lastZ(db)): Period {
  const afterSale = previous?.lastSaleId ?? 0;
  const shifts = shiftsAfter(db, previous?.lastShiftId ?? 0);
  const firstSaleAt = firstCommittedAfter(db, afterSale) ?? null;
  const firstShiftAt = shifts[0]?.openedAt ?? null;
  const openedAt = firstShiftAt && firstSaleAt ? (firstShiftAt < firstSaleAt ? firstShiftAt : firstSaleAt) : (firstShiftAt ?? firstSaleAt);
  return {
    sales: { after: afterSale, upTo: lastSaleId(db) },
    audit: { after: previous?.lastAuditId ?? 0, upTo: lastAuditId(db) },
    shifts,
    openedAt,
  };
}

export function periodFigures(db: LedgerDb, period: Period): ReportFigures {
  return reportFigures({
    sales: periodSales(db, period.sales),
    lines: periodLines(db, period.sales),
    tenders: periodTenders(db, period.sales),
    activity: periodActivity(db, period),
  });
}

function periodActivity(db: LedgerDb, period: Period): PeriodActivity {
  const { payIns, payOuts } = cashMoveTotals(db, period.shifts.map((s) => s.id));
  const allCounted = period.shifts.every((s) => s.counted !== null);
  return {
    float: period.shifts.reduce((sum, s) => sum + s.float, 0),
    payIns,
    payOuts,
    counted: allCounted && period.shifts.length > 0 ? period.shifts.reduce((sum, s) => sum + (s.counted ?? 0), 0) : null,
    ...auditActivity(db, period.audit),
  };
}
