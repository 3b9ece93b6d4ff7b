import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  businessDate,
  countedCents,
  drawerFigures,
  reportFigures,
  type PeriodActivity,
  type PeriodLine,
  type PeriodSale,
  type PeriodTender,
} from '../../../src-shared/reports/figures';

const sale = (id: number, kind: 'S' | 'R', committedAt: string, total: number, extra: Partial<PeriodSale> = {}): PeriodSale => ({
  id,
  receiptNo: id,
  kind,
  committedAt,
  total,
  changeGiven: 0,
  invcNo: null,
  kraState: 'pending',
  ...extra,
});
const line = (saleId: number, taxClass: PeriodLine['taxClass'], taxable: number, tax: number, discount = 0): PeriodLine => ({
  saleId,
  taxClass,
  rate: taxClass === 'B' ? 1600 : taxClass === 'E' ? 800 : 0,
  taxable,
  tax,
  discount,
});
const tender = (saleId: number, kind: PeriodTender['kind'], amount: number): PeriodTender => ({ saleId, kind, amount });
const quiet: PeriodActivity = { float: 0, payIns: 0, payOuts: 0, counted: null, copies: [], voidedCarts: 0, noSaleOpens: 0, priceOverrides: { count: 0, amount: 0 } };

/**
 * A morning worked by hand: a cash sale with change (milk A + sugar B), a split M-Pesa and cash sale
 * with a discount, a credit note for the sugar paid back in cash and not yet signed, and a card sale
 * KRA parked. Float 5,000, pay-in 1,000, pay-out 300, counted 5,815.
 */
const morning = {
  sales: [
    sale(1, 'S', '2026-11-24T05:15:00.000Z', 23_000, { changeGiven: 2_000, invcNo: 1, kraState: 'signed' }),
    sale(2, 'S', '2026-11-24T06:40:00.000Z', 15_500, { invcNo: 2, kraState: 'signed' }),
    sale(3, 'R', '2026-11-24T06:55:00.000Z', 16_500),
    sale(4, 'S', '2026-11-24T08:05:00.000Z', 8_000, { kraState: 'parked' }),
  ],
  lines: [line(1, 'B', 14_224, 2_276), line(1, 'A', 6_500, 0), line(2, 'B', 13_362, 2_138, 1_000), line(3, 'B', 14_224, 2_276), line(4, 'B', 6_897, 1_103)],
  tenders: [tender(1, 'cash', 25_000), tender(2, 'mpesa', 10_000), tender(2, 'cash', 5_500), tender(3, 'cash', 16_500), tender(4, 'card', 8_000)],
  activity: {
    float: 500_000,
    payIns: 100_000,
    payOuts: 30_000,
    counted: 581_500,
    copies: [{ kind: 'S' as const, total: 23_000 }],
    voidedCarts: 1,
    noSaleOpens: 2,
    priceOverrides: { count: 1, amount: 500 },
  },
};

