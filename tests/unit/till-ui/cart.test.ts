import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CatalogItem } from '../../../src-shared/api';
import { cartReducer, emptyCart, priceCart, pricesAfter, saleOf, selectedLine, toOpenCart, type Cart, type CartAction } from '../../../src-renderer/till/cart';

const item = (code: string, unitPrice: number, weighed = false): CatalogItem => ({
  code,
  name: `Item ${code}`,
  barcode: null,
  unitPrice,
  taxClass: 'B',
  quantityUnit: weighed ? 'KG' : 'NO',
  weighed,
  registered: true,
  stock: null,
});
const sugar = item('SUGAR', 16500);
const rice = item('RICE', 19999, true);
const run = (...actions: CartAction[]): Cart => actions.reduce(cartReducer, emptyCart);

describe('the open cart', () => {
  it('adds one more to the last line when the same counted item is scanned again', () => {
    const cart = run({ type: 'add', item: sugar }, { type: 'add', item: sugar });
    assert.equal(cart.lines.length, 1);
    assert.equal(cart.lines[0]!.quantity, 200);
  });

  it('keeps each weighing of a weighed item as its own line', () => {
    const cart = run({ type: 'add', item: rice, quantity: 125 }, { type: 'add', item: rice, quantity: 80 });
    assert.deepEqual(cart.lines.map((l) => l.quantity), [125, 80]);
  });

  it('selects the newest line, moves with the arrows and selects a neighbour after a removal', () => {
    let cart = run({ type: 'add', item: sugar }, { type: 'add', item: rice }, { type: 'add', item: item('SOAP', 24000) });
    assert.equal(selectedLine(cart)?.item.code, 'SOAP');
    cart = cartReducer(cart, { type: 'move', by: -1 });
    assert.equal(selectedLine(cart)?.item.code, 'RICE');
    cart = cartReducer(cart, { type: 'remove', lineId: selectedLine(cart)!.id });
    assert.deepEqual(cart.lines.map((l) => l.item.code), ['SUGAR', 'SOAP']);
    assert.equal(selectedLine(cart)?.item.code, 'SOAP');
  });

  it('prices weighed quantities, line and cart discounts and price overrides as the receipt will', () => {
    const cart = run(
      { type: 'add', item: rice, quantity: 150 },
      { type: 'add', item: sugar },
      { type: 'lineDiscount', lineId: 2, discount: { rate: 1000 } },
      { type: 'cartDiscount', discount: { amount: 1000 } },
    );
    const priced = priceCart(cart);
    assert.equal(priced.supplyTotal, 29999 + 16500);
    assert.equal(priced.total, 29999 + 16500 - 1650 - 1000);
    const overridden = cartReducer(cart, { type: 'priceOverride', lineId: 1, price: 18000 });
    assert.equal(priceCart(overridden).lines[0]!.supplyAmount, 27000);
  });

  it('refuses a discount larger than its line before it reaches the cart', () => {
    const cart = run({ type: 'add', item: sugar });
    assert.equal(pricesAfter(cart, { type: 'lineDiscount', lineId: 1, discount: { amount: 20000 } }), false);
    assert.equal(pricesAfter(cart, { type: 'lineDiscount', lineId: 1, discount: { amount: 16500 } }), true);
  });

  it('takes discounts, overrides and the buyer off again without a trace', () => {
    const cart = run(
      { type: 'add', item: sugar },
      { type: 'lineDiscount', lineId: 1, discount: { rate: 500 } },
      { type: 'priceOverride', lineId: 1, price: 15000 },
      { type: 'customer', customer: { tin: 'P051234567M', name: 'Amina' } },
      { type: 'lineDiscount', lineId: 1, discount: undefined },
      { type: 'priceOverride', lineId: 1, price: undefined },
      { type: 'customer', customer: undefined },
    );
    assert.deepEqual(toOpenCart(cart), { lines: [{ itemCode: 'SUGAR', quantity: 100 }] });
  });

  it('turns into the sale the engine expects, with the approval when there is one', () => {
    const cart = run({ type: 'add', item: sugar }, { type: 'cartDiscount', discount: { rate: 500 } }, { type: 'approve', approval: 'tok' });
    assert.deepEqual(saleOf(cart, [{ kind: 'cash', amount: 20000 }]), {
      lines: [{ itemCode: 'SUGAR', quantity: 100 }],
      cartDiscount: { rate: 500 },
      tenders: [{ kind: 'cash', amount: 20000 }],
      approval: 'tok',
    });
  });

  it('loads a recalled cart, leaving out items no longer sold', () => {
    const cart = cartReducer(emptyCart, {
      type: 'load',
      cart: { lines: [{ itemCode: 'SUGAR', quantity: 300 }, { itemCode: 'GONE', quantity: 100 }], customer: { tin: 'P051234567M', name: 'Amina' } },
      items: [sugar],
    });
    assert.deepEqual(cart.lines.map((l) => [l.item.code, l.quantity]), [['SUGAR', 300]]);
    assert.equal(cart.customer?.name, 'Amina');
    assert.equal(cartReducer(cart, { type: 'add', item: rice }).lines.at(-1)!.id, 2);
  });
});
