import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { HoldSummary, RecalledCart } from '../../src-shared/api';
import { formatKes } from '../../src-shared/money';
import type { ApiClient } from '../api/client';
import { useI18n } from '../i18n';
import { Panel, Problem } from './Panel';

/** Carts on hold, oldest first: arrows and Enter, or a tap, bring one back. */
export function RecallPanel({ api, onRecalled, onClose }: { api: ApiClient; onRecalled: (cart: RecalledCart) => void; onClose: () => void }) {
  const { t, language, describeError } = useI18n();
  const [holds, setHolds] = useState<HoldSummary[] | null>(null);
  const [highlight, setHighlight] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    list.current?.focus();
  }, []);
  useEffect(() => {
    api.call('cart.holds', {}).then(setHolds, (error: unknown) => setProblem(describeError(error)));
  }, [api, describeError]);

  const recall = async (hold: HoldSummary) => {
    try {
      onRecalled(await api.call('cart.recall', { holdId: hold.holdId }));
    } catch (error) {
      setProblem(describeError(error));
      setHolds((current) => current?.filter((h) => h.holdId !== hold.holdId) ?? null);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!holds || holds.length === 0) return;
    if (event.key === 'ArrowDown') setHighlight((i) => Math.min(holds.length - 1, i + 1));
    else if (event.key === 'ArrowUp') setHighlight((i) => Math.max(0, i - 1));
    else if (event.key === 'Enter') void recall(holds[highlight]!);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const time = (iso: string) => new Date(iso).toLocaleTimeString(language === 'sw' ? 'sw-KE' : 'en-KE', { hour: '2-digit', minute: '2-digit' });
  return (
    <Panel title={t('recall.title')} testId="recall-panel" onClose={onClose}>
      <Problem text={problem} />
      {holds?.length === 0 && <p className="muted">{t('recall.none')}</p>}
      <ul className="hold-list" role="listbox" aria-label={t('recall.title')} ref={list} tabIndex={0} onKeyDown={onKeyDown}>
        {holds?.map((hold, i) => (
          <li key={hold.holdId} role="option" aria-selected={i === highlight}>
            <button type="button" className={i === highlight ? 'hold active' : 'hold'} data-testid="held-cart" tabIndex={-1} onClick={() => void recall(hold)}>
              <span className="hold-label">{hold.label}</span>
              <span className="hold-total">{hold.total === null ? '' : formatKes(hold.total)}</span>
              <span className="hold-meta">{t(hold.lineCount === 1 ? 'recall.meta.one' : 'recall.meta.other', { lines: hold.lineCount, cashier: hold.cashierName, time: time(hold.heldAt) })}</span>
            </button>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
