import { useEffect, useRef } from 'react';
import { formatKes, formatQuantity } from '../../src-shared/money';
import type { PricedInvoice } from '../../src-shared/tax';
import { useI18n } from '../i18n';
import type { Cart, CartAction } from '../till/cart';

/** The open cart, newest line last and selected; a tap selects a line, the cross removes it. */
export function CartView({ cart, priced, dispatch }: { cart: Cart; priced: PricedInvoice | null; dispatch: (action: CartAction) => void }) {
  const { t } = useI18n();
  const selectedRow = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    selectedRow.current?.scrollIntoView({ block: 'nearest' });
  }, [cart.selectedId, cart.lines.length]);
  if (cart.lines.length === 0) return <div className="cart-empty">{t('till.emptyCart')}</div>;
  return (
    <div className="cart" data-testid="cart">
      <table className="cart-table">
        <thead>
          <tr>
            <th className="name">{t('cart.item')}</th>
            <th className="num">{t('cart.quantity')}</th>
            <th className="num">{t('cart.price')}</th>
            <th className="num">{t('cart.discount')}</th>
            <th className="num">{t('cart.total')}</th>
            <th aria-hidden="true" />
          </tr>
        </thead>
        <tbody>
          {cart.lines.map((line, i) => {
            const pricedLine = priced?.lines[i];
            const selected = line.id === cart.selectedId;
            return (
              <tr
                key={line.id}
                ref={selected ? selectedRow : undefined}
                className={selected ? 'selected' : undefined}
                data-testid="cart-line"
                aria-selected={selected}
                onClick={() => dispatch({ type: 'select', lineId: line.id })}
              >
                <td className="name">
                  {line.item.name}
                  {line.priceOverride !== undefined && <span className="tag">{t('cart.priceChanged')}</span>}
                </td>
                <td className="num" data-testid="line-quantity">
                  {formatQuantity(line.quantity)}
                  {line.item.weighed && <span className="unit"> {line.item.quantityUnit.toLowerCase()}</span>}
                </td>
                <td className="num">{formatKes(line.priceOverride ?? line.item.unitPrice)}</td>
                <td className="num">{pricedLine && pricedLine.discountAmount > 0 ? `-${formatKes(pricedLine.discountAmount)}` : ''}</td>
                <td className="num strong" data-testid="line-total">
                  {pricedLine ? formatKes(pricedLine.total) : ''}
                </td>
                <td className="remove">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('cart.remove', { name: line.item.name })}
                    onClick={(event) => {
                      event.stopPropagation();
                      dispatch({ type: 'remove', lineId: line.id });
                    }}
                  >
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
