import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_TAX_RATES,
  TAX_CLASSES,
  TaxError,
  priceInvoice,
  ratesFromCodeList,
  spreadProportionally,
  type Discount,
  type LineInput,
  type PricedInvoice,
  type PricedLine,
  type TaxClass,
  type TaxErrorCode,
  type TaxRates,
} from '../../src-shared/tax';

const RATES: TaxRates = { A: 0, B: 1600, C: 0, D: 0, E: 800 };

function line(unitPrice: number, quantity: number, taxClass: TaxClass, discount?: Discount): LineInput {
  return discount ? { unitPrice, quantity, taxClass, discount } : { unitPrice, quantity, taxClass };
}

type Figures = Pick<PricedLine, 'supplyAmount' | 'discountAmount' | 'discountRate' | 'total' | 'taxable' | 'tax'>;

function figures(priced: PricedLine): Figures {
  const { supplyAmount, discountAmount, discountRate, total, taxable, tax } = priced;
  return { supplyAmount, discountAmount, discountRate, total, taxable, tax };
}

/** The invariants every priced invoice must keep, whatever the inputs. */
function assertReconciles(invoice: PricedInvoice): void {
  const sum = (pick: (l: PricedLine) => number) => invoice.lines.reduce((s, l) => s + pick(l), 0);
  assert.equal(invoice.total, sum((l) => l.total));
  assert.equal(invoice.total, invoice.taxableTotal + invoice.taxTotal);
  assert.equal(invoice.total, invoice.supplyTotal - invoice.discountTotal);
  for (const l of invoice.lines) assert.equal(l.taxable + l.tax, l.total);
  const classes = Object.values(invoice.byClass);
  assert.equal(classes.reduce((s, c) => s + c.taxable, 0), invoice.taxableTotal);
  assert.equal(classes.reduce((s, c) => s + c.tax, 0), invoice.taxTotal);
  assert.equal(classes.reduce((s, c) => s + c.total, 0), invoice.total);
}

describe('one line per tax class', () => {
  const cases: [name: string, input: LineInput, taxable: number, tax: number][] = [
    // The gateway's own error text: splyAmt 100, class B -> "Expected: 86.21". 100/1.16 = 86.2069 -> 86.21; 100 - 86.21 = 13.79.
    ['B 16%: 1 x 100.00 -> 86.21 + 13.79 (the gateway example)', line(10000, 100, 'B'), 8621, 1379],
    // Spec 2.14 sample: 2 x 580.00 = 1160.00; 1160/1.16 = 1000.00 exactly.
    ['B 16%: 2 x 580.00 -> 1000.00 + 160.00 (the spec sample)', line(58000, 200, 'B'), 100000, 16000],
    // 100/1.08 = 92.5926 -> 92.59; 100 - 92.59 = 7.41.
    ['E 8%: 1 x 100.00 -> 92.59 + 7.41', line(10000, 100, 'E'), 9259, 741],
    // 3 x 125.50 = 376.50; 376.50/1.08 = 348.6111 -> 348.61; 376.50 - 348.61 = 27.89.
    ['E 8%: 3 x 125.50 -> 348.61 + 27.89', line(12550, 300, 'E'), 34861, 2789],
    ['A exempt: 1 x 100.00 -> 100.00 + 0', line(10000, 100, 'A'), 10000, 0],
    ['C zero-rated: 2 x 125.00 -> 250.00 + 0', line(12500, 200, 'C'), 25000, 0],
    ['D non-VAT: 1 x 49.99 -> 49.99 + 0', line(4999, 100, 'D'), 4999, 0],
  ];
  for (const [name, input, taxable, tax] of cases) {
    it(name, () => {
      const invoice = priceInvoice([input], RATES);
      const only = invoice.lines[0]!;
      assert.equal(only.rate, RATES[input.taxClass]);
      assert.deepEqual([only.taxable, only.tax], [taxable, tax]);
      assert.deepEqual(invoice.byClass[input.taxClass], { rate: RATES[input.taxClass], taxable, tax, total: taxable + tax });
      assertReconciles(invoice);
    });
  }
});

