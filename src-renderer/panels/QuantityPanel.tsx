import { useState, type FormEvent } from 'react';
import { formatQuantity } from '../../src-shared/money';
import { useI18n } from '../i18n';
import type { CartAction, CartLine } from '../till/cart';
import { readQuantity } from '../till/entry';
import { Panel, Problem } from './Panel';

export function QuantityPanel({ line, dispatch, onDone }: { line: CartLine; dispatch: (action: CartAction) => void; onDone: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(formatQuantity(line.quantity));
  const [problem, setProblem] = useState<string | null>(null);
  const apply = (quantityText: string) => {
    const read = readQuantity(quantityText, line.item.weighed);
    if (!read.ok) return setProblem(t(read.problem));
    dispatch({ type: 'setQuantity', lineId: line.id, quantity: read.value });
    onDone();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply(text);
  };
  const step = (by: number) => {
    const read = readQuantity(text, false);
    setText(formatQuantity(Math.max(100, (read.ok ? read.value : line.quantity) + by * 100)));
  };
  return (
    <Panel title={t('quantity.title', { name: line.item.name })} testId="quantity-panel" onClose={onDone}>
      <form className="panel-form" onSubmit={submit}>
        <label className="field">
          <span>{line.item.weighed ? t('quantity.weighed', { unit: line.item.quantityUnit.toLowerCase() }) : t('quantity.count')}</span>
          <input
            className="big-input"
            data-testid="quantity-input"
            inputMode="decimal"
            autoFocus
            onFocus={(event) => event.target.select()}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setProblem(null);
            }}
          />
        </label>
        {!line.item.weighed && (
          <div className="stepper">
            <button type="button" onClick={() => step(-1)} aria-label={t('quantity.less')}>
              −
            </button>
            <button type="button" onClick={() => step(1)} aria-label={t('quantity.more')}>
              +
            </button>
          </div>
        )}
        <Problem text={problem} />
        <button type="submit" className="primary wide">
          {t('panel.apply')}
        </button>
      </form>
    </Panel>
  );
}
