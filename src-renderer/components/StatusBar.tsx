import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../src-shared/api';
import type { ApiClient } from '../api/client';
import { useI18n } from '../i18n';
import { formatDuration } from '../format';

const REFRESH_MS = 10_000;

/** KRA's status, always in view: online or offline (and for how long), and sales waiting to be signed. */
export function StatusBar({ api }: { api: ApiClient }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<SyncStatus | null>(null);

  useEffect(() => {
    let live = true;
    const refresh = () =>
      api.call('sync.status', {}).then(
        (next) => live && setStatus(next),
        () => undefined,
      );
    void refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    const unsubscribe = api.on('sync.status', setStatus);
    return () => {
      live = false;
      clearInterval(timer);
      unsubscribe();
    };
  }, [api]);

  if (!status) return <footer className="status-bar" />;
  const offlineSeconds = status.lastContactAt ? (Date.now() - Date.parse(status.lastContactAt)) / 1000 : null;
  return (
    <footer className={`status-bar ${status.state}`} data-testid="status-bar" data-state={status.state}>
      <span className="kra-state">{t(`status.${status.state}`)}</span>
      {status.state !== 'online' && offlineSeconds !== null && (
        <span>{t('status.offlineFor', { duration: formatDuration(offlineSeconds) })}</span>
      )}
      <span className="queue" data-testid="queue-depth">
        {t('status.queue', { count: status.queueDepth })}
      </span>
    </footer>
  );
}