describe('weighed quantities and rounding edges', () => {
  it('prices 1.5 kg x 199.99 at 299.99 (299.985 rounds up), VAT 41.38', () => {
    // 1.5 x 199.99 = 299.985 -> 299.99; 299.99/1.16 = 258.612 -> 258.61; 299.99 - 258.61 = 41.38.
    const [priced] = priceInvoice([line(19999, 150, 'B')], RATES).lines;
    assert.deepEqual(figures(priced!), { supplyAmount: 29999, discountAmount: 0, discountRate: 0, total: 29999, taxable: 25861, tax: 4138 });
  });

  it('prices 0.25 kg x 333.33 at 83.33 (83.3325 rounds down)', () => {
    const [priced] = priceInvoice([line(33333, 25, 'A')], RATES).lines;
    assert.equal(priced!.supplyAmount, 8333);
  });

  it('rounds a half cent up: 0.5 x 0.01 = 0.005 -> 0.01, and 0.5 x 0.03 = 0.015 -> 0.02', () => {
    const { lines } = priceInvoice([line(1, 50, 'B'), line(3, 50, 'C')], RATES);
    // 0.01/1.16 = 0.0086 -> 0.01 taxable, tax 0.00.
    assert.deepEqual([lines[0]!.supplyAmount, lines[0]!.taxable, lines[0]!.tax], [1, 1, 0]);
    assert.equal(lines[1]!.supplyAmount, 2);
  });

  it('sums rounded lines instead of rounding the sum: three B lines of 1.00 have 2.58 taxable, not 2.59', () => {
    // each 1.00/1.16 = 0.862 -> 0.86, tax 0.14; header 2.58 + 0.42, while 3.00/1.16 = 2.586 would round to 2.59.
    const invoice = priceInvoice([line(100, 100, 'B'), line(100, 100, 'B'), line(100, 100, 'B')], RATES);
    assert.deepEqual([invoice.taxableTotal, invoice.taxTotal, invoice.total], [258, 42, 300]);
    assertReconciles(invoice);
  });

  it('prices a free line at zero', () => {
    const [priced] = priceInvoice([line(0, 100, 'B')], RATES).lines;
    assert.deepEqual(figures(priced!), { supplyAmount: 0, discountAmount: 0, discountRate: 0, total: 0, taxable: 0, tax: 0 });
  });
});

describe('mixed baskets', () => {
  it('matches the spec 2.14 sample: B 2 x 580.00 and A 1 x 500.00 -> 1500.00 + 160.00 = 1660.00', () => {
    const invoice = priceInvoice([line(58000, 200, 'B'), line(50000, 100, 'A')], RATES);
    assert.deepEqual(invoice.byClass.B, { rate: 1600, taxable: 100000, tax: 16000, total: 116000 });
    assert.deepEqual(invoice.byClass.A, { rate: 0, taxable: 50000, tax: 0, total: 50000 });
    assert.deepEqual([invoice.taxableTotal, invoice.taxTotal, invoice.total], [150000, 16000, 166000]);
    assertReconciles(invoice);
  });

  it('keeps all five classes in the header, with their rates, zero where unused', () => {
    const invoice = priceInvoice([line(10000, 100, 'B')], RATES);
    assert.deepEqual(Object.keys(invoice.byClass), [...TAX_CLASSES]);
    assert.deepEqual(invoice.byClass.E, { rate: 800, taxable: 0, tax: 0, total: 0 });
    assert.deepEqual(invoice.byClass.C, { rate: 0, taxable: 0, tax: 0, total: 0 });
  });

  it('adds up a basket with every class', () => {
    // A 100.00 | B 100.00 -> 86.21 + 13.79 | C 2 x 50.00 | D 0.5 x 99.99 = 49.995 -> 50.00 | E 100.00 -> 92.59 + 7.41
    const invoice = priceInvoice(
      [line(10000, 100, 'A'), line(10000, 100, 'B'), line(5000, 200, 'C'), line(9999, 50, 'D'), line(10000, 100, 'E')],
      RATES,
    );
    assert.deepEqual(
      TAX_CLASSES.map((c) => [invoice.byClass[c].taxable, invoice.byClass[c].tax]),
      [[10000, 0], [8621, 1379], [10000, 0], [5000, 0], [9259, 741]],
    );
    // taxable 100 + 86.21 + 100 + 50 + 92.59 = 428.80; tax 13.79 + 7.41 = 21.20; total 450.00
    assert.deepEqual([invoice.taxableTotal, invoice.taxTotal, invoice.total], [42880, 2120, 45000]);
    assertReconciles(invoice);
  });

  it('follows the rates it is given (the gateway sandbox wants E at 0%)', () => {
    const invoice = priceInvoice([line(10000, 100, 'E')], { ...RATES, E: 0 });
    assert.deepEqual(invoice.byClass.E, { rate: 0, taxable: 10000, tax: 0, total: 10000 });
  });
});

