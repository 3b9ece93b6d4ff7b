import { useState, type FormEvent } from 'react';
import type { ApiClient } from '../api/client';
import { useI18n } from '../i18n';
import { toOpenCart, type Cart } from '../till/cart';
import { Panel, Problem } from './Panel';

export function HoldPanel({ api, cart, onHeld, onClose }: { api: ApiClient; cart: Cart; onHeld: (label: string) => void; onClose: () => void }) {
  const { t, describeError } = useI18n();
  const [label, setLabel] = useState(cart.customer?.name ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (label.trim() === '') return setProblem(t('hold.labelNeeded'));
    setBusy(true);
    try {
      const held = await api.call('cart.hold', { label, cart: toOpenCart(cart) });
      onHeld(held.label);
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel title={t('hold.title')} testId="hold-panel" onClose={onClose}>
      <form className="panel-form" onSubmit={(event) => void submit(event)}>
        <label className="field">
          <span>{t('hold.label')}</span>
          <input className="big-input" data-testid="hold-label" data-scanner="off" autoFocus maxLength={40} value={label} onChange={(event) => {
              setLabel(event.target.value);
              setProblem(null);
            }}
          />
        </label>
        <Problem text={problem} />
        <button type="submit" className="primary wide" disabled={busy}>
          {t('hold.confirm')}
        </button>
      </form>
    </Panel>
  );
}
