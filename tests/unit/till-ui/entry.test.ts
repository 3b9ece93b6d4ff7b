import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kraPinProgress, plainAmount, readAmount, readCustomer, readDiscount, readQuantity } from '../../../src-renderer/till/entry';

describe('what the cashier types', () => {
  it('reads weighed quantities with up to two decimals and counted ones only whole', () => {
    assert.deepEqual(readQuantity('1.25', true), { ok: true, value: 125 });
    assert.deepEqual(readQuantity('0,5', true), { ok: true, value: 50 });
    assert.deepEqual(readQuantity('3', false), { ok: true, value: 300 });
    assert.deepEqual(readQuantity('1.5', false), { ok: false, problem: 'entry.quantity.whole' });
    for (const bad of ['', '0', '-1', '1.255', 'abc', '99999999']) {
      assert.deepEqual(readQuantity(bad, true), { ok: false, problem: 'entry.quantity.invalid' }, bad);
    }
  });

  it('reads shillings with or without thousands commas into cents', () => {
    assert.deepEqual(readAmount('1,250.50'), { ok: true, value: 125050 });
    assert.deepEqual(readAmount('500'), { ok: true, value: 50000 });
    assert.deepEqual(readAmount('0'), { ok: false, problem: 'entry.amount.invalid' });
    assert.equal(plainAmount(125050), '1250.50');
    assert.equal(plainAmount(7), '0.07');
  });

  it('reads a discount as a percentage or shillings off', () => {
    assert.deepEqual(readDiscount('10%'), { ok: true, value: { rate: 1000 } });
    assert.deepEqual(readDiscount('12.5%'), { ok: true, value: { rate: 1250 } });
    assert.deepEqual(readDiscount('50'), { ok: true, value: { amount: 5000 } });
    assert.deepEqual(readDiscount('120%'), { ok: false, problem: 'entry.discount.invalid' });
  });

  it('checks a KRA PIN as it is typed: a letter, nine digits and a letter', () => {
    assert.equal(kraPinProgress(''), 'empty');
    assert.equal(kraPinProgress('p05'), 'partial');
    assert.equal(kraPinProgress('P051234567'), 'partial');
    assert.equal(kraPinProgress('P051234567M'), 'complete');
    assert.equal(kraPinProgress('5'), 'invalid');
    assert.equal(kraPinProgress('PA'), 'invalid');
    assert.equal(kraPinProgress('P0512345678'), 'invalid');
    assert.deepEqual(readCustomer('p051234567m', ' Amina '), { ok: true, value: { tin: 'P051234567M', name: 'Amina' } });
    assert.deepEqual(readCustomer('P05123', 'Amina'), { ok: false, problem: 'customer.pinBad' });
    assert.deepEqual(readCustomer('P051234567M', ' '), { ok: false, problem: 'customer.nameNeeded' });
  });
});