describe('line discounts', () => {
  const cases: [name: string, input: LineInput, expected: Figures][] = [
    // 1000.00 - 10% = 900.00; 900/1.16 = 775.862 -> 775.86; tax 124.14.
    ['10% off 1,000.00 (B)', line(100000, 100, 'B', { rate: 1000 }),
      { supplyAmount: 100000, discountAmount: 10000, discountRate: 1000, total: 90000, taxable: 77586, tax: 12414 }],
    // 5% of 10.50 = 0.525 -> 0.53; 9.97/1.16 = 8.5948 -> 8.59; tax 1.38; dcRt is the 5% given, not 0.53/10.50.
    ['5% off 10.50 rounds the half cent up, and keeps the 5% (B)', line(1050, 100, 'B', { rate: 500 }),
      { supplyAmount: 1050, discountAmount: 53, discountRate: 500, total: 997, taxable: 859, tax: 138 }],
    // 5% of 0.29 = 0.0145 -> 0.01; recomputed from cents it would be 0.01/0.29 = 3.45%.
    ['5% off 0.29 goes to KRA as 5%, not 3.45% (B)', line(29, 100, 'B', { rate: 500 }),
      { supplyAmount: 29, discountAmount: 1, discountRate: 500, total: 28, taxable: 24, tax: 4 }],
    // 2 x 150.00 = 300.00 - 20.00 = 280.00; 280/1.08 = 259.259 -> 259.26; tax 20.74; dcRt 20/300 = 6.667% -> 6.67%.
    ['20.00 off 2 x 150.00 (E)', line(15000, 200, 'E', { amount: 2000 }),
      { supplyAmount: 30000, discountAmount: 2000, discountRate: 667, total: 28000, taxable: 25926, tax: 2074 }],
    ['100% off leaves nothing to tax', line(4999, 100, 'B', { rate: 10000 }),
      { supplyAmount: 4999, discountAmount: 4999, discountRate: 10000, total: 0, taxable: 0, tax: 0 }],
    ['an amount equal to the line is allowed', line(2500, 100, 'A', { amount: 2500 }),
      { supplyAmount: 2500, discountAmount: 2500, discountRate: 10000, total: 0, taxable: 0, tax: 0 }],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => {
      const invoice = priceInvoice([input], RATES);
      assert.deepEqual(figures(invoice.lines[0]!), expected);
      assertReconciles(invoice);
    });
  }
});

