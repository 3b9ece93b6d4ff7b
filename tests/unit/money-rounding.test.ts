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

describe('rounding at the edges of exact arithmetic', () => {
  it('keeps whole numbers whole even where adding a half would round them (2^52 + 1)', () => {
    assert.equal(roundHalfUp(2 ** 52 + 1), 2 ** 52 + 1);
    assert.equal(roundHalfUp(-(2 ** 52 + 1)), -(2 ** 52 + 1));
  });

  it('rounds a half above 10^15 as written, with no binary noise left to remove', () => {
    // 10^15 + 0.5 is exact in binary; cutting it to 15 digits would lose the half.
    assert.equal(roundHalfUp(1e15 + 0.5), 1e15 + 1);
  });

  it('is exact for a product just past 2^53, where the float product loses its last unit', () => {
    // 321 x 28059810762433 = 2^53 + 1, which a double holds as 2^53; halved it is ...496.5 -> ...497.
    assert.equal(mulDiv(321, 28_059_810_762_433, 2), 4_503_599_627_370_497);
  });

  it('never gives negative zero for a negative amount that rounds to nothing', () => {
    assert.ok(Object.is(mulDiv(-1, 1, 3), 0));
    assert.ok(Object.is(mulDiv(1, 1, -3), 0));
  });
});

describe('quantities below zero', () => {
  it('writes a returned quantity with its sign, and nothing with none', () => {
    assert.equal(formatQuantity(-150), '-1.5');
    assert.equal(formatQuantity(-200), '-2');
    assert.equal(formatQuantity(0), '0');
  });
});

describe('a bad number names the function it reached', () => {
  const cases: [what: string, run: () => unknown, message: RegExp][] = [
    ['roundHalfUp', () => roundHalfUp(Number.NaN), /^roundHalfUp: NaN is not a finite number$/],
    ['mulDiv a', () => mulDiv(1.5, 2, 3), /^mulDiv a: 1\.5 is not a whole number$/],
    ['mulDiv b', () => mulDiv(2, 1.5, 3), /^mulDiv b: 1\.5 is not a whole number$/],
    ['mulDiv c', () => mulDiv(2, 3, 1.5), /^mulDiv c: 1\.5 is not a whole number$/],
    ['mulDiv by zero', () => mulDiv(2, 3, 0), /^mulDiv: division by zero$/],
    ['centsToWire', () => centsToWire(12.5), /^centsToWire: 12\.5 is not a whole number$/],
    ['wireToCents', () => wireToCents(Number.POSITIVE_INFINITY), /^wireToCents: Infinity is not a finite number$/],
    ['hundredthsToWire', () => hundredthsToWire(1.5), /^hundredthsToWire: 1\.5 is not a whole number$/],
    ['wireToHundredths', () => wireToHundredths(Number.NaN), /^wireToHundredths: NaN is not a finite number$/],
    ['formatKes', () => formatKes(0.5), /^formatKes: 0\.5 is not a whole number$/],
    ['formatQuantity', () => formatQuantity(2 ** 53), /^formatQuantity: 9007199254740992 is not a whole number$/],
  ];
  for (const [what, run, message] of cases) {
    it(what, () => assert.throws(run, (e: unknown) => e instanceof RangeError && message.test(e.message)));
  }
});
