import { useEffect, useState } from 'react';
import type { ClosedShift } from '../../src-shared/api';
import { formatKes } from '../../src-shared/money';
import { nairobiDisplay } from '../../src-shared/reports/document';
import type { ApiClient } from '../api/client';
import { useI18n } from '../i18n';
import { overShortText } from './ShiftPanel';

/** Closed shifts with what each drawer should have held and what was counted: for the supervisor and manager. */
export function ShiftList({ api, version }: { api: ApiClient; version: number }) {
  const { t } = useI18n();
  const [shifts, setShifts] = useState<ClosedShift[]>([]);
  useEffect(() => {
    api.call('shift.list', {}).then(setShifts, () => undefined);
  }, [api, version]);
  return (
    <section className="day-card">
      <h3>{t('shift.recent')}</h3>
      {shifts.length === 0 ? (
        <p className="muted">{t('shift.recent.none')}</p>
      ) : (
        <table className="report-table" data-testid="shift-list">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('shift.title')}</th>
              <th className="num">{t('shift.expected')}</th>
              <th className="num">{t('report.counted')}</th>
              <th className="num">{t('shift.overShort')}</th>
            </tr>
          </thead>
          <tbody>
            {shifts.map((s) => (
              <tr key={s.shiftId} className={s.overShort ? 'strong' : undefined}>
                <td>{s.shiftId}</td>
                <td>
                  {s.openedBy}, {nairobiDisplay(s.closedAt)}
                </td>
                <td className="num">{formatKes(s.expected ?? 0)}</td>
                <td className="num">{formatKes(s.counted)}</td>
                <td className="num">{overShortText(t, s.overShort ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