describe('cart discounts', () => {
  it('send the rates given: a cart rate as it is, a line rate and a cart rate compounded', () => {
    const invoice = priceInvoice([line(29, 100, 'B'), line(1050, 100, 'B', { rate: 1000 }), line(1000, 100, 'B', { amount: 100 })], RATES, { rate: 500 });
    // 0.29 -> 5%; 10% then 5% = 1 - 0.90 x 0.95 = 14.5%; an amount has no rate of its own: (1.00 + 0.45) / 10.00 = 14.5%.
    assert.deepEqual(invoice.lines.map((l) => l.discountRate), [500, 1450, 1450]);
    const amountCart = priceInvoice([line(1050, 100, 'B', { rate: 500 })], RATES, { amount: 100 });
    // 0.53 + 1.00 off 10.50 = 14.571% -> 14.57%, from the amounts.
    assert.deepEqual(amountCart.lines.map((l) => l.discountRate), [1457]);
  });

  it('spreads 2.00 over three equal lines as 0.67 + 0.67 + 0.66 (rounding each would give 2.01)', () => {
    // 200 x 1/3 = 66.67 each: floors 66 x 3 = 198, 2 cents left, equal remainders -> the first two lines.
    assert.deepEqual(spreadProportionally(200, [10000, 10000, 10000]), [67, 67, 66]);
  });

  it('gives the left-over cents to the largest remainders, not the first lines', () => {
    // 100 over 10.00 / 30.00 / 30.00: 14.2857, 42.857, 42.857 -> floors 14 + 42 + 42 = 98; 2 cents to lines 2 and 3.
    assert.deepEqual(spreadProportionally(100, [1000, 3000, 3000]), [14, 43, 43]);
    // 100 over 10 / 20 / 40: 14.29, 28.57, 57.14 -> floors 99; the one cent goes to the .57.
    assert.deepEqual(spreadProportionally(100, [1000, 2000, 4000]), [14, 29, 57]);
  });

  it('gives nothing to a free line', () => {
    // 1.01 over 0 / 50.00 / 50.00: 50.5 each -> 50 + 50, the tie goes to the earlier line.
    assert.deepEqual(spreadProportionally(101, [0, 5000, 5000]), [0, 51, 50]);
  });

  it('spreads 10.00 off 229.99 over B, E and A lines and reconciles to the cent', () => {
    // supplies: B 1 x 100.00 = 10000; E 3 x 33.33 = 9999; A 1.5 x 20.00 = 3000; base 22999.
    // shares of 1000: 10,000,000/22999 = 434 r 18434; 9,999,000/22999 = 434 r 17434; 3,000,000/22999 = 130 r 10130
    // floors 998 -> 2 cents to the two largest remainders (B, E): 435, 435, 130.
    const invoice = priceInvoice([line(10000, 100, 'B'), line(3333, 300, 'E'), line(2000, 150, 'A')], RATES, { amount: 1000 });
    assert.deepEqual(invoice.lines.map(figures), [
      // 95.65/1.16 = 82.4569 -> 82.46, tax 13.19; dcRt 4.35%
      { supplyAmount: 10000, discountAmount: 435, discountRate: 435, total: 9565, taxable: 8246, tax: 1319 },
      // 95.64/1.08 = 88.5556 -> 88.56, tax 7.08; dcRt 4.35/99.99 = 4.3504% -> 4.35%
      { supplyAmount: 9999, discountAmount: 435, discountRate: 435, total: 9564, taxable: 8856, tax: 708 },
      // dcRt 1.30/30.00 = 4.333% -> 4.33%
      { supplyAmount: 3000, discountAmount: 130, discountRate: 433, total: 2870, taxable: 2870, tax: 0 },
    ]);
    assert.deepEqual(invoice.byClass.B, { rate: 1600, taxable: 8246, tax: 1319, total: 9565 });
    assert.deepEqual(invoice.byClass.E, { rate: 800, taxable: 8856, tax: 708, total: 9564 });
    assert.deepEqual(invoice.byClass.A, { rate: 0, taxable: 2870, tax: 0, total: 2870 });
    // 229.99 - 10.00 = 219.99 = 199.72 + 20.27
    assert.deepEqual(
      [invoice.supplyTotal, invoice.discountTotal, invoice.total, invoice.taxableTotal, invoice.taxTotal],
      [22999, 1000, 21999, 19972, 2027],
    );
    assertReconciles(invoice);
  });

  it('takes a cart rate of the total after line discounts and adds each share to the line discount', () => {
    // B 2 x 50.00 = 100.00 less 10% = 90.00; C 45.00 less 5.00 = 40.00; base 130.00; 5% = 6.50 -> 4.50 + 2.00 exactly.
    const invoice = priceInvoice(
      [line(5000, 200, 'B', { rate: 1000 }), line(4500, 100, 'C', { amount: 500 })],
      RATES,
      { rate: 500 },
    );
    assert.deepEqual(invoice.lines.map(figures), [
      // 10.00 + 4.50 = 14.50 (14.5%); 85.50/1.16 = 73.7069 -> 73.71, tax 11.79
      { supplyAmount: 10000, discountAmount: 1450, discountRate: 1450, total: 8550, taxable: 7371, tax: 1179 },
      // 5.00 + 2.00 = 7.00; 7/45 = 15.556% -> 15.56%
      { supplyAmount: 4500, discountAmount: 700, discountRate: 1556, total: 3800, taxable: 3800, tax: 0 },
    ]);
    assert.deepEqual([invoice.discountTotal, invoice.total, invoice.taxableTotal, invoice.taxTotal], [2150, 12350, 11171, 1179]);
    assertReconciles(invoice);
  });

  it('rounds a cart rate half up: 5% of 10.50 is 0.53', () => {
    const invoice = priceInvoice([line(1050, 100, 'B')], RATES, { rate: 500 });
    assert.equal(invoice.discountTotal, 53);
  });

  it('can take the whole total', () => {
    const invoice = priceInvoice([line(999, 100, 'B'), line(1, 100, 'E')], RATES, { amount: 1000 });
    assert.deepEqual(invoice.lines.map((l) => l.total), [0, 0]);
    assert.equal(invoice.total, 0);
    assertReconciles(invoice);
  });
});

