/**
 * Carts put aside and recalled (they live in the ledger, so they survive a restart), and carts voided
 * with a reason. Every hold, recall and void is in the audit log with the cart it concerned.
 */
import { ApiError, type CatalogItem, type OpenCart } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import { DEFAULT_TAX_RATES, TaxError } from '../../src-shared/tax';
import { sessionOf, type Handlers } from '../api/handlers';
import type { CatalogIndex } from '../catalog/search';
import { appendAudit } from '../ledger/audit';
import { insertHold, listHolds, takeHold } from '../ledger/holds';
import { priceCart } from './sale';
import type { LedgerDb } from '../ledger/open';

export interface HoldDeps {
  db: LedgerDb;
  clock: Clock;
  index: CatalogIndex;
}

export function holdHandlers(deps: HoldDeps): Handlers<'cart.hold' | 'cart.holds' | 'cart.recall' | 'cart.void'> {
  const { db, clock, index } = deps;
  const itemsOf = (cart: OpenCart) => cart.lines.map((line) => index.item(line.itemCode));
  return {
    'cart.hold': ({ label, cart }, ctx) => {
      const cashier = sessionOf(ctx).user;
      const at = clock.now().toISOString();
      const holdId = insertHold(db, { heldAt: at, cashierId: cashier.id, label, cart }, (id) => ({
        at,
        userId: cashier.id,
        action: 'cart.hold',
        detail: { holdId: id, label, lines: cart.lines.length },
      }));
      return { holdId, label };
    },
    'cart.holds': () =>
      listHolds(db).map((hold) => ({
        holdId: hold.id,
        label: hold.label,
        heldAt: hold.heldAt,
        cashierName: hold.cashierName,
        lineCount: hold.cart.lines.length,
        total: cartTotal(hold.cart, itemsOf(hold.cart)),
      })),
    'cart.recall': ({ holdId }, ctx) => {
      const cashier = sessionOf(ctx).user;
      const hold = takeHold(db, holdId, (taken) => ({
        at: clock.now().toISOString(),
        userId: cashier.id,
        action: 'cart.recall',
        detail: { holdId, label: taken.label, heldBy: taken.cashierId, lines: taken.cart.lines.length },
      }));
      if (!hold) {
        throw new ApiError('HOLD_NOT_FOUND', `holdId: no cart is on hold as ${holdId}; it may have been recalled already`, {
          field: 'holdId',
        });
      }
      const items = itemsOf(hold.cart).filter((item): item is CatalogItem => item !== undefined);
      return { holdId, label: hold.label, cart: hold.cart, items };
    },
    'cart.void': ({ reason, cart }, ctx) => {
      const cashier = sessionOf(ctx).user;
      appendAudit(db, {
        at: clock.now(),
        userId: cashier.id,
        action: 'cart.void',
        detail: { reason, cart, total: cartTotal(cart, itemsOf(cart)) },
      });
      return { voided: true };
    },
  };
}

/** The cart's total at today's prices; null when one of its items has left the catalogue. */
export function cartTotal(cart: OpenCart, items: readonly (CatalogItem | undefined)[]): number | null {
  if (items.some((item) => item === undefined)) return null;
  try {
    // Prices include VAT, so the total does not depend on the rates.
    return priceCart(cart, items as CatalogItem[], DEFAULT_TAX_RATES).total;
  } catch (error) {
    if (error instanceof TaxError) return null;
    throw error;
  }
}
