import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ItemCodeError, itemCode, parseItemCode, type ItemCodeParts } from '../../../src-shared/etims/item-code';

const JUICE: ItemCodeParts = { origin: 'KE', type: '2', packagingUnit: 'NT', quantityUnit: 'NO', sequence: 1 };

function refusal(run: () => unknown): ItemCodeError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ItemCodeError, String(error));
    return error;
  }
  assert.fail('expected an ItemCodeError');
}

describe('KRA item codes', () => {
  it('joins country, type, packaging, quantity unit and a 7-digit sequence', () => {
    assert.equal(itemCode(JUICE), 'KE2NTNO0000001');
    assert.equal(itemCode({ origin: 'ke', type: '1', packagingUnit: 'ba', quantityUnit: 'kg', sequence: 9_999_999 }), 'KE1BAKG9999999');
    assert.equal(itemCode({ ...JUICE, packagingUnit: 'NT', quantityUnit: 'BA', sequence: 12 }), 'KE2NTBA0000012');
  });

  const wrong: [string, Partial<ItemCodeParts>, ItemCodeError['field'], RegExp][] = [
    ['an unknown country', { origin: 'XX' }, 'origin', /KE \(Kenya\)/],
    ['an item type outside 1-3', { type: '4' }, 'type', /2 \(finished product\)/],
    ['a packaging unit not in cdCls 17', { packagingUnit: 'BX' }, 'packagingUnit', /not in KRA's list/],
    ['a 3-character packaging unit', { packagingUnit: 'CTN' }, 'packagingUnit', /CT \(Carton\)/],
    ['U, which KRA lists but the code cannot hold', { quantityUnit: 'U' }, 'quantityUnit', /use NO instead/],
    ['a 3-character quantity unit', { quantityUnit: 'KTM' }, 'quantityUnit', /exactly 2/],
    ['an unknown quantity unit', { quantityUnit: 'ZZ' }, 'quantityUnit', /cdCls 10/],
    ['sequence 0', { sequence: 0 }, 'sequence', /from 1 to 9999999/],
    ['a sequence over 7 digits', { sequence: 10_000_000 }, 'sequence', /from 1 to 9999999/],
    ['a fractional sequence', { sequence: 1.5 }, 'sequence', /whole number/],
  ];
  for (const [name, change, field, fix] of wrong) {
    it(`refuses ${name}, naming the part and the fix`, () => {
      const error = refusal(() => itemCode({ ...JUICE, ...change }));
      assert.equal(error.field, field);
      assert.match(error.message, fix);
    });
  }

  it('parses a code back into its parts', () => {
    assert.deepEqual(parseItemCode('KE2NTBA0000012'), { origin: 'KE', type: '2', packagingUnit: 'NT', quantityUnit: 'BA', sequence: 12 });
    assert.deepEqual(parseItemCode(itemCode({ ...JUICE, sequence: 4321 })), { ...JUICE, sequence: 4321 });
  });

  it('says which part of a code is wrong', () => {
    assert.equal(refusal(() => parseItemCode('KE2NTNO000001')).field, 'code');
    assert.equal(refusal(() => parseItemCode('KE1NTXU0000001')).field, 'quantityUnit');
    assert.equal(refusal(() => parseItemCode('KE2NTNO00000A1')).field, 'sequence');
    assert.equal(refusal(() => parseItemCode('KE2NTNO0000000')).field, 'sequence');
    assert.equal(refusal(() => parseItemCode('QQ2NTNO0000001')).field, 'origin');
  });

  it('checks against the lists it is given, such as the synced ones', () => {
    const tables = { countries: [{ code: 'KE', name: 'Kenya' }], itemTypes: [{ code: '2', name: 'Finished' }], packagingUnits: [{ code: 'NT', name: 'Net' }], quantityUnits: [{ code: 'NO', name: 'Number' }] };
    assert.equal(itemCode(JUICE, tables), 'KE2NTNO0000001');
    assert.equal(refusal(() => itemCode({ ...JUICE, origin: 'UG' }, tables)).field, 'origin');
  });
});
