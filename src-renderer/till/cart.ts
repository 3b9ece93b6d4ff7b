/**
 * The open cart, as the till keeps it between scans: pure state and a reducer, so the cashier's
 * every move is a small, testable step. Prices are the catalogue's; the engine prices the sale again.
 */
import type { CatalogItem, OpenCart, SaleInput } from '../../src-shared/api';
import { DEFAULT_TAX_RATES, priceInvoice, TaxError, type Discount, type PricedInvoice } from '../../src-shared/tax';

export interface Customer {
  tin: string;
  name: string;
}

export interface CartLine {
  id: number;
  item: CatalogItem;
  /** Hundredths of a unit. */
  quantity: number;
  discount?: Discount;
  /** VAT-inclusive cents instead of the catalogue price. */
  priceOverride?: number;
}

export interface Cart {
  lines: CartLine[];
  /** The line that quantity, discount, price and Delete act on. */
  selectedId: number | null;
  cartDiscount?: Discount;
  customer?: Customer;
  /** A supervisor's approval for this cart's discounts or price overrides (session.authorize). */
  approval?: string;
  /** The key sale.complete gets for this cart, given at its first payment: a resent request makes no second sale. */
  clientKey?: string;
  nextId: number;
}

export const emptyCart: Cart = { lines: [], selectedId: null, nextId: 1 };

export type CartAction =
  | { type: 'add'; item: CatalogItem; quantity?: number }
  | { type: 'setQuantity'; lineId: number; quantity: number }
  | { type: 'remove'; lineId: number }
  | { type: 'select'; lineId: number }
  | { type: 'move'; by: 1 | -1 }
  | { type: 'lineDiscount'; lineId: number; discount: Discount | undefined }
  | { type: 'priceOverride'; lineId: number; price: number | undefined }
  | { type: 'cartDiscount'; discount: Discount | undefined }
  | { type: 'customer'; customer: Customer | undefined }
  | { type: 'approve'; approval: string }
  | { type: 'clientKey'; clientKey: string }
  | { type: 'load'; cart: OpenCart; items: readonly CatalogItem[] }
  | { type: 'clear' };

const ONE = 100;

export function cartReducer(cart: Cart, action: CartAction): Cart {
  switch (action.type) {
    case 'add':
      return addItem(cart, action.item, action.quantity ?? ONE);
    case 'setQuantity':
      return updateLine(cart, action.lineId, (line) => ({ ...line, quantity: action.quantity }));
    case 'remove': {
      const index = cart.lines.findIndex((line) => line.id === action.lineId);
      if (index < 0) return cart;
      const lines = cart.lines.filter((line) => line.id !== action.lineId);
      const neighbour = lines[Math.min(index, lines.length - 1)];
      return { ...cart, lines, selectedId: neighbour?.id ?? null };
    }
    case 'select':
      return cart.lines.some((line) => line.id === action.lineId) ? { ...cart, selectedId: action.lineId } : cart;
    case 'move': {
      if (cart.lines.length === 0) return cart;
      const index = cart.lines.findIndex((line) => line.id === cart.selectedId);
      const next = Math.min(cart.lines.length - 1, Math.max(0, (index < 0 ? cart.lines.length : index) + action.by));
      return { ...cart, selectedId: cart.lines[next]!.id };
    }
    case 'lineDiscount':
      return updateLine(cart, action.lineId, (line) => (action.discount ? { ...line, discount: action.discount } : without(line, 'discount')));
    case 'priceOverride':
      return updateLine(cart, action.lineId, (line) =>
        action.price === undefined ? without(line, 'priceOverride') : { ...line, priceOverride: action.price },
      );
    case 'cartDiscount':
      return action.discount ? { ...cart, cartDiscount: action.discount } : without(cart, 'cartDiscount');
    case 'customer':
      return action.customer ? { ...cart, customer: action.customer } : without(cart, 'customer');
    case 'approve':
      return { ...cart, approval: action.approval };
    case 'clientKey':
      return { ...cart, clientKey: action.clientKey };
    case 'load':
      return loadCart(action.cart, action.items);
    case 'clear':
      return emptyCart;
  }
}

