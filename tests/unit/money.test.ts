import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  centsToWire,
  formatKes,
  formatQuantity,
  hundredthsToWire,
  mulDiv,
  roundHalfUp,
  wireToCents,
  wireToHundredths,
} from '../../src-shared/money';

describe('roundHalfUp', () => {
  const cases: [input: number, expected: number, why: string][] = [
    [2.5, 3, 'a half goes up'],
    [-2.5, -3, 'a negative half goes away from zero'],
    [2.4999, 2, 'below the half goes down'],
    [0.5, 1, 'the smallest half'],
    [7, 7, 'integers stay'],
    [1.005 * 100, 101, '1.005*100 is 100.49999999999999 in binary but stands for 100.5'],
    [4.35 * 100, 435, '434.99999999999994 in binary'],
    [1.015 * 100, 102, '101.49999999999999 in binary'],
    [0.005 * 100, 1, 'half a cent written as 0.005'],
  ];
  for (const [input, expected, why] of cases) {
    it(`rounds ${input} to ${expected} (${why})`, () => assert.equal(roundHalfUp(input), expected));
  }

  it('never returns negative zero', () => assert.ok(Object.is(roundHalfUp(-0.4), 0)));

  it('rejects NaN and infinities', () => {
    assert.throws(() => roundHalfUp(Number.NaN), RangeError);
    assert.throws(() => roundHalfUp(Number.POSITIVE_INFINITY), RangeError);
  });
});

describe('mulDiv', () => {
  const cases: [a: number, b: number, c: number, expected: number, why: string][] = [
    [150, 19999, 100, 29999, '1.5 kg x 199.99 = 299.985 -> 299.99'],
    [10000, 10000, 11600, 8621, '100.00 / 1.16 = 86.2069 -> 86.21'],
    [1, 1, 3, 0, '0.333 -> 0'],
    [2, 1, 3, 1, '0.667 -> 1'],
    [-3, 1, 2, -2, '-1.5 -> -2, away from zero'],
    [3, -1, -2, 2, 'two negatives make 1.5 -> 2'],
  ];
  for (const [a, b, c, expected, why] of cases) {
    it(`${a} x ${b} / ${c} = ${expected} (${why})`, () => assert.equal(mulDiv(a, b, c), expected));
  }

  it('is exact when a*b passes 2^53, where floating point rounds the wrong way', () => {
    // (10^8 + 1)^2 = 10^16 + 2*10^8 + 1 = 10000000200000001 (odd, above 2^53 ~ 9.007e15);
    // halved: 5000000100000000.5 -> half up -> 5000000100000001.
    const a = 100_000_001;
    assert.equal(mulDiv(a, a, 2), 5_000_000_100_000_001);
    assert.notEqual(Math.round((a * a) / 2), 5_000_000_100_000_001, 'the float shortcut loses the last cent');
  });

  it('returns a when a*a/a, with a = 2^53 - 1', () => {
    const a = Number.MAX_SAFE_INTEGER;
    assert.equal(mulDiv(a, a, a), a);
  });

  it('rejects division by zero and fractions', () => {
    assert.throws(() => mulDiv(1, 1, 0), RangeError);
    assert.throws(() => mulDiv(1.5, 2, 3), /1\.5 is not a whole number/);
  });
});

describe('wire amounts', () => {
  const cents: [cents: number, wire: number][] = [
    [12345, 123.45],
    [5, 0.05],
    [0, 0],
    [-250, -2.5],
    [199999, 1999.99],
  ];
  for (const [c, wire] of cents) {
    it(`${c} cents travel as ${wire} and come back`, () => {
      assert.equal(centsToWire(c), wire);
      assert.equal(wireToCents(wire), c);
    });
  }

  it('reads amounts whose binary form is just below the cents (19.99*100 = 1998.9999999999998)', () => {
    assert.equal(wireToCents(19.99), 1999);
    assert.equal(wireToCents(0.1 + 0.2), 30);
  });

  it('rounds a third decimal half up (1.005 -> 1.01)', () => assert.equal(wireToCents(1.005), 101));

  it('round-trips every amount from 0.00 to 2,000.00', () => {
    for (let c = 0; c <= 200_000; c++) {
      if (wireToCents(centsToWire(c)) !== c) assert.fail(`${c} cents did not survive the wire`);
    }
  });

  it('writes the shortest JSON number (1234.5, not 1234.50000001)', () => {
    assert.equal(JSON.stringify({ totAmt: centsToWire(123450), taxAmt: centsToWire(1379) }), '{"totAmt":1234.5,"taxAmt":13.79}');
  });

  it('rejects NaN and infinities with a RangeError naming the value', () => {
    assert.throws(() => wireToCents(Number.NaN), (e: unknown) => e instanceof RangeError && /NaN/.test(e.message));
    assert.throws(() => wireToCents(Number.NEGATIVE_INFINITY), (e: unknown) => e instanceof RangeError && /-Infinity/.test(e.message));
  });

  it('rejects fractional cents going out', () => assert.throws(() => centsToWire(12.5), RangeError));

  it('carries quantities and rates as hundredths', () => {
    assert.equal(hundredthsToWire(150), 1.5);
    assert.equal(hundredthsToWire(1600), 16);
    assert.equal(wireToHundredths(1.5), 150);
    assert.equal(wireToHundredths(16), 1600);
    assert.equal(wireToHundredths(0.29), 29); // 0.29*100 = 28.999999999999996 in binary
    assert.throws(() => wireToHundredths(Number.NaN), RangeError);
  });
});

describe('formatting', () => {
  const kes: [cents: number, text: string][] = [
    [123450, '1,234.50'],
    [-123450, '-1,234.50'],
    [0, '0.00'],
    [5, '0.05'],
    [-5, '-0.05'],
    [100, '1.00'],
    [99_999_999, '999,999.99'],
    [100_000_000, '1,000,000.00'],
  ];
  for (const [c, text] of kes) {
    it(`formats ${c} cents as ${text}`, () => assert.equal(formatKes(c), text));
  }

  const quantities: [hundredths: number, text: string][] = [
    [200, '2'],
    [150, '1.5'],
    [25, '0.25'],
    [1, '0.01'],
    [110, '1.1'],
    [1000, '10'],
    [12345, '123.45'],
  ];
  for (const [q, text] of quantities) {
    it(`formats ${q} hundredths as ${text}`, () => assert.equal(formatQuantity(q), text));
  }
});
