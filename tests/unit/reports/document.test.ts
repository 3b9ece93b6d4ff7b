import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { encodeReport } from '../../../src-main/print/escpos';
import { barLines } from '../../../src-main/print/columns';
import type { DayReport } from '../../../src-shared/api';
import { buildReportDocument } from '../../../src-shared/reports/document';
import { reportFigures } from '../../../src-shared/reports/figures';
import { decodeEscPos } from '../../support/escpos-decode';

const report: DayReport = {
  kind: 'X',
  scope: 'shift',
  zNumber: null,
  takenAt: '2026-11-24T09:00:00.000Z',
  takenBy: 'Otieno',
  period: { from: '2026-11-24T05:00:00.000Z', to: '2026-11-24T09:00:00.000Z', businessDate: null, shiftId: 4 },
  store: { tradeName: 'MAMA MBOGA ENTERPRISES', pin: 'P051234567M', branchId: '00', scuId: 'KRACU0100000001', mrcNo: 'WIS01006430', tillId: 'T01' },
  figures: reportFigures({
    sales: [
      { id: 1, receiptNo: 1, kind: 'S', committedAt: '2026-11-24T05:15:00.000Z', total: 1_234_500, changeGiven: 0, invcNo: 1, kraState: 'signed' },
      { id: 2, receiptNo: 2, kind: 'S', committedAt: '2026-11-24T07:15:00.000Z', total: 6_500, changeGiven: 0, invcNo: null, kraState: 'pending' },
    ],
    lines: [],
    tenders: [{ saleId: 1, kind: 'cash', amount: 1_234_500 }, { saleId: 2, kind: 'mpesa', amount: 6_500 }],
    activity: { float: 500_000, payIns: 0, payOuts: 0, counted: null, copies: [], voidedCarts: 0, noSaleOpens: 0, priceOverrides: { count: 0, amount: 0 } },
  }),
};

describe('the report on thermal paper', () => {
  for (const [width, columns] of [[58, 32], [80, 48]] as const) {
    test(`${width} mm: every line fits in ${columns} characters, the title leads and the chart ends it`, async () => {
      const decoded = decodeEscPos(await encodeReport(buildReportDocument(report, false), { paperWidth: width }));
      const lines = decoded.lines.map((l) => l.text);
      for (const line of lines) assert.ok(line.length <= columns, `"${line}" is ${line.length} characters`);
      assert.ok(lines.includes('X REPORT - SHIFT'));
      assert.ok(lines.some((l) => /^Shift +4$/.test(l)));
      assert.ok(lines.some((l) => l.startsWith('08:00 #') && l.endsWith('12,345.00')), 'the busiest hour has the longest bar');
      assert.ok(lines.some((l) => /^09:00 +0\.00$/.test(l)), 'an empty hour has no bar');
      assert.ok(lines.some((l) => /^Counted +not counted$/.test(l)));
      assert.equal(decoded.cuts, 1);
    });
  }

  test('bars are as long as their share of the longest, between the label and the figure', () => {
    assert.deepEqual(barLines([{ label: '08:00', value: 100, text: '1.00' }, { label: '09:00', value: 50, text: '0.50' }], 20), [
      '08:00 ######### 1.00',
      '09:00 #####     0.50',
    ]);
  });
});
