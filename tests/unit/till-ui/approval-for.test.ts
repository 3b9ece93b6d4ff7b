import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CatalogItem } from '../../../src-shared/api';
import { approvalFor, cartReducer, emptyCart, newClientKey, saleOf, type Cart, type CartAction } from '../../../src-renderer/till/cart';

const sugar: CatalogItem = { code: 'SUGAR', name: 'Sugar', barcode: null, unitPrice: 16500, taxClass: 'B', quantityUnit: 'NO', weighed: false, registered: true, stock: null };
const run = (...actions: CartAction[]): Cart => actions.reduce(cartReducer, emptyCart);

describe('what the till asks a supervisor to approve', () => {
  it('is the discount and the cents it takes off the catalogue prices', () => {
    const cart = run({ type: 'add', item: sugar, quantity: 200 }, { type: 'lineDiscount', lineId: 1, discount: { rate: 1000 } });
    assert.deepEqual(approvalFor(cart), { action: 'discount', amount: 3300 });
  });

  it('is a price override, with a cart discount on top counted in the amount', () => {
    const priced = run({ type: 'add', item: sugar }, { type: 'priceOverride', lineId: 1, price: 15000 });
    assert.deepEqual(approvalFor(priced), { action: 'priceOverride', amount: 1500 });
    assert.deepEqual(approvalFor(cartReducer(priced, { type: 'cartDiscount', discount: { amount: 500 } })), { action: 'discount', amount: 2000 });
  });
});

describe('the key of a cart', () => {
  it('goes with the sale once given, and is new for each cart', () => {
    const key = newClientKey();
    assert.match(key, /^[0-9a-f]{32}$/);
    assert.notEqual(newClientKey(), key);
    const cart = run({ type: 'add', item: sugar }, { type: 'clientKey', clientKey: key });
    assert.equal(saleOf(cart, [{ kind: 'cash', amount: 16500 }]).clientKey, key);
    assert.equal(cartReducer(cart, { type: 'clear' }).clientKey, undefined);
  });
});
