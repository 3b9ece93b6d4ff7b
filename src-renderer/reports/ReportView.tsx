import type { DayReport } from '../../src-shared/api';
import { formatKes } from '../../src-shared/money';
import { classLabel } from '../../src-shared/receipt';
import { nairobiDisplay } from '../../src-shared/reports/document';
import { REPORT_LABELS } from '../../src-shared/reports/figures';
import { useI18n } from '../i18n';
import { overShortText } from '../shift/ShiftPanel';

/** An X or Z report on screen: the same sections as the printout, the hours as a bar chart. */
export function ReportView({ report }: { report: DayReport }) {
  const { t } = useI18n();
  const f = report.figures;
  const title = report.kind === 'Z' ? t('report.z', { zNumber: report.zNumber ?? '' }) : report.scope === 'shift' ? t('report.x.shift', { shiftId: report.period.shiftId ?? '' }) : t('report.x.day');
  const credit = (label: string, amount: number) => (label.endsWith('C') ? -amount : amount);
  const range = (first: number | null, last: number | null) => (first === null || last === null ? '-' : `${first} - ${last}`);
  return (
    <article className="report" data-testid="report-view">
      <header>
        <h3 data-testid="report-title">{title}</h3>
        <p className="muted">
          {report.store.tradeName} · PIN {report.store.pin} · {report.store.branchId} · SCU {report.store.scuId} · MRC {report.store.mrcNo}
        </p>
        {report.period.businessDate && <p>{t('report.businessDay', { date: report.period.businessDate })}</p>}
        <p>{t('report.period', { from: nairobiDisplay(report.period.from), to: nairobiDisplay(report.period.to) })}</p>
        <p className="muted">{t('report.takenBy', { name: report.takenBy, time: nairobiDisplay(report.takenAt) })}</p>
      </header>

      <h4>{t('report.heading.labels')}</h4>
      <table className="report-table" data-testid="report-labels">
        <tbody>
          {REPORT_LABELS.map((label) => (
            <tr key={label}>
              <td>
                {label} {t(`report.label.${label}`)}
              </td>
              <td className="num">{f.labels[label].count}</td>
              <td className="num">{formatKes(credit(label, f.labels[label].amount))}</td>
            </tr>
          ))}
          <tr>
            <td>{t('report.receipts')}</td>
            <td colSpan={2} className="num">
              {range(f.receipts.firstReceiptNo, f.receipts.lastReceiptNo)}
            </td>
          </tr>
          <tr>
            <td>{t('report.invoices')}</td>
            <td colSpan={2} className="num">
              {range(f.receipts.firstInvcNo, f.receipts.lastInvcNo)}
            </td>
          </tr>
        </tbody>
      </table>

      <h4>{t('report.heading.tax')}</h4>
      <table className="report-table" data-testid="report-tax">
        <thead>
          <tr>
            <th>{t('report.col.class')}</th>
            <th className="num">{`${t('report.col.sales')} ${t('report.col.taxable')}`}</th>
            <th className="num">{`${t('report.col.sales')} ${t('report.col.vat')}`}</th>
            <th className="num">{`${t('report.col.creditNotes')} ${t('report.col.taxable')}`}</th>
            <th className="num">{`${t('report.col.creditNotes')} ${t('report.col.vat')}`}</th>
            <th className="num">{`${t('report.col.net')} ${t('report.col.taxable')}`}</th>
            <th className="num">{`${t('report.col.net')} ${t('report.col.vat')}`}</th>
          </tr>
        </thead>
        <tbody>
          {f.taxClasses.map((c) => (
            <tr key={c.taxClass}>
              <td>{classLabel(c.taxClass, c.rate ?? 0)}</td>
              {[c.sales.taxable, c.sales.tax, -c.creditNotes.taxable, -c.creditNotes.tax, c.net.taxable, c.net.tax].map((value, i) => (
                <td key={i} className="num">
                  {formatKes(value)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>

      <div className="report-columns">
        <section>
          <h4>{t('report.heading.totals')}</h4>
          <Rows rows={[[t('report.gross'), formatKes(f.totals.gross), true], [t('report.vat'), formatKes(f.totals.vat)], [t('report.net'), formatKes(f.totals.net)]]} testId="report-totals" />
          <h4>{t('report.heading.tenders')}</h4>
          <table className="report-table">
            <thead>
              <tr>
                <th>{t('report.col.tender')}</th>
                <th className="num">{t('report.col.sales')}</th>
                <th className="num">{t('report.col.refunds')}</th>
                <th className="num">{t('report.col.net')}</th>
              </tr>
            </thead>
            <tbody>
              {f.tenders.map((tender) => (
                <tr key={tender.kind}>
                  <td>{t(`tender.${tender.kind}`)}</td>
                  <td className="num">{formatKes(tender.sales)}</td>
                  <td className="num">{formatKes(-tender.refunds)}</td>
                  <td className="num">{formatKes(tender.net)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h4>{t('report.heading.drawer')}</h4>
          <Rows
            testId="report-drawer"
            rows={[
              [t('report.float'), formatKes(f.drawer.float)],
              [t('report.cashSales'), formatKes(f.drawer.cashSales)],
              [t('report.cashRefunds'), formatKes(-f.drawer.cashRefunds)],
              [t('report.payIns'), formatKes(f.drawer.payIns)],
              [t('report.payOuts'), formatKes(-f.drawer.payOuts)],
              [t('report.expected'), formatKes(f.drawer.expected), true],
              [t('report.counted'), f.drawer.counted === null ? t('report.notCounted') : formatKes(f.drawer.counted)],
              [t('shift.overShort'), f.drawer.overShort === null ? t('report.notCounted') : overShortText(t, f.drawer.overShort), true],
            ]}
          />
          <h4>{t('report.heading.controls')}</h4>
          <Rows
            rows={[
              [t('report.discounts', { count: f.discounts.count }), formatKes(-f.discounts.amount)],
              [t('report.overrides', { count: f.priceOverrides.count }), formatKes(-f.priceOverrides.amount)],
              [t('report.voids'), String(f.voidedCarts)],
              [t('report.reprints'), String(f.reprints)],
              [t('report.noSales'), String(f.noSaleOpens)],
            ]}
          />
          <h4>{t('report.heading.kra')}</h4>
          <Rows
            testId="report-kra"
            rows={[
              [t('report.kraSigned', { count: f.kra.signed.count }), formatKes(f.kra.signed.amount)],
              [t('report.kraProvisional', { count: f.kra.provisional.count }), formatKes(f.kra.provisional.amount)],
              [t('report.kraParked', { count: f.kra.parked.count }), formatKes(f.kra.parked.amount)],
            ]}
          />
        </section>
      </div>

      <h4>{t('report.heading.hours')}</h4>
      <HourChart report={report} />
    </article>
  );
}

function Rows({ rows, testId }: { rows: readonly (readonly [string, string, boolean?])[]; testId?: string }) {
  return (
    <table className="report-table" data-testid={testId}>
      <tbody>
        {rows.map(([label, value, strong]) => (
          <tr key={label} className={strong ? 'strong' : undefined}>
            <td>{label}</td>
            <td className="num">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function HourChart({ report }: { report: DayReport }) {
  const { t } = useI18n();
  const hours = report.figures.byHour;
  if (hours.length === 0) return <p className="muted">{t('report.noSalesYet')}</p>;
  const longest = Math.max(1, ...hours.map((h) => h.amount));
  return (
    <ol className="hour-chart" data-testid="hour-chart">
      {hours.map((h) => (
        <li key={h.hour} className="hour-bar">
          <span className="hour-label">{`${String(h.hour).padStart(2, '0')}:00`}</span>
          <span className="hour-track">
            <span className="hour-fill" style={{ width: `${(Math.max(0, h.amount) / longest) * 100}%` }} />
          </span>
          <span className="num">{formatKes(h.amount)}</span>
        </li>
      ))}
    </ol>
  );
}
