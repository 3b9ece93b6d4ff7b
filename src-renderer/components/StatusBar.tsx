import { useState } from 'react';
import { roleAllows, type SyncAlert, type SyncStatus, type UserSummary } from '../../src-shared/api';
import type { ApiClient } from '../api/client';
import { useI18n } from '../i18n';
import { describeKraStatus } from '../till/kra-status';

/** Only a nearly full disk is a warning; the other alerts stop selling or sending. */
const alertTone = (alerts: SyncAlert[]) => (alerts.every((a) => a.code === 'DISK_LOW') ? 'warning' : 'blocked');

/**
 * KRA's status, always in view: online or offline (and for how long), the 24-hour limit, sales
 * waiting; above all, whatever stops selling or sending (a ledger behind KRA or damaged, a full disk),
 * with a manager's way out of a ledger behind KRA.
 */
export function StatusBar({ status, api, user, onChanged }: { status: SyncStatus | null; api: ApiClient; user: UserSummary; onChanged: () => void }) {
  const { t, describeError } = useI18n();
  const [resync, setResync] = useState<{ busy: boolean; text: string | null }>({ busy: false, text: null });
  if (!status) return <footer className="status-bar" />;
  const words = describeKraStatus(status, Date.now());
  const tone = status.alerts.length > 0 ? alertTone(status.alerts) : words.tone;
  const behind = status.alerts.some((a) => a.code === 'LEDGER_BEHIND_KRA');
  const runResync = () => {
    setResync({ busy: true, text: null });
    api.call('sync.resync', {}).then(
      (done) => setResync({ busy: false, text: t('status.resynced', { invcNo: done.nextInvcNo, count: done.renumbered }) }),
      (error: unknown) => setResync({ busy: false, text: describeError(error) }),
    ).finally(onChanged);
  };
  return (
    <footer className={`status-bar ${tone}`} data-testid="status-bar" data-state={status.state} data-tone={tone} role="status">
      <span className="kra-state" data-testid="kra-headline">
        {t(words.headline.key, words.headline.params)}
      </span>
      {status.alerts.map((alert) => (
        <span key={alert.code} className="kra-alert" role="alert" data-testid="kra-alert" data-code={alert.code}>
          {t(`error.${alert.code}`, alert.params)}
        </span>
      ))}
      {status.alerts.length === 0 && words.detail && (
        <span className="kra-detail" data-testid="kra-detail">
          {t(words.detail.key, words.detail.params)}
        </span>
      )}
      {behind && roleAllows(user.role, 'manager') && (
        <button type="button" className="resync" data-testid="resync" disabled={resync.busy} onClick={runResync}>
          {t('status.resync')}
        </button>
      )}
      {resync.text && <span data-testid="resync-result">{resync.text}</span>}
      <span className="queue" data-testid="queue-depth">
        {t('status.queue', { count: status.queueDepth })}
      </span>
    </footer>
  );
}
