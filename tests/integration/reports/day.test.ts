import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { after, before, describe, test } from 'node:test';
import { projectPaths } from '../../../src-main/paths';
import { verifyLedger } from '../../../src-main/ledger/z-chain';
import type { DayReport } from '../../../src-shared/api';
import { decodeEscPos } from '../../support/escpos-decode';
import { nairobi, reportTill, type ReportTill } from './harness';

const run = promisify(execFile);
const OUT = join(projectPaths.root, 'test-output', 'reports');

const ITEM = {
  milk: 'KE2BQNO0000003', // A, 65.00
  sugar: 'KE2BGNO0000002', // B, 165.00
  oil: 'KE2BQNO0000004', // B, 349.00
  bread: 'KE2CTNO0000010', // B, 65.00
  soda: 'KE2BQNO0000005', // B, 80.00
  paraffin: 'KE2JYNO0000009', // E, 162.00
} as const;

/**
 * One business day worked by hand, from the float to the Z, and the next day's first sale.
 * Tax per line, spec 4.2: taxable = round(total x 100 / (100 + rate)), tax the rest.
 *   A 08:10 milk x2 130.00 (A) + sugar 165.00 (B 142.24 + 22.76); cash 300.00, change 5.00; KRA signs (invcNo 1)
 *   B 09:30 oil 349.00 less 10% = 314.10 (B 270.78 + 43.32) + bread x2 130.00 (B 112.07 + 17.93);
 *           M-Pesa 300.00 + cash 144.10; KRA signs (invcNo 2)
 *   C 10:15 paraffin 162.00 (E 150.00 + 12.00); card; KRA parks it
 *   D 11:45 soda x3 240.00 (B 206.90 + 33.10); cash; provisional
 *   E 12:05 credit note: A's sugar, 165.00 back in cash; provisional
 *   F 00:20 (past midnight) bread at 60.00 instead of 65.00 (B 51.72 + 8.28); cash; provisional
 *   float 5,000.00, pay-in 1,000.00, pay-out 300.00; counted 6,274.00 against 6,274.10 expected
 */
