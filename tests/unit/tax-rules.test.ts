import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { priceInvoice, ratesFromCodeList, spreadProportionally, TaxError, type TaxErrorCode, type TaxRates } from '../../src-shared/tax';

const RATES: TaxRates = { A: 0, B: 1600, C: 0, D: 0, E: 800 };
const sugar = { unitPrice: 10000, quantity: 100, taxClass: 'B' as const };

/** The TaxError a call throws: its name, code, field and message. */
function refusal(run: () => unknown): { name: string; code: TaxErrorCode; field: string; message: string } {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof TaxError, `expected a TaxError, got ${String(error)}`);
    return { name: error.name, code: error.code, field: error.field, message: error.message };
  }
  return assert.fail('expected a TaxError');
}

describe('tax rates a till will use', () => {
  it('takes any whole rate from 0% to 100%', () => {
    const full = priceInvoice([sugar], { ...RATES, B: 10_000 });
    assert.deepEqual([full.taxableTotal, full.taxTotal], [5000, 5000], 'at 100% half the price is tax');
    const none = priceInvoice([sugar], { ...RATES, B: 0 });
    assert.deepEqual([none.taxableTotal, none.taxTotal], [10000, 0]);
  });

  const bad: [what: string, rate: unknown][] = [
    ['above 100%', 10_001],
    ['negative', -100],
    ['a fraction of a hundredth', 1600.5],
    ['written as text', '1600'],
  ];
  for (const [what, rate] of bad) {
    it(`refuses a rate ${what}, whether a line uses its class or not`, () => {
      for (const taxClass of ['B', 'E'] as const) {
        const refused = refusal(() => priceInvoice([sugar], { ...RATES, [taxClass]: rate as number }));
        assert.deepEqual([refused.code, refused.field], ['UNKNOWN_RATE', `rates.${taxClass}`]);
        assert.equal(refused.message, `the rate ${String(rate)} of class ${taxClass} is not in hundredths of a percent (0..10000)`);
      }
    });
  }

  it('refuses a line whose class the code list does not carry (spec 13.2), and prices one that it does', () => {
    const { B: _listedB, ...withoutB } = RATES;
    const refused = refusal(() => priceInvoice([sugar], withoutB));
    assert.deepEqual([refused.code, refused.field, refused.message], ['UNKNOWN_RATE', 'lines.0.taxClass', "class B is not in KRA's code list for this environment, so it has no rate"]);
    assert.equal(priceInvoice([{ ...sugar, taxClass: 'A' }], withoutB).taxTotal, 0);
  });
});

describe("reading KRA's code list", () => {
  const list = (b: string | null, extra: { cd: string; userDfnCd1: string | null }[] = []) => [
    { cd: 'A', userDfnCd1: '0' },
    { cd: 'B', userDfnCd1: b },
    { cd: 'C', userDfnCd1: '0' },
    { cd: 'D', userDfnCd1: '0' },
    { cd: 'E', userDfnCd1: '8' },
    ...extra,
  ];

  it('reads class codes written in lower case or with spaces', () => {
    const rates = ratesFromCodeList([{ cd: ' b ', userDfnCd1: '16' }, ...list('16').filter((d) => d.cd !== 'B')]);
    assert.equal(rates.B, 1600);
  });

  it('reads 100 as the full rate, and refuses more', () => {
    assert.equal(ratesFromCodeList(list('100')).B, 10_000);
    const over = refusal(() => ratesFromCodeList(list('100.5')));
    assert.deepEqual([over.code, over.field, over.message], ['UNKNOWN_RATE', 'codeList.B', 'class B has the unreadable rate "100.5"; expected a percent such as "16" or "16.00"']);
  });

  it('says which rate it could not read, and that a missing one is null', () => {
    assert.equal(refusal(() => ratesFromCodeList(list('sixteen'))).message, 'class B has the unreadable rate "sixteen"; expected a percent such as "16" or "16.00"');
    assert.equal(refusal(() => ratesFromCodeList(list(null))).message, 'class B has the unreadable rate null; expected a percent such as "16" or "16.00"');
  });

  it('accepts a class listed twice with the same rate', () => {
    assert.equal(ratesFromCodeList(list('16', [{ cd: 'B', userDfnCd1: '16.00' }])).B, 1600);
  });

  it('refuses a class listed twice with different rates as UNKNOWN_RATE, and leaves a class left out without a rate', () => {
    const twice = refusal(() => ratesFromCodeList(list('16', [{ cd: 'B', userDfnCd1: '8' }])));
    assert.deepEqual([twice.name, twice.code, twice.field, twice.message], ['TaxError', 'UNKNOWN_RATE', 'codeList.B', 'class B is listed twice with different rates']);
    const missing = ratesFromCodeList(list('16').filter((d) => d.cd !== 'C'));
    assert.deepEqual([missing.C, missing.B], [undefined, 1600], 'no built-in rate stands in for a class the list leaves out');
  });
});

describe('discounts', () => {
  it('takes a discount of nothing, by rate or by amount', () => {
    for (const discount of [{ rate: 0 }, { amount: 0 }]) {
      const [line] = priceInvoice([{ ...sugar, discount }], RATES).lines;
      assert.deepEqual([line!.discountAmount, line!.total], [0, 10000]);
    }
  });

  it('refuses a negative rate', () => {
    const negative = refusal(() => priceInvoice([{ ...sugar, discount: { rate: -1 } }], RATES));
    assert.deepEqual([negative.code, negative.field], ['INVALID_DISCOUNT', 'lines.0.discount']);
  });

  it('tells the cashier what is wrong with a discount', () => {
    const messages = [
      refusal(() => priceInvoice([{ ...sugar, discount: { rate: 12.5 } }], RATES)).message,
      refusal(() => priceInvoice([{ ...sugar, discount: { rate: 10_001 } }], RATES)).message,
      refusal(() => priceInvoice([{ ...sugar, discount: { amount: -5 } }], RATES)).message,
      refusal(() => priceInvoice([{ ...sugar, discount: { amount: 10_001 } }], RATES)).message,
    ];
    assert.deepEqual(messages, [
      'discount rate 12.5 is not whole hundredths of a percent (1000 is 10%)',
      'discount rate 10001 is more than 100% (10000)',
      'discount amount -5 is not a whole, non-negative number of cents',
      'discount amount 10001 is more than the 10000 cents it applies to',
    ]);
  });
});

describe('bad lines', () => {
  it('says how to write a quantity, a price and a class', () => {
    assert.equal(refusal(() => priceInvoice([{ ...sugar, quantity: 0 }], RATES)).message, 'quantity 0 is not a positive whole number of hundredths (150 is 1.5)');
    assert.equal(refusal(() => priceInvoice([{ ...sugar, unitPrice: 10.5 }], RATES)).message, 'unit price 10.5 is not a whole, non-negative number of cents');
    assert.equal(refusal(() => priceInvoice([{ ...sugar, taxClass: 'F' as 'B' }], RATES)).message, 'class F is not a KRA tax class (A..E)');
  });
});

describe('spreading a cart discount', () => {
  it('spreads nothing over lines that are all free', () => {
    assert.deepEqual(spreadProportionally(100, [0, 0]), [0, 0]);
    assert.deepEqual(spreadProportionally(0, [500, 500]), [0, 0]);
  });
});
