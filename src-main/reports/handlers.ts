import type { DayReport, UserSummary } from '../../src-shared/api';
import { buildReportDocument, type ReportDocument } from '../../src-shared/reports/document';
import { nairobiDate } from '../../src-shared/reports/figures';
import { sessionOf, type Handlers } from '../api/handlers';
import { zReportPrinted } from '../ledger/print-jobs';
import { periodLineDetails, zByNumber } from '../ledger/report-rows';
import type { PrintService } from '../print/service';
import { salesCsv } from './csv';
import { dayPeriod } from './period';
import { storedZ, takeZ, xReport, zList, type ReportDeps } from './service';

export type ReportMethod = 'report.x' | 'report.z' | 'report.zList' | 'report.get' | 'report.print' | 'report.pdf' | 'report.csv';

export function reportHandlers(deps: ReportDeps & { printing: PrintService }): Handlers<ReportMethod> {
  const { db } = deps;
  /** A past Z as taken (a copy once it has been printed), else an X of the shift or the day so far. */
  const documentFor = (choice: { zNumber?: number | undefined; scope: 'shift' | 'day' }, user: UserSummary): ReportDocument => {
    if (choice.zNumber === undefined) return buildReportDocument(xReport(deps, choice.scope, user), false);
    const report: DayReport = storedZ(db, choice.zNumber);
    return buildReportDocument(report, zReportPrinted(db, choice.zNumber));
  };
  return {
    'report.x': ({ scope }, ctx) => xReport(deps, scope, sessionOf(ctx).user),
    'report.z': (_input, ctx) => takeZ(deps, sessionOf(ctx).user),
    'report.zList': () => zList(db),
    'report.get': ({ zNumber }) => storedZ(db, zNumber),
    'report.print': (choice, ctx) => deps.printing.printReport(documentFor(choice, sessionOf(ctx).user), sessionOf(ctx).user),
    'report.pdf': ({ paper, ...choice }, ctx) => deps.printing.reportPdf(documentFor(choice, sessionOf(ctx).user), paper, sessionOf(ctx).user),
    'report.csv': ({ zNumber }) => {
      if (zNumber === undefined) {
        const period = dayPeriod(db);
        return { fileName: `sales-open-day-${nairobiDate(deps.clock.now())}.csv`, csv: salesCsv(periodLineDetails(db, period.sales)) };
      }
      const report = storedZ(db, zNumber);
      const range = { after: zByNumber(db, zNumber - 1)?.lastSaleId ?? 0, upTo: zByNumber(db, zNumber)!.lastSaleId };
      return { fileName: `sales-z${zNumber}-${report.period.businessDate}.csv`, csv: salesCsv(periodLineDetails(db, range)) };
    },
  };
}
