import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildReceipt, type ReceiptDocument } from '../../../src-shared/receipt';
import { COLUMNS, type PaperWidth } from '../../../src-main/print/columns';
import { encodeDrawerKick, encodeReceipt } from '../../../src-main/print/escpos';
import { sendTcp } from '../../../src-main/print/transports';
import { decodeEscPos, type DecodedEscPos } from '../../support/escpos-decode';
import { startFakePrinter, type FakePrinter } from '../../support/print-server';
import { fixedSale, SEAL, STORE } from '../../support/receipt-fixtures';

const URL = 'https://etims.kra.go.ke/common/link/etims/receipt/indexEtimsReceiptData?Data=P051234567M00QUII27MATATSHFRB';

const signed = () => buildReceipt({ store: STORE, sale: fixedSale().sale, seal: SEAL, environment: { kind: 'production' }, copy: false });

let printer: FakePrinter;
before(async () => (printer = await startFakePrinter()));
after(() => printer.close());

/** Sends the bytes through the real TCP transport and decodes what the fake printer received. */
async function throughPrinter(bytes: Buffer): Promise<DecodedEscPos> {
  const seen = printer.jobs.length;
  await sendTcp('127.0.0.1', printer.port, bytes, 2000);
  const jobs = await printer.waitForJobs(seen + 1);
  assert.deepEqual(jobs[seen], bytes, 'the printer received exactly the bytes sent');
  return decodeEscPos(jobs[seen]!);
}

const lineTexts = (decoded: DecodedEscPos) => decoded.lines.map((l) => l.text.trim());

for (const paperWidth of [80, 58] as PaperWidth[]) {
  describe(`a signed receipt on ${paperWidth} mm paper, sent over raw TCP`, () => {
    let decoded: DecodedEscPos;
    before(async () => (decoded = await throughPrinter(await encodeReceipt(signed(), { paperWidth }))));

    test('starts with init and the PC437 code page', () => {
      assert.equal(decoded.inits, 1);
      assert.equal(decoded.codePage, 0);
    });

    test('prints the title large, the store, the totals and the SCU block as text lines', () => {
      const title = decoded.lines.find((l) => l.text === 'TAX INVOICE');
      assert.deepEqual(title && { align: title.align, bold: title.bold, width: title.width, height: title.height }, { align: 'center', bold: true, width: 2, height: 2 });
      const texts = lineTexts(decoded);
      for (const expected of ['PIN: P051234567M', 'SCU INFORMATION', 'GRKJ-VWYC-FBPT-YQ22-5X2U-EYON-VE', 'QUII-27MA-TATS-HFRB']) {
        assert.ok(texts.includes(expected), `missing line ${expected}`);
      }
      const printed = texts.join('\n');
      assert.match(printed, /^TOTAL KES\s+1,241\.99$/m);
      assert.match(printed, /^CU INVOICE NO\.\s+KRACU0100000001\/169$/m, 'label and value, on one line or the value on the next');
      assert.match(printed, /^RECEIPT NUMBER\s+169\/172 NS$/m);
      assert.match(printed, /^2 x 165\.00\s+330\.00B$/m);
    });

    test(`never runs a line past the ${COLUMNS[paperWidth]} columns of the paper`, () => {
      for (const line of decoded.lines) {
        assert.ok(line.text.length * line.width <= COLUMNS[paperWidth], `too wide: ${JSON.stringify(line.text)} x${line.width}`);
      }
    });

    test('stores and prints one QR code holding exactly the verification URL', () => {
      assert.equal(decoded.qrCodes.length, 1);
      assert.deepEqual(decoded.qrCodes[0], { model: 2, moduleSize: paperWidth === 80 ? 6 : 5, errorCorrection: 49, data: URL, printed: true });
    });

    test('ends with the cut', () => {
      assert.equal(decoded.cuts, 1);
      assert.equal(decoded.events.at(-1), 'cut');
    });
  });
}

describe('the receipt text survives the printer code page', () => {
  test('an em dash in the provisional title prints as a plain dash', async () => {
    const provisional: ReceiptDocument = buildReceipt({ store: STORE, sale: fixedSale().sale, seal: null, environment: { kind: 'production' }, copy: false });
    const decoded = await throughPrinter(await encodeReceipt(provisional, { paperWidth: 80 }));
    const texts = lineTexts(decoded);
    assert.ok(texts.includes('PROVISIONAL - NOT YET A TAX INVOICE'), texts.join('\n'));
    assert.equal(decoded.qrCodes.length, 0);
    assert.equal(texts.some((t) => t.includes('\uFFFD')), false);
  });
});

test('the drawer kick is ESC p on pin 2 and nothing else but init', async () => {
  const decoded = await throughPrinter(await encodeDrawerKick());
  assert.deepEqual(decoded.drawerKicks, [{ pin: 2, onMs: 50, offMs: 240 }]);
  assert.equal(decoded.lines.length, 0);
  assert.equal(decoded.cuts, 0);
});
