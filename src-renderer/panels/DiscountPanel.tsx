import { useState, type FormEvent } from 'react';
import type { UserSummary } from '../../src-shared/api';
import { formatKes } from '../../src-shared/money';
import type { ApiClient } from '../api/client';
import { useI18n } from '../i18n';
import { cartReducer, pricesAfter, type Cart, type CartAction, type CartLine } from '../till/cart';
import { readAmount, readDiscount } from '../till/entry';
import { ApprovalField, approve, needsApproval } from './approval';
import { Panel, Problem } from './Panel';

/**
 * A discount on the selected line or the whole cart, or a new price for the line. Both need a
 * supervisor's PIN when the cashier's role lacks the right; taking one off does not.
 */
export function DiscountPanel({
  mode,
  api,
  user,
  cart,
  line,
  dispatch,
  onDone,
}: {
  mode: 'discount' | 'price';
  api: ApiClient;
  user: UserSummary;
  cart: Cart;
  line: CartLine | undefined;
  dispatch: (action: CartAction) => void;
  onDone: () => void;
}) {
  const { t, describeError } = useI18n();
  const [target, setTarget] = useState<'line' | 'cart'>(line && mode === 'discount' ? 'line' : 'cart');
  const [text, setText] = useState('');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const approval = needsApproval(user);

  const change = (): CartAction | string => {
    if (mode === 'price') {
      const read = readAmount(text);
      if (!read.ok) return t(read.problem);
      return { type: 'priceOverride', lineId: line!.id, price: read.value };
    }
    const read = readDiscount(text);
    if (!read.ok) return t(read.problem);
    return target === 'cart' ? { type: 'cartDiscount', discount: read.value } : { type: 'lineDiscount', lineId: line!.id, discount: read.value };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const action = change();
    if (typeof action === 'string') return setProblem(action);
    if (!pricesAfter(cart, action)) return setProblem(t('error.DISCOUNT_EXCEEDS_LINE'));
    if (approval) {
      setBusy(true);
      try {
        dispatch({ type: 'approve', approval: await approve(api, pin, cartReducer(cart, action)) });
      } catch (error) {
        setPin('');
        return setProblem(describeError(error));
      } finally {
        setBusy(false);
      }
    }
    dispatch(action);
    onDone();
  };

  const undo = () => {
    if (mode === 'price' && line) dispatch({ type: 'priceOverride', lineId: line.id, price: undefined });
    else if (target === 'line' && line) dispatch({ type: 'lineDiscount', lineId: line.id, discount: undefined });
    else dispatch({ type: 'cartDiscount', discount: undefined });
    onDone();
  };
  const hasOne = mode === 'price' ? line?.priceOverride !== undefined : target === 'cart' ? cart.cartDiscount !== undefined : line?.discount !== undefined;

  const title = mode === 'price' ? t('price.title', { name: line?.item.name ?? '' }) : t('discount.title');
  return (
    <Panel title={title} testId={`${mode}-panel`} onClose={onDone}>
      <form className="panel-form" onSubmit={(event) => void submit(event)}>
        {mode === 'discount' && (
          <div className="toggle" role="group">
            <button type="button" className={target === 'line' ? 'active' : ''} disabled={!line} aria-pressed={target === 'line'} onClick={() => setTarget('line')}>
              {t('discount.line', { name: line?.item.name ?? '' })}
            </button>
            <button type="button" className={target === 'cart' ? 'active' : ''} aria-pressed={target === 'cart'} onClick={() => setTarget('cart')}>
              {t('discount.cart')}
            </button>
          </div>
        )}
        <label className="field">
          <span>{mode === 'price' ? t('price.hint', { price: formatKes(line?.item.unitPrice ?? 0) }) : t('discount.hint')}</span>
          <input
            className="big-input"
            data-testid={`${mode}-input`}
            autoFocus
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setProblem(null);
            }}
          />
        </label>
        {approval && <ApprovalField pin={pin} onChange={setPin} />}
        <Problem text={problem} />
        <button type="submit" className="primary wide" disabled={busy}>
          {t('panel.apply')}
        </button>
        {hasOne && (
          <button type="button" className="secondary wide" onClick={undo}>
            {mode === 'price' ? t('price.reset') : t('discount.remove')}
          </button>
        )}
      </form>
    </Panel>
  );
}
