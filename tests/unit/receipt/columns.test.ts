import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { COLUMNS, columnsAt, itemLines, rowLines, taxTableLines, wrap } from '../../../src-main/print/columns';
import { buildReceipt } from '../../../src-shared/receipt';
import { fixedCreditNote, fixedSale, SEAL, STORE } from '../../support/receipt-fixtures';

describe('thermal paper columns', () => {
  test('wrap breaks at spaces and cuts a word longer than the line', () => {
    assert.deepEqual(wrap('Rice (per kg) - Pishori grade 1 long grain', 20), ['Rice (per kg) -', 'Pishori grade 1 long', 'grain']);
    assert.deepEqual(wrap('KRACU0100000001/169', 8), ['KRACU010', '0000001/', '169']);
    assert.deepEqual(wrap('', 8), ['']);
  });

  test('a row keeps label and value on one line when they fit, else gives the value its own line', () => {
    assert.deepEqual(rowLines('VAT', '94.76', 16), ['VAT        94.76']);
    assert.deepEqual(rowLines('CU INVOICE NO.', 'KRACU0100000001/169', 32), ['CU INVOICE NO.', '             KRACU0100000001/169']);
  });

  for (const width of [COLUMNS[58], COLUMNS[80]]) {
    test(`every item and tax line of the fixed receipts fits ${width} columns`, () => {
      for (const sale of [fixedSale().sale, fixedCreditNote().sale]) {
        const doc = buildReceipt({ store: STORE, sale, seal: SEAL, environment: { kind: 'production' }, copy: false });
        for (const block of doc.blocks) {
          const lines = block.type === 'item' ? itemLines(block, width) : block.type === 'taxTable' ? taxTableLines(block, width) : [];
          for (const line of lines) assert.ok(line.length <= width, `${JSON.stringify(line)} is wider than ${width}`);
        }
      }
    });
  }

  test('double and triple width text takes two and three columns a character', () => {
    assert.equal(columnsAt(48, 'large'), 24);
    assert.equal(columnsAt(32, 'huge'), 10);
    assert.equal(columnsAt(32, 'tall'), 32);
  });
});
