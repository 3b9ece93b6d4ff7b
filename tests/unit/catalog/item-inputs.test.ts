import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { api } from '../../../src-shared/api';

const MANGO = {
  name: ' Mango juice 500ml ',
  unitPrice: 15000,
  taxClass: 'b',
  itemClass: '1000000000',
  itemType: '2',
  origin: 'ke',
  packagingUnit: 'nt',
  quantityUnit: 'no',
};

function problem(method: 'items.create' | 'items.update' | 'items.list', input: unknown) {
  const parsed = api[method].input.safeParse(input);
  assert.equal(parsed.success, false, 'the input should be refused');
  const issue = parsed.error!.issues[0]!;
  return { field: issue.path.join('.'), message: issue.message };
}

describe('item inputs', () => {
  it('reads a new item with codes in any case, no barcode and on sale by default', () => {
    assert.deepEqual(api['items.create'].input.parse(MANGO), {
      name: 'Mango juice 500ml',
      barcode: null,
      unitPrice: 15000,
      taxClass: 'B',
      itemClass: '1000000000',
      itemType: '2',
      origin: 'KE',
      packagingUnit: 'NT',
      quantityUnit: 'NO',
      active: true,
    });
  });

  it('refuses each wrong field by name, saying what KRA wants', () => {
    assert.deepEqual(problem('items.create', { ...MANGO, taxClass: 'F' }), {
      field: 'taxClass',
      message: 'a KRA tax class: A (exempt), B (16%), C (zero rated), D (non-VAT) or E (8%)',
    });
    assert.equal(problem('items.create', { ...MANGO, unitPrice: 0 }).field, 'unitPrice');
    assert.equal(problem('items.create', { ...MANGO, unitPrice: 150.5 }).message, 'whole cents');
    assert.equal(problem('items.create', { ...MANGO, itemClass: '5020' }).field, 'itemClass');
    assert.equal(problem('items.create', { ...MANGO, itemType: '4' }).field, 'itemType');
    assert.equal(problem('items.create', { ...MANGO, origin: 'KEN' }).field, 'origin');
    assert.equal(problem('items.create', { ...MANGO, name: 'x'.repeat(201) }).message, "at most 200 characters (KRA's limit)");
    assert.equal(problem('items.create', { ...MANGO, barcode: '6161 1012' }).field, 'barcode');
    assert.deepEqual(problem('items.create', { ...MANGO, name: undefined }), { field: 'name', message: "the item's name is needed" });
  });

  it('changes only the fields an update names: no default clears a barcode or puts an item back on sale', () => {
    assert.deepEqual(api['items.update'].input.parse({ code: 'ke2ntno0000013', unitPrice: 16000 }), { code: 'KE2NTNO0000013', unitPrice: 16000 });
    assert.deepEqual(api['items.update'].input.parse({ code: 'KE2NTNO0000013', barcode: null }), { code: 'KE2NTNO0000013', barcode: null });
    assert.equal(problem('items.update', { unitPrice: 16000 }).field, 'code');
  });

  it('pages the item list at most 500 at a time', () => {
    assert.deepEqual(api['items.list'].input.parse({}), { offset: 0, limit: 100 });
    assert.equal(problem('items.list', { limit: 501 }).field, 'limit');
    assert.equal(problem('items.list', { registration: 'pending' }).field, 'registration');
  });
});