describe('bad input', () => {
  const base = [line(1000, 100, 'B'), line(1000, 100, 'A')];
  const cases: [name: string, run: () => unknown, code: TaxErrorCode, field: string][] = [
    ['a line discount amount above the line', () => priceInvoice([...base, line(1000, 100, 'B', { amount: 1001 })], RATES), 'DISCOUNT_EXCEEDS_LINE', 'lines.2.discount'],
    ['a line discount rate above 100%', () => priceInvoice([line(1000, 100, 'B', { rate: 10001 })], RATES), 'DISCOUNT_EXCEEDS_LINE', 'lines.0.discount'],
    // 10.00 less a 2.00 line discount leaves 8.00 for the cart discount.
    ['a cart amount above the total after line discounts', () => priceInvoice([line(1000, 100, 'B', { amount: 200 })], RATES, { amount: 801 }), 'DISCOUNT_EXCEEDS_TOTAL', 'cartDiscount'],
    ['a cart rate above 100%', () => priceInvoice(base, RATES, { rate: 10001 }), 'DISCOUNT_EXCEEDS_TOTAL', 'cartDiscount'],
    ['a negative discount amount', () => priceInvoice([line(1000, 100, 'B', { amount: -1 })], RATES), 'INVALID_DISCOUNT', 'lines.0.discount'],
    ['a fractional discount rate', () => priceInvoice(base, RATES, { rate: 12.5 }), 'INVALID_DISCOUNT', 'cartDiscount'],
    ['a zero quantity', () => priceInvoice([...base, line(1000, 0, 'B')], RATES), 'INVALID_QUANTITY', 'lines.2.quantity'],
    ['a negative quantity', () => priceInvoice([line(1000, -100, 'B')], RATES), 'INVALID_QUANTITY', 'lines.0.quantity'],
    ['a quantity in thousandths', () => priceInvoice([line(1000, 1.5, 'B')], RATES), 'INVALID_QUANTITY', 'lines.0.quantity'],
    ['a negative price', () => priceInvoice([line(-1, 100, 'B')], RATES), 'INVALID_PRICE', 'lines.0.unitPrice'],
    ['a price in fractions of a cent', () => priceInvoice([base[0]!, line(10.5, 100, 'B')], RATES), 'INVALID_PRICE', 'lines.1.unitPrice'],
    ['a class outside A..E', () => priceInvoice([line(1000, 100, 'F' as TaxClass)], RATES), 'UNKNOWN_RATE', 'lines.0.taxClass'],
    ['a line whose class has no rate', () => priceInvoice([line(1000, 100, 'B')], { A: 0, C: 0, D: 0, E: 800 } as TaxRates), 'UNKNOWN_RATE', 'lines.0.taxClass'],
    ['an unused class with no usable rate', () => priceInvoice(base, { ...RATES, C: Number.NaN }), 'UNKNOWN_RATE', 'rates.C'],
  ];
  for (const [name, run, code, field] of cases) {
    it(`rejects ${name} as ${code} on ${field}`, () => {
      assert.throws(run, (e: unknown) => {
        assert.ok(e instanceof TaxError);
        assert.deepEqual([e.code, e.field], [code, field]);
        return true;
      });
    });
  }

  it('leaves its input untouched', () => {
    const lines = Object.freeze([Object.freeze(line(1050, 150, 'B', Object.freeze({ rate: 500 })))]);
    const rates = Object.freeze({ ...RATES });
    const invoice = priceInvoice(lines, rates, Object.freeze({ amount: 100 }));
    assert.equal(invoice.lines[0]!.unitPrice, 1050);
  });
});

