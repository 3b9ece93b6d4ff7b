import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n';
import type { Cart, CartAction } from '../till/cart';
import { readCustomer } from '../till/entry';
import { CustomerFields } from './CustomerFields';
import { Panel, Problem } from './Panel';

/** The buyer, for a tax invoice in their name. */
export function CustomerPanel({ cart, dispatch, onDone }: { cart: Cart; dispatch: (action: CartAction) => void; onDone: () => void }) {
  const { t } = useI18n();
  const [tin, setTin] = useState(cart.customer?.tin ?? '');
  const [name, setName] = useState(cart.customer?.name ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const read = readCustomer(tin, name);
    if (!read.ok) return setProblem(t(read.problem));
    dispatch({ type: 'customer', customer: read.value });
    onDone();
  };
  return (
    <Panel title={t('customer.title')} testId="customer-panel" onClose={onDone}>
      <form className="panel-form" onSubmit={submit}>
        <CustomerFields tin={tin} name={name} onTin={setTin} onName={setName} autoFocus />
        <Problem text={problem} />
        <button type="submit" className="primary wide">
          {t('customer.save')}
        </button>
        {cart.customer && (
          <button
            type="button"
            className="secondary wide"
            onClick={() => {
              dispatch({ type: 'customer', customer: undefined });
              onDone();
            }}
          >
            {t('customer.remove')}
          </button>
        )}
      </form>
    </Panel>
  );
}
