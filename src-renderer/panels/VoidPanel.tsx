import { useState, type FormEvent } from 'react';
import type { MessageKey } from '../../src-shared/i18n';
import type { ApiClient } from '../api/client';
import { useI18n } from '../i18n';
import { toOpenCart, type Cart } from '../till/cart';
import { Panel, Problem } from './Panel';

const COMMON_REASONS: readonly MessageKey[] = ['void.reason.left', 'void.reason.cannotPay', 'void.reason.mistake'];

/** Voids the open cart; the reason goes to the audit log with the cart. */
export function VoidPanel({ api, cart, onVoided, onClose }: { api: ApiClient; cart: Cart; onVoided: () => void; onClose: () => void }) {
  const { t, describeError } = useI18n();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const choose = (text: string) => {
    setReason(text);
    setProblem(null);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (reason.trim().length < 3) return setProblem(t('void.reasonNeeded'));
    setBusy(true);
    try {
      await api.call('cart.void', { reason, cart: toOpenCart(cart) });
      onVoided();
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel title={t('void.title')} testId="void-panel" onClose={onClose}>
      <form className="panel-form" onSubmit={(event) => void submit(event)}>
        <div className="reasons">
          {COMMON_REASONS.map((key) => (
            <button key={key} type="button" onClick={() => choose(t(key))}>
              {t(key)}
            </button>
          ))}
        </div>
        <label className="field">
          <span>{t('void.reason')}</span>
          <input className="big-input" data-testid="void-reason" data-scanner="off" autoFocus maxLength={200} value={reason} onChange={(event) => choose(event.target.value)} />
        </label>
        <Problem text={problem} />
        <button type="submit" className="danger wide" disabled={busy}>
          {t('void.confirm')}
        </button>
      </form>
    </Panel>
  );
}