describe('report figures', () => {
  const figures = reportFigures(morning);

  test('counts and sums each receipt label, copies included, the labels not yet issued at zero', () => {
    assert.deepEqual(figures.labels, {
      NS: { count: 3, amount: 46_500 },
      NC: { count: 1, amount: 16_500 },
      CS: { count: 1, amount: 23_000 },
      CC: { count: 0, amount: 0 },
      TS: { count: 0, amount: 0 },
      TC: { count: 0, amount: 0 },
      PS: { count: 0, amount: 0 },
    });
    assert.deepEqual(figures.receipts, { firstReceiptNo: 1, lastReceiptNo: 4, firstInvcNo: 1, lastInvcNo: 2 });
  });

  test('splits each tax class into sales, credit notes and net', () => {
    const [a, b, c] = figures.taxClasses;
    assert.deepEqual(a, { taxClass: 'A', rate: 0, sales: { taxable: 6_500, tax: 0 }, creditNotes: { taxable: 0, tax: 0 }, net: { taxable: 6_500, tax: 0 } });
    assert.deepEqual(b, { taxClass: 'B', rate: 1600, sales: { taxable: 34_483, tax: 5_517 }, creditNotes: { taxable: 14_224, tax: 2_276 }, net: { taxable: 20_259, tax: 3_241 } });
    assert.deepEqual(c, { taxClass: 'C', rate: null, sales: { taxable: 0, tax: 0 }, creditNotes: { taxable: 0, tax: 0 }, net: { taxable: 0, tax: 0 } });
    assert.deepEqual(figures.totals, { gross: 30_000, vat: 3_241, net: 26_759 });
  });

  test('tenders net of change and refunds, and the drawer reconciled against the count', () => {
    assert.deepEqual(figures.tenders, [
      { kind: 'cash', sales: 28_500, refunds: 16_500, net: 12_000 },
      { kind: 'mpesa', sales: 10_000, refunds: 0, net: 10_000 },
      { kind: 'card', sales: 8_000, refunds: 0, net: 8_000 },
      { kind: 'credit', sales: 0, refunds: 0, net: 0 },
    ]);
    assert.deepEqual(figures.drawer, {
      float: 500_000,
      cashSales: 28_500,
      cashRefunds: 16_500,
      payIns: 100_000,
      payOuts: 30_000,
      expected: 582_000,
      counted: 581_500,
      overShort: -500,
    });
  });

  test('discounts, overrides, voids, reprints and no-sale opens', () => {
    assert.deepEqual(figures.discounts, { count: 1, amount: 1_000 });
    assert.deepEqual(figures.priceOverrides, { count: 1, amount: 500 });
    assert.equal(figures.voidedCarts, 1);
    assert.equal(figures.reprints, 1);
    assert.equal(figures.noSaleOpens, 2);
  });

  test("KRA's side: signed, provisional and parked, credit notes negative", () => {
    assert.deepEqual(figures.kra, {
      signed: { count: 2, amount: 38_500 },
      provisional: { count: 1, amount: -16_500 },
      parked: { count: 1, amount: 8_000 },
    });
  });

  test('sales by Nairobi hour, the empty hours between included', () => {
    assert.deepEqual(figures.byHour, [
      { hour: 8, count: 1, amount: 23_000 },
      { hour: 9, count: 2, amount: -1_000 },
      { hour: 10, count: 0, amount: 0 },
      { hour: 11, count: 1, amount: 8_000 },
    ]);
  });

  test('a day that runs past midnight keeps its hours in the order they ran', () => {
    const late = reportFigures({
      sales: [sale(1, 'S', '2026-11-24T20:10:00.000Z', 1_000), sale(2, 'S', '2026-11-24T21:20:00.000Z', 2_000)],
      lines: [],
      tenders: [],
      activity: quiet,
    });
    assert.deepEqual(late.byHour.map((h) => [h.hour, h.amount]), [[23, 1_000], [0, 2_000]]);
  });

  test('an empty period is all zeros, with nothing counted yet', () => {
    const empty = reportFigures({ sales: [], lines: [], tenders: [], activity: quiet });
    assert.equal(empty.totals.gross, 0);
    assert.deepEqual(empty.receipts, { firstReceiptNo: null, lastReceiptNo: null, firstInvcNo: null, lastInvcNo: null });
    assert.equal(empty.drawer.overShort, null);
    assert.deepEqual(empty.byHour, []);
  });
});

describe('drawer reconciliation', () => {
  const cases: [string, Parameters<typeof drawerFigures>, { expected: number; overShort: number | null }][] = [
    ['exact', [{ float: 100_00, payIns: 0, payOuts: 0, counted: 250_00 }, { sales: 150_00, refunds: 0 }], { expected: 250_00, overShort: 0 }],
    ['short after a pay-out', [{ float: 100_00, payIns: 0, payOuts: 40_00, counted: 200_00 }, { sales: 150_00, refunds: 0 }], { expected: 210_00, overShort: -10_00 }],
    ['over after a refund', [{ float: 0, payIns: 20_00, payOuts: 0, counted: 120_00 }, { sales: 150_00, refunds: 60_00 }], { expected: 110_00, overShort: 10_00 }],
    ['not counted yet', [{ float: 50_00, payIns: 0, payOuts: 0, counted: null }, { sales: 0, refunds: 0 }], { expected: 50_00, overShort: null }],
  ];
  for (const [name, args, want] of cases) {
    test(name, () => {
      const drawer = drawerFigures(...args);
      assert.deepEqual({ expected: drawer.expected, overShort: drawer.overShort }, want);
    });
  }
});

describe('business day and blind count', () => {
  const days: [string, string, string | null, string][] = [
    ['opened in the morning', '2026-11-24T05:00:00Z', null, '2026-11-24'],
    ['opened at 23:30 Nairobi, still that day', '2026-11-24T20:30:00Z', '2026-11-23', '2026-11-24'],
    ['opened at 00:30 Nairobi, the next day', '2026-11-24T21:30:00Z', '2026-11-24', '2026-11-25'],
    ['opened again on a date that has its Z: the next date', '2026-11-24T18:00:00Z', '2026-11-24', '2026-11-25'],
    ['across a month end', '2026-11-30T18:00:00Z', '2026-11-30', '2026-12-01'],
  ];
  for (const [name, openedAt, lastZ, want] of days) test(name, () => assert.equal(businessDate(new Date(openedAt), lastZ), want));

  test('counts notes and coins into cents', () => {
    assert.equal(countedCents({ 1000: 3, 500: 1, 200: 2, 50: 1, 40: 2, 1: 7 }), 3_000_00 + 500_00 + 400_00 + 50_00 + 80_00 + 7_00);
    assert.equal(countedCents({}), 0);
  });

  test('refuses a negative or fractional count', () => {
    assert.throws(() => countedCents({ 100: -1 }), /100: a count of pieces/);
    assert.throws(() => countedCents({ 5: 1.5 }), /5: a count of pieces/);
  });
});