function without<T extends object>(value: T, key: keyof T): T {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

/** A scanned item already on the last line adds one more; a weighed item is always a new weighing. */
function addItem(cart: Cart, item: CatalogItem, quantity: number): Cart {
  const last = cart.lines.at(-1);
  if (last && last.item.code === item.code && !item.weighed && !last.discount && last.priceOverride === undefined) {
    return updateLine(cart, last.id, (line) => ({ ...line, quantity: line.quantity + quantity }));
  }
  const line: CartLine = { id: cart.nextId, item, quantity };
  return { ...cart, lines: [...cart.lines, line], selectedId: line.id, nextId: cart.nextId + 1 };
}

function updateLine(cart: Cart, lineId: number, change: (line: CartLine) => CartLine): Cart {
  return {
    ...cart,
    lines: cart.lines.map((line) => (line.id === lineId ? change(line) : line)),
    selectedId: lineId,
  };
}

function loadCart(open: OpenCart, items: readonly CatalogItem[]): Cart {
  const byCode = new Map(items.map((item) => [item.code, item]));
  const lines = open.lines.flatMap((line, i): CartLine[] => {
    const item = byCode.get(line.itemCode);
    if (!item) return [];
    return [{ id: i + 1, item, quantity: line.quantity, ...(line.discount ? { discount: line.discount } : {}), ...(line.priceOverride ? { priceOverride: line.priceOverride } : {}) }];
  });
  return {
    lines,
    selectedId: lines.at(-1)?.id ?? null,
    nextId: lines.length + 1,
    ...(open.cartDiscount ? { cartDiscount: open.cartDiscount } : {}),
    ...(open.customer ? { customer: open.customer } : {}),
  };
}

export function selectedLine(cart: Cart): CartLine | undefined {
  return cart.lines.find((line) => line.id === cart.selectedId);
}

export function toOpenCart(cart: Cart): OpenCart {
  return {
    lines: cart.lines.map((line) => ({
      itemCode: line.item.code,
      quantity: line.quantity,
      ...(line.discount ? { discount: line.discount } : {}),
      ...(line.priceOverride === undefined ? {} : { priceOverride: line.priceOverride }),
    })),
    ...(cart.cartDiscount ? { cartDiscount: cart.cartDiscount } : {}),
    ...(cart.customer ? { customer: cart.customer } : {}),
  };
}

export function saleOf(cart: Cart, tenders: SaleInput['tenders']): SaleInput {
  return {
    ...toOpenCart(cart),
    tenders,
    ...(cart.approval ? { approval: cart.approval } : {}),
    ...(cart.clientKey ? { clientKey: cart.clientKey } : {}),
  };
}

/** A new key for a cart: 32 random hex digits. */
export function newClientKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The cart priced as the receipt will be; the total does not depend on the tax rates, only the
 * split into tax does, so the engine's rates are not needed on screen. Throws TaxError for a
 * discount larger than what it applies to.
 */
export function priceCart(cart: Cart): PricedInvoice {
  return priceInvoice(
    cart.lines.map((line) => ({
      unitPrice: line.priceOverride ?? line.item.unitPrice,
      quantity: line.quantity,
      taxClass: line.item.taxClass,
      ...(line.discount ? { discount: line.discount } : {}),
    })),
    DEFAULT_TAX_RATES,
    cart.cartDiscount,
  );
}

/**
 * What a supervisor is asked to approve for this cart: its kind of change and the cents its
 * discounts and new prices take off the catalogue's prices. The engine spends the approval only on
 * a sale that takes no more off.
 */
export function approvalFor(cart: Cart): { action: 'discount' | 'priceOverride'; amount: number } {
  const plain = { ...without(cart, 'cartDiscount'), lines: cart.lines.map((line) => without(without(line, 'discount'), 'priceOverride')) };
  const discounted = cart.cartDiscount !== undefined || cart.lines.some((line) => line.discount);
  return { action: discounted ? 'discount' : 'priceOverride', amount: Math.max(0, priceCart(plain).total - priceCart(cart).total) };
}

/** Whether a change to the cart still prices (no discount larger than its line or the total). */
export function pricesAfter(cart: Cart, action: CartAction): boolean {
  try {
    priceCart(cartReducer(cart, action));
    return true;
  } catch (error) {
    if (error instanceof TaxError) return false;
    throw error;
  }
}
