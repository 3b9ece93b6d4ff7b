import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { api } from '../../../src-shared/api';

function problem(method: keyof typeof api, input: unknown) {
  const parsed = api[method].input.safeParse(input);
  assert.equal(parsed.success, false, 'the input should be refused');
  const issue = parsed.error!.issues[0]!;
  return { field: issue.path.join('.'), message: issue.message };
}

describe('catalogue inputs', () => {
  it('reads a customer PIN in any case and refuses one of the wrong shape, saying what a PIN looks like', () => {
    const parsed = api['customers.lookup'].input.parse({ tin: ' p051234567m ' });
    assert.equal(parsed.tin, 'P051234567M');
    assert.deepEqual(problem('customers.lookup', { tin: 'P05123' }), { field: 'tin', message: 'a KRA PIN is a letter, 9 digits and a letter, e.g. P051234567M' });
  });

  it("refuses a customer without a name or with KRA's limits exceeded, naming the field", () => {
    assert.equal(problem('customers.save', { tin: 'P051234567M', name: ' ' }).field, 'name');
    assert.equal(problem('customers.save', { tin: 'P051234567M', name: 'Acme', phone: '0'.repeat(21) }).field, 'phone');
    assert.equal(problem('customers.save', { tin: 'P051234567M', name: 'Acme', email: 'not-an-address' }).field, 'email');
  });

  it('takes only the four KRA lists to sync and two-digit code classes', () => {
    assert.deepEqual(api['masterData.sync'].input.parse({ lists: ['codes', 'notices'] }), { lists: ['codes', 'notices'] });
    assert.equal(problem('masterData.sync', { lists: ['items'] }).field, 'lists.0');
    assert.equal(problem('codes.list', { cdCls: '4' }).field, 'cdCls');
  });
});
