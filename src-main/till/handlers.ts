import type { Handlers } from '../api/handlers';
import { sessionOf } from '../api/handlers';
import { refundSale } from './refund';
import { completeSale, type SaleDeps } from './sale';

export function tillHandlers(deps: SaleDeps): Handlers<'sale.complete' | 'sale.refund'> {
  return {
    'sale.complete': (input, ctx) => completeSale(deps, input, sessionOf(ctx).user),
    'sale.refund': (input, ctx) => refundSale(deps, input, sessionOf(ctx).user),
  };
}