describe('rates from the code list', () => {
  it("reads KRA's sample list (spec 2.2, sorted A, B, C, E, D)", () => {
    const sample = [
      { cd: 'A', cdNm: 'A-Exempt', userDfnCd1: '0', userDfnCd2: 'A-EX' },
      { cd: 'B', cdNm: 'B-VAT 16%', userDfnCd1: '16', userDfnCd2: 'B-16%' },
      { cd: 'C', cdNm: 'C-Zero Rated', userDfnCd1: '0', userDfnCd2: 'TAX C' },
      { cd: 'E', cdNm: 'E-VAT 8%', userDfnCd1: '8', userDfnCd2: 'E-8%' },
      { cd: 'D', cdNm: 'D-Non VAT', userDfnCd1: '0', userDfnCd2: 'TAX D' },
    ];
    assert.deepEqual(ratesFromCodeList(sample), { A: 0, B: 1600, C: 0, D: 0, E: 800 });
    assert.deepEqual(ratesFromCodeList(sample), DEFAULT_TAX_RATES);
  });

  it('reads rates written with decimals and padding ("16.00", "8.5", " 0 ")', () => {
    const rates = ratesFromCodeList([
      { cd: 'A', userDfnCd1: ' 0 ' },
      { cd: 'B', userDfnCd1: '16.00' },
      { cd: 'C', userDfnCd1: '0.0' },
      { cd: 'D', userDfnCd1: '0' },
      { cd: 'E', userDfnCd1: '8.5' },
    ]);
    assert.deepEqual(rates, { A: 0, B: 1600, C: 0, D: 0, E: 850 });
  });

  const valid = [
    { cd: 'A', userDfnCd1: '0' },
    { cd: 'B', userDfnCd1: '16' },
    { cd: 'C', userDfnCd1: '0' },
    { cd: 'D', userDfnCd1: '0' },
    { cd: 'E', userDfnCd1: '8' },
  ];
  const withB = (userDfnCd1: string | null) => valid.map((d) => (d.cd === 'B' ? { cd: 'B', userDfnCd1 } : d));

  for (const bad of ['sixteen', '16%', '-16', '', '1600', null]) {
    it(`names class B when its rate reads ${JSON.stringify(bad)}`, () => {
      assert.throws(
        () => ratesFromCodeList(withB(bad)),
        (e: unknown) => e instanceof TaxError && e.code === 'UNKNOWN_RATE' && e.field === 'codeList.B' && /class B/.test(e.message),
      );
    });
  }

  it('gives no rate to a class the list leaves out, and nothing is priced in it (no built-in fallback)', () => {
    const rates = ratesFromCodeList(valid.filter((d) => d.cd !== 'E'));
    assert.deepEqual(rates, { A: 0, B: 1600, C: 0, D: 0 });
    assert.throws(
      () => priceInvoice([line(1000, 100, 'B'), line(16200, 100, 'E')], rates),
      (e: unknown) => e instanceof TaxError && e.code === 'UNKNOWN_RATE' && e.field === 'lines.1.taxClass' && /class E is not in KRA's code list/.test(e.message),
    );
    const withoutE = priceInvoice([line(1160, 100, 'B')], rates);
    assert.deepEqual([withoutE.byClass.E.rate, withoutE.byClass.E.total, withoutE.total], [0, 0, 1160]);
  });

  it('refuses a class listed twice with different rates', () => {
    assert.throws(
      () => ratesFromCodeList([...valid, { cd: 'E', userDfnCd1: '0' }]),
      (e: unknown) => e instanceof TaxError && e.field === 'codeList.E' && /twice/.test(e.message),
    );
  });

  it('ignores codes outside A..E', () => {
    assert.deepEqual(ratesFromCodeList([...valid, { cd: 'X', userDfnCd1: 'n/a' }]), DEFAULT_TAX_RATES);
  });
});