describe('the manager\'s day, from the float to the Z report', () => {
  let till: ReportTill;
  let z: DayReport;

  before(async () => {
    till = await reportTill();
    const at = (day: number, hhmm: string) => till.clock.set(nairobi(day, hhmm));
    at(24, '07:55');
    await till.call('shift.open', { float: 500_000 });
    at(24, '08:10');
    const a = await till.call('sale.complete', { lines: [{ itemCode: ITEM.milk, quantity: 200 }, { itemCode: ITEM.sugar, quantity: 100 }], tenders: [{ kind: 'cash', amount: 30_000 }] });
    till.kraSigns();
    at(24, '09:30');
    await till.call(
      'sale.complete',
      {
        lines: [{ itemCode: ITEM.oil, quantity: 100, discount: { rate: 1000 } }, { itemCode: ITEM.bread, quantity: 200 }],
        tenders: [{ kind: 'mpesa', amount: 30_000, reference: 'QK12AB34CD' }, { kind: 'cash', amount: 14_410 }],
      },
      'supervisor',
    );
    till.kraSigns();
    at(24, '10:15');
    await till.call('sale.complete', { lines: [{ itemCode: ITEM.paraffin, quantity: 100 }], tenders: [{ kind: 'card', amount: 16_200 }] });
    till.kraParks('910 Request parameter error');
    at(24, '11:45');
    await till.call('sale.complete', { lines: [{ itemCode: ITEM.soda, quantity: 300 }], tenders: [{ kind: 'cash', amount: 24_000 }] });
    at(24, '12:05');
    await till.call('sale.refund', { originalSaleId: a.saleId, reasonCode: '06', lines: [{ seq: 2, quantity: 100 }], tenders: [{ kind: 'cash', amount: 16_500 }] }, 'supervisor');
    at(24, '13:00');
    await till.call('shift.cashMove', { kind: 'payIn', amount: 100_000, reason: 'float top-up from the safe' });
    at(24, '14:00');
    await till.call('shift.cashMove', { kind: 'payOut', amount: 30_000, reason: 'supplier paid for tomatoes' });
    at(24, '15:00');
    await till.call('receipt.pdf', { saleId: a.saleId, paper: 'roll80' });
    await till.call('receipt.pdf', { saleId: a.saleId, paper: 'roll80' });
    at(24, '16:00');
    await till.call('cart.void', { reason: 'customer left', cart: { lines: [{ itemCode: ITEM.soda, quantity: 100 }] } });
    at(24, '17:00');
    await till.call('drawer.open', { reason: 'change for the float' }, 'supervisor');
    at(25, '00:20');
    await till.call('sale.complete', { lines: [{ itemCode: ITEM.bread, quantity: 100, priceOverride: 6_000 }], tenders: [{ kind: 'cash', amount: 6_000 }] }, 'supervisor');
  });

  after(() => till.close());

  test('an X of the shift, taken at any time, reads the day so far and changes nothing', async () => {
    till.clock.set(nairobi(25, '00:30'));
    const first = await till.call('report.x', { scope: 'shift' }, 'supervisor');
    const again = await till.call('report.x', { scope: 'shift' }, 'supervisor');
    assert.deepEqual(again.figures, first.figures);
    assert.equal(first.figures.totals.gross, 103_610);
    assert.equal(first.figures.drawer.expected, 627_410);
    assert.equal(first.figures.drawer.counted, null, 'not counted while the shift is open');
    assert.equal((await till.refused('report.x', { scope: 'shift' }, 'cashier')).code, 'FORBIDDEN');
  });

  test('the Z cannot be taken while the shift is open', async () => {
    assert.equal((await till.refused('report.z', {}, 'manager')).code, 'SHIFT_STILL_OPEN');
  });

  test('the cashier closes with a blind count and does not see what was expected; the manager does', async () => {
    till.clock.set(nairobi(25, '00:40'));
    const closed = await till.call('shift.close', { pieces: { 1000: 6, 200: 1, 50: 1, 20: 1, 1: 4 } });
    assert.equal(closed.counted, 627_400);
    assert.equal(closed.expected, null);
    assert.equal(closed.overShort, null);
    const [listed] = await till.call('shift.list', {}, 'supervisor');
    assert.deepEqual([listed!.expected, listed!.counted, listed!.overShort], [627_410, 627_400, -10]);
    assert.equal((await till.refused('sale.complete', { lines: [{ itemCode: ITEM.bread, quantity: 100 }], tenders: [{ kind: 'cash', amount: 6_500 }] })).code, 'NO_OPEN_SHIFT');
  });

  test('only a manager takes the Z', async () => {
    assert.equal((await till.refused('report.z', {}, 'cashier')).code, 'FORBIDDEN');
    assert.equal((await till.refused('report.z', {}, 'supervisor')).code, 'FORBIDDEN');
  });

  test('the Z equals the day worked by hand, to the cent, and the day past midnight keeps its date', async () => {
    till.clock.set(nairobi(25, '00:45'));
    z = await till.call('report.z', {}, 'manager');
    const f = z.figures;
    assert.equal(z.zNumber, 1);
    assert.equal(z.period.businessDate, '2026-11-24');
    assert.equal(z.period.from, nairobi(24, '07:55').toISOString());
    assert.deepEqual(f.labels.NS, { count: 5, amount: 120_110 });
    assert.deepEqual(f.labels.NC, { count: 1, amount: 16_500 });
    assert.deepEqual(f.labels.CS, { count: 1, amount: 29_500 });
    assert.deepEqual([f.labels.CC, f.labels.TS, f.labels.TC, f.labels.PS].map((l) => l.count), [0, 0, 0, 0]);
    assert.deepEqual(f.receipts, { firstReceiptNo: 1, lastReceiptNo: 6, firstInvcNo: 1, lastInvcNo: 2 });
    assert.deepEqual(
      f.taxClasses.map((c) => [c.taxClass, c.sales.taxable, c.sales.tax, c.creditNotes.taxable, c.creditNotes.tax, c.net.taxable, c.net.tax]),
      [
        ['A', 13_000, 0, 0, 0, 13_000, 0],
        ['B', 78_371, 12_539, 14_224, 2_276, 64_147, 10_263],
        ['C', 0, 0, 0, 0, 0, 0],
        ['D', 0, 0, 0, 0, 0, 0],
        ['E', 15_000, 1_200, 0, 0, 15_000, 1_200],
      ],
    );
    assert.deepEqual(f.totals, { gross: 103_610, vat: 11_463, net: 92_147 });
    assert.deepEqual(f.tenders.map((t) => [t.kind, t.sales, t.refunds, t.net]), [
      ['cash', 73_910, 16_500, 57_410],
      ['mpesa', 30_000, 0, 30_000],
      ['card', 16_200, 0, 16_200],
      ['credit', 0, 0, 0],
    ]);
    assert.deepEqual(f.drawer, { float: 500_000, cashSales: 73_910, cashRefunds: 16_500, payIns: 100_000, payOuts: 30_000, expected: 627_410, counted: 627_400, overShort: -10 });
    assert.deepEqual(f.discounts, { count: 1, amount: 3_490 });
    assert.deepEqual(f.priceOverrides, { count: 1, amount: 500 });
    assert.deepEqual([f.voidedCarts, f.reprints, f.noSaleOpens], [1, 1, 1]);
    assert.deepEqual(f.kra, { signed: { count: 2, amount: 73_910 }, provisional: { count: 3, amount: 13_500 }, parked: { count: 1, amount: 16_200 } });
    assert.deepEqual(f.byHour.map((h) => h.hour), [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 0]);
    assert.deepEqual(f.byHour.filter((h) => h.count > 0).map((h) => [h.hour, h.amount]), [[8, 29_500], [9, 44_410], [10, 16_200], [11, 24_000], [12, -16_500], [0, 6_000]]);
  });

  test('a business day has one Z: a second is refused, and the stored one reads back as taken', async () => {
    assert.equal((await till.refused('report.z', {}, 'manager')).code, 'Z_ALREADY_TAKEN');
    assert.deepEqual(await till.call('report.get', { zNumber: 1 }, 'supervisor'), z);
    const [listed] = await till.call('report.zList', {}, 'supervisor');
    assert.deepEqual(listed, { zNumber: 1, businessDate: '2026-11-24', takenAt: z.takenAt, takenBy: 'Achieng', gross: 103_610, documents: 6 });
  });

  test('a Z is never changed or deleted: the ledger refuses', () => {
    assert.throws(() => till.db.$client.prepare("UPDATE z_reports SET business_date = '2026-11-23' WHERE number = 1").run(), /never changed/);
    assert.throws(() => till.db.$client.prepare('DELETE FROM z_reports').run(), /never deleted/);
    assert.throws(
      () => till.db.$client.prepare("INSERT INTO z_reports SELECT 3, till_id, '2026-12-01', opened_at, taken_at, taken_by, last_sale_id, last_shift_id, last_audit_id, last_sale_hash, figures, prev_hash, hash FROM z_reports").run(),
      /without gaps/,
    );
  });

  test('the printed Z reads back from its ESC/POS bytes; the second print says COPY', async () => {
    await till.call('report.print', { zNumber: 1 }, 'supervisor');
    await till.call('report.print', { zNumber: 1 }, 'supervisor');
    // The printer has had the no-sale drawer kick, then the two reports.
    const [kick, original, copy] = (await till.printer.waitForJobs(3)).map((bytes) => decodeEscPos(bytes));
    assert.equal(kick!.drawerKicks.length, 1);
    const text = original!.lines.map((l) => l.text).join('\n');
    for (const expected of [
      'Z REPORT No. 1',
      'PIN: P051234567M BRANCH: 00',
      'SCU ID: KRACU0100000001',
      'MRC: WIS01006430 TILL: T01',
      /NS Normal sales \(5\) +1,201\.10/,
      /NC Normal credit notes \(1\) +-165\.00/,
      /CS Copies of sales \(1\) +295\.00/,
      /Receipt numbers +T01-000001 - T01-000006/,
      /B-16\.00% +641\.47 +102\.63 +744\.10/,
      /GROSS +1,036\.10/,
      /= Expected +6,274\.10/,
      /Over \/ short +SHORT -0\.10/,
      /Parked, refused by KRA \(1\) +162\.00/,
      /^08:00 #+ +295\.00$/m,
      /^00:00 #* +60\.00$/m,
    ]) {
      assert.match(text, typeof expected === 'string' ? new RegExp(expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : expected);
    }
    assert.doesNotMatch(text, /COPY/);
    assert.equal(original!.cuts, 1);
    const copyLines = copy!.lines.map((l) => l.text);
    assert.ok(copyLines.includes('COPY'), 'a reprint says COPY');
    assert.equal(copy!.lines.find((l) => l.text === 'COPY')!.width, 3, 'larger than the amounts');
  });

  for (const paper of ['a4', 'roll80'] as const) {
    test(`the Z as a ${paper} PDF: every section as text, the chart drawn, COPY across the page`, async () => {
      const { fileName, base64 } = await till.call('report.pdf', { zNumber: 1, paper }, 'supervisor');
      assert.equal(fileName, `z-report-1-2026-11-24-copy-${paper}.pdf`, 'printed already: the PDF is a copy');
      mkdirSync(OUT, { recursive: true });
      const base = join(OUT, `z-report-${paper}`);
      writeFileSync(`${base}.pdf`, Buffer.from(base64, 'base64'));
      await run('pdftoppm', ['-r', '100', '-png', '-f', '1', '-singlefile', `${base}.pdf`, base]);
      const { stdout: text } = await run('pdftotext', ['-layout', `${base}.pdf`, '-']);
      for (const expected of [/Z REPORT No\. 1/, /COPY/, /B-16\.00%\s+641\.47\s+102\.63\s+744\.10/, /GROSS\s+1,036\.10/, /SALES BY HOUR/, /^08:00/m, /^00:00/m, /END OF Z REPORT No\. 1 - COPY/]) {
        assert.match(text, expected);
      }
      const png = PNG.sync.read(readFileSync(`${base}.png`));
      assert.ok(png.width > 200 && png.height > 200);
    });
  }

  test('the CSV for the accountant has one row a line, amounts as KRA received them', async () => {
    const { fileName, csv } = await till.call('report.csv', { zNumber: 1 }, 'supervisor');
    assert.equal(fileName, 'sales-z1-2026-11-24.csv');
    const rows = csv.trim().split('\r\n');
    assert.equal(rows.length, 1 + 8);
    assert.match(rows[0]!, /^date_time,receipt_no,trd_invc_no,invc_no,document/);
    assert.ok(rows.includes('20261124093000,2,T01-000002,2,sale,signed,,1,KE2BQNO0000004,Cooking oil 1L,1,349.00,34.90,314.10,B,16.00,270.78,43.32'));
    assert.ok(rows.includes('20261124120500,5,T01-000005,,credit note,pending,,1,KE2BGNO0000002,Sugar 1kg,-1,165.00,0.00,-165.00,B,16.00,-142.24,-22.76'));
  });

  test('ledger.verify and npm run verify-ledger walk the Z into the chain', () => {
    assert.deepEqual(verifyLedger(till.db), { ok: true, sales: 6, zReports: 1 });
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/ledger/verify-cli.ts', till.dir], { cwd: projectPaths.root, encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stdout + cli.stderr);
    assert.match(cli.stdout, /6 sales and 1 Z reports, every link verified/);
  });

  test('the next business day starts after the Z and is closed by the next number', async () => {
    till.clock.set(nairobi(25, '08:00'));
    await till.call('shift.open', { float: 200_000 });
    await till.call('sale.complete', { lines: [{ itemCode: ITEM.soda, quantity: 100 }], tenders: [{ kind: 'cash', amount: 8_000 }] });
    const x = await till.call('report.x', { scope: 'day' }, 'supervisor');
    assert.deepEqual(x.figures.labels.NS, { count: 1, amount: 8_000 });
    assert.equal(x.period.businessDate, '2026-11-25');
    await till.call('shift.close', { pieces: { 1000: 2, 50: 1, 20: 1, 10: 1 } });
    till.clock.set(nairobi(25, '20:00'));
    const second = await till.call('report.z', {}, 'manager');
    assert.equal(second.zNumber, 2);
    assert.equal(second.period.businessDate, '2026-11-25');
    assert.deepEqual(second.figures.receipts, { firstReceiptNo: 7, lastReceiptNo: 7, firstInvcNo: null, lastInvcNo: null });
    assert.equal(second.figures.drawer.overShort, 0);
    assert.deepEqual(verifyLedger(till.db), { ok: true, sales: 7, zReports: 2 });
  });

  test('a Z altered behind the triggers breaks the chain, and the verifier names it', () => {
    till.db.$client.exec('DROP TRIGGER z_reports_never_change');
    till.db.$client.prepare("UPDATE z_reports SET figures = json_set(figures, '$.figures.totals.gross', 1) WHERE number = 1").run();
    const verdict = verifyLedger(till.db);
    assert.equal(verdict.ok, false);
    assert.deepEqual('brokenZ' in verdict && verdict.brokenZ, { zNumber: 1, reason: 'its content does not match its hash' });
  });
});

describe('shift rules the engine keeps, whatever the screen does', () => {
  let till: ReportTill;
  before(async () => {
    till = await reportTill();
    await till.call('shift.open', { float: 10_000 }, 'supervisor');
  });
  after(() => till.close());

  test('one open shift per till', async () => {
    const refused = await till.refused('shift.open', { float: 0 });
    assert.deepEqual([refused.code, refused.params], ['SHIFT_ALREADY_OPEN', { name: 'Otieno' }]);
  });

  test("a cashier cannot pay out of, or close, someone else's shift", async () => {
    assert.equal((await till.refused('shift.cashMove', { kind: 'payIn', amount: 100, reason: 'change' })).code, 'SHIFT_NOT_YOURS');
    assert.equal((await till.refused('shift.close', { pieces: {} })).code, 'SHIFT_NOT_YOURS');
  });

  test('a pay-out cannot take more than the drawer should hold, and changes nothing when refused', async () => {
    const refused = await till.refused('shift.cashMove', { kind: 'payOut', amount: 10_001, reason: 'banking' }, 'supervisor');
    assert.deepEqual([refused.code, refused.field], ['DRAWER_SHORT', 'amount']);
    const { shift } = await till.call('shift.current', {}, 'supervisor');
    assert.equal(shift!.payOuts, 0);
  });

  test('a count of pieces is a whole number, named by its denomination', async () => {
    const refused = await till.refused('shift.close', { pieces: { 100: -2 } }, 'supervisor');
    assert.deepEqual([refused.code, refused.field], ['INVALID_INPUT', 'pieces.100']);
    const unknown = await till.refused('shift.close', { pieces: { 25: 1 } as never }, 'supervisor');
    assert.equal(unknown.code, 'INVALID_INPUT');
    assert.notEqual((await till.call('shift.current', {}, 'supervisor')).shift, null, 'still open');
  });
});
