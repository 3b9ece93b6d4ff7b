import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { base32, communicationKey, signSale } from '../../../src-main/kra-sim/signatures';

describe('receipt signatures', () => {
  test('base32 follows RFC 4648 (without padding)', () => {
    const cases: [string, string][] = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']];
    for (const [input, output] of cases) assert.equal(base32(Buffer.from(input)), output);
  });

  test('rcptSign has 16 and intrlData 26 characters of the base32 alphabet', () => {
    const { rcptSign, intrlData } = signSale('seed', 'P051234567M', '00', 1);
    assert.match(rcptSign, /^[A-Z2-7]{16}$/);
    assert.match(intrlData, /^[A-Z2-7]{26}$/);
  });

  test('the same seed, taxpayer, branch and invcNo always give the same signature; any change gives another', () => {
    const one = signSale('seed', 'P051234567M', '00', 7);
    assert.deepEqual(signSale('seed', 'P051234567M', '00', 7), one);
    for (const other of [signSale('other', 'P051234567M', '00', 7), signSale('seed', 'P052112956W', '00', 7), signSale('seed', 'P051234567M', '01', 7), signSale('seed', 'P051234567M', '00', 8)]) {
      assert.notEqual(other.rcptSign, one.rcptSign);
    }
  });

  test('communication keys are 32 hex digits, distinct per device', () => {
    assert.match(communicationKey('seed', 'MAUZO-DEMO-0001', 1), /^[0-9A-F]{32}$/);
    assert.notEqual(communicationKey('seed', 'MAUZO-DEMO-0001', 1), communicationKey('seed', 'MAUZO-DEMO-0002', 2));
  });
});
