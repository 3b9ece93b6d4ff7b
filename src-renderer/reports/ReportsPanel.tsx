import { useCallback, useEffect, useState } from 'react';
import { roleAllows, type DayReport, type UserSummary, type ZSummary } from '../../src-shared/api';
import { formatKes } from '../../src-shared/money';
import type { ApiClient } from '../api/client';
import { useI18n } from '../i18n';
import { Problem } from '../panels/Panel';
import { download } from './download';
import { ReportView } from './ReportView';

type Choice = { zNumber: number } | { scope: 'shift' | 'day' };

/** X reports of the shift or the day, the Z (a manager's), and every past Z to view, print or save. */
export function ReportsPanel({ api, user, version }: { api: ApiClient; user: UserSummary; version: number }) {
  const { t, describeError } = useI18n();
  const [report, setReport] = useState<{ report: DayReport; choice: Choice } | null>(null);
  const [past, setPast] = useState<ZSummary[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = useCallback(() => {
    api.call('report.zList', {}).then(setPast, (error: unknown) => setProblem(describeError(error)));
  }, [api, describeError]);
  useEffect(refresh, [refresh, version]);

  const attempt = async (work: () => Promise<void>) => {
    setProblem(null);
    setNotice(null);
    try {
      await work();
    } catch (error) {
      setProblem(describeError(error));
    }
  };
  const showX = (scope: 'shift' | 'day') => attempt(async () => setReport({ report: await api.call('report.x', { scope }), choice: { scope } }));
  const showZ = (zNumber: number) => attempt(async () => setReport({ report: await api.call('report.get', { zNumber }), choice: { zNumber } }));
  const takeZ = () =>
    attempt(async () => {
      setConfirming(false);
      const z = await api.call('report.z', {});
      setReport({ report: z, choice: { zNumber: z.zNumber! } });
      refresh();
    });
  const print = (choice: Choice) => attempt(async () => {
    await api.call('report.print', choice);
    setNotice(t('report.printed'));
  });
  const pdf = (choice: Choice, paper: 'a4' | 'roll80') => attempt(async () => {
    const file = await api.call('report.pdf', { ...choice, paper });
    download(file.fileName, { base64: file.base64 });
  });
  const csv = (zNumber?: number) => attempt(async () => {
    const file = await api.call('report.csv', zNumber === undefined ? {} : { zNumber });
    download(file.fileName, { text: file.csv, type: 'text/csv' });
  });

  return (
    <section className="day-card reports" data-testid="reports">
      <h3>{t('report.title')}</h3>
      <div className="report-actions">
        <button type="button" data-testid="x-shift" onClick={() => void showX('shift')}>
          {t('report.xShift')}
        </button>
        <button type="button" data-testid="x-day" onClick={() => void showX('day')}>
          {t('report.xDay')}
        </button>
        {roleAllows(user.role, 'manager') && (
          <button type="button" className="danger" data-testid="take-z" onClick={() => setConfirming(true)}>
            {t('report.takeZ')}
          </button>
        )}
      </div>
      {confirming && (
        <div className="approval" role="alertdialog" data-testid="confirm-z">
          <p>{t('report.confirmZ')}</p>
          <div className="toggle">
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {t('report.cancel')}
            </button>
            <button type="button" className="danger" data-testid="confirm-z-yes" onClick={() => void takeZ()}>
              {t('report.confirmZ.yes')}
            </button>
          </div>
        </div>
      )}
      <Problem text={problem} />
      {notice && <p className="notice info">{notice}</p>}
      {report && (
        <>
          <div className="report-actions">
            <button type="button" data-testid="report-print" onClick={() => void print(report.choice)}>
              {t('report.print')}
            </button>
            <button type="button" onClick={() => void pdf(report.choice, 'a4')}>
              {t('report.pdfA4')}
            </button>
            <button type="button" onClick={() => void pdf(report.choice, 'roll80')}>
              {t('report.pdfRoll')}
            </button>
            {'zNumber' in report.choice ? (
              <button type="button" onClick={() => void csv((report.choice as { zNumber: number }).zNumber)}>
                {t('report.csv')}
              </button>
            ) : (
              report.choice.scope === 'day' && (
                <button type="button" onClick={() => void csv()}>
                  {t('report.csv')}
                </button>
              )
            )}
          </div>
          <ReportView report={report.report} />
        </>
      )}
      <h3>{t('report.pastZ')}</h3>
      {past.length === 0 ? (
        <p className="muted">{t('report.noZ')}</p>
      ) : (
        <ul className="hold-list" data-testid="z-list">
          {past.map((z) => (
            <li key={z.zNumber} className="z-row">
              <span>{t('report.zRow', { zNumber: z.zNumber, date: z.businessDate, documents: z.documents, gross: formatKes(z.gross) })}</span>
              <button type="button" onClick={() => void showZ(z.zNumber)}>
                {t('report.view')}
              </button>
              <button type="button" onClick={() => void print({ zNumber: z.zNumber })}>
                {t('report.print')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
