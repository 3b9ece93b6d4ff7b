import { formatKes } from '../../src-shared/money';
import type { PricedInvoice } from '../../src-shared/tax';
import { useI18n } from '../i18n';
import type { Cart } from '../till/cart';

/** The figure the customer asks about, big enough to read across the counter. */
export function TotalBox({ cart, priced }: { cart: Cart; priced: PricedInvoice | null }) {
  const { t } = useI18n();
  return (
    <div className="total-box">
      <div className="total-label">{t('till.total')}</div>
      <div className="total-figure" data-testid="cart-total">
        {formatKes(priced?.total ?? 0)}
      </div>
      <div className="total-notes">
        <span>{cart.lines.length === 1 ? t('till.lineCount.one') : t('till.lineCount.other', { count: cart.lines.length })}</span>
        {priced && priced.discountTotal > 0 && <span>{t('till.discountTotal', { amount: formatKes(priced.discountTotal) })}</span>}
        {cart.cartDiscount && <span>{t('till.cartDiscounted')}</span>}
      </div>
      {cart.customer && (
        <div className="total-customer" data-testid="cart-customer">
          {t('till.customer', { name: cart.customer.name, tin: cart.customer.tin })}
        </div>
      )}
    </div>
  );
}
