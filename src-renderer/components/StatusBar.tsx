import type { SyncStatus } from '../../src-shared/api';
import { useI18n } from '../i18n';
import { describeKraStatus } from '../till/kra-status';

/** KRA's status, always in view: online or offline (and for how long), the 24-hour limit, sales waiting. */
export function StatusBar({ status }: { status: SyncStatus | null }) {
  const { t } = useI18n();
  if (!status) return <footer className="status-bar" />;
  const words = describeKraStatus(status, Date.now());
  return (
    <footer className={`status-bar ${words.tone}`} data-testid="status-bar" data-state={status.state} data-tone={words.tone} role="status">
      <span className="kra-state" data-testid="kra-headline">
        {t(words.headline.key, words.headline.params)}
      </span>
      {words.detail && (
        <span className="kra-detail" data-testid="kra-detail">
          {t(words.detail.key, words.detail.params)}
        </span>
      )}
      <span className="queue" data-testid="queue-depth">
        {t('status.queue', { count: status.queueDepth })}
      </span>
    </footer>
  );
}
