import { useState } from 'react';
import { roleAllows, type UserSummary } from '../../src-shared/api';
import type { ApiClient } from '../api/client';
import { useI18n } from '../i18n';
import { ReportsPanel } from '../reports/ReportsPanel';
import { ShiftPanel } from './ShiftPanel';
import { ShiftList } from './ShiftList';

/** F11 from the till: the shift for everyone; closed shifts and the X and Z reports for a supervisor or manager. */
export function DayScreen({ api, user, onClose }: { api: ApiClient; user: UserSummary; onClose: () => void }) {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  const oversees = roleAllows(user.role, 'supervisor');
  return (
    <section className="day-screen" data-testid="day-screen" aria-label={t('day.title')}>
      <header className="panel-header">
        <h2>{t(oversees ? 'day.title' : 'shift.title')}</h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('day.back')}
        </button>
      </header>
      <div className="day-body">
        <div className="day-left">
          <ShiftPanel api={api} user={user} onChanged={bump} />
          {oversees && <ShiftList api={api} version={version} />}
        </div>
        {oversees && <ReportsPanel api={api} user={user} version={version} />}
      </div>
    </section>
  );
}
