import { useState } from 'react';
import { ApiError, type ApiErrorBody } from '../../src-shared/api';
import type { ApiClient } from '../api/client';
import { useI18n } from '../i18n';
import { Panel, Problem } from './Panel';

type Outcome = { tone: 'ok' | 'error'; lines: string[] };

/**
 * A manager's checks at the till: a test print that says which way a receipt goes, to where, and
 * how it ended; and, after a clock that ran ahead, re-anchoring the clock guard to KRA's time.
 */
export function ManagerPanel({ api, onClose }: { api: ApiClient; onClose: () => void }) {
  const { t, describeError } = useI18n();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const errorText = (error: ApiErrorBody) => describeError(ApiError.fromBody(error));

  const run = async (action: () => Promise<Outcome>) => {
    if (busy) return;
    setBusy(true);
    try {
      setOutcome(await action());
    } catch (error) {
      setOutcome({ tone: 'error', lines: [describeError(error)] });
    } finally {
      setBusy(false);
    }
  };

  const testPrint = async (): Promise<Outcome> => {
    const result = await api.call('print.test', {});
    const lines = [
      t('manager.printTarget', { transport: t(`manager.transport.${result.transport}`), target: result.target }),
      t('manager.printResolved', { resolved: result.resolved ?? '-' }),
      result.error ? errorText(result.error) : t('manager.printed'),
    ];
    return { tone: result.printed ? 'ok' : 'error', lines };
  };

  const reanchor = async (): Promise<Outcome> => {
    const result = await api.call('clock.reanchor', {});
    return { tone: 'ok', lines: [t('manager.reanchored', { kraTime: result.kraTime, lastSaleAt: result.lastSaleAt })] };
  };

  return (
    <Panel title={t('manager.title')} testId="manager-panel" onClose={onClose}>
      <div className="panel-form">
        <button type="button" className="wide" data-testid="test-print" disabled={busy} onClick={() => void run(testPrint)}>
          {t('manager.testPrint')}
        </button>
        <p className="hint">{t('manager.reanchorHelp')}</p>
        <button type="button" className="wide" data-testid="reanchor-clock" disabled={busy} onClick={() => void run(reanchor)}>
          {t('manager.reanchor')}
        </button>
        {outcome?.tone === 'error' ? (
          <Problem text={outcome.lines.join(' ')} />
        ) : (
          outcome && (
            <p className="notice info" role="status" data-testid="manager-outcome">
              {outcome.lines.join(' ')}
            </p>
          )
        )}
      </div>
    </Panel>
  );
}
