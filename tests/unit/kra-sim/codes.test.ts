import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CODE_CLASSES, PACKAGING_UNITS, REFUND_REASONS, STOCK_IO_TYPES, TAX_TYPES } from '../../../src-shared/etims/codes';
import { DEMO_CATALOGUE } from '../../../src-main/catalog/demo-catalogue';
import { ITEM_CLASSES } from '../../../src-main/kra-sim/seed';

describe("KRA's code tables (spec 3)", () => {
  test('no code class lists a code twice', () => {
    for (const table of CODE_CLASSES) assert.equal(new Set(table.codes.map((c) => c.code)).size, table.codes.length, `cdCls ${table.id}`);
  });

  test('the gateway accepts exactly 52 packaging units; BX is not one of them', () => {
    assert.equal(PACKAGING_UNITS.length, 52);
    assert.ok(!PACKAGING_UNITS.some((u) => u.code === 'BX'));
  });

  test('tax types A-E with the live list rates and order (A, B, C, E, D)', () => {
    assert.deepEqual(
      [...TAX_TYPES].sort((a, b) => a.sortOrder - b.sortOrder).map((t) => [t.code, t.ratePercent]),
      [['A', 0], ['B', 16], ['C', 0], ['E', 8], ['D', 0]],
    );
  });

  test('stock movements 01-06 bring stock in, 11-16 take it out', () => {
    for (const type of STOCK_IO_TYPES) assert.equal(type.direction, Number(type.code) < 10 ? 'in' : 'out', type.code);
  });

  test('credit-note reasons run 01 to 13, 06 being a refund', () => {
    assert.deepEqual(REFUND_REASONS.map((r) => Number(r.code)), Array.from({ length: 13 }, (_, i) => i + 1));
    assert.equal(REFUND_REASONS.find((r) => r.code === '06')?.name, 'Refund');
  });

  test('the demo shelf uses only item classes the simulator serves, as KRA\'s sandbox wants (spec 13.5)', () => {
    const served = new Set(ITEM_CLASSES.map((c) => c.code));
    assert.deepEqual(DEMO_CATALOGUE.filter((item) => !served.has(item.classCode)).map((item) => [item.code, item.classCode]), []);
  });
});
