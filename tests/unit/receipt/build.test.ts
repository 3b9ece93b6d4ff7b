import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  buildReceipt,
  CREDIT_NOTE_STATEMENT,
  groupsOfFour,
  PROVISIONAL_SALE_TITLE,
  qrUrl,
  type Block,
  type ReceiptDocument,
  type ReceiptEnvironment,
  type TextBlock,
} from '../../../src-shared/receipt';
import { CREDIT_SEAL, fixedCreditNote, fixedSale, SEAL, STORE } from '../../support/receipt-fixtures';
import { dumpReceipt } from '../../support/receipt-dump';

const PRODUCTION: ReceiptEnvironment = { kind: 'production' };
const DEMO: ReceiptEnvironment = { kind: 'demo', verificationBaseUrl: 'http://127.0.0.1:8123/' };
const SIGNED_URL = 'https://etims.kra.go.ke/common/link/etims/receipt/indexEtimsReceiptData?Data=P051234567M00QUII27MATATSHFRB';

const texts = (doc: ReceiptDocument) => doc.blocks.filter((b): b is TextBlock => b.type === 'text');
const everyString = (doc: ReceiptDocument) =>
  doc.blocks.flatMap((b: Block) => Object.values(b).filter((v): v is string => typeof v === 'string'));
const rowValue = (doc: ReceiptDocument, left: string) => {
  const row = doc.blocks.find((b) => b.type === 'row' && b.left === left);
  return row?.type === 'row' ? row.right : undefined;
};

/** Set UPDATE_GOLDEN=1 to rewrite a golden file after a deliberate layout change; review the diff. */
function matchesGolden(name: string, doc: ReceiptDocument): void {
  const path = new URL(`golden/${name}.txt`, import.meta.url);
  const actual = dumpReceipt(doc);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  assert.equal(actual, readFileSync(path, 'utf8'));
}

describe('receipt documents match their golden layout', () => {
  test('signed tax invoice', () => {
    matchesGolden('signed-sale', buildReceipt({ store: STORE, sale: fixedSale().sale, seal: SEAL, environment: PRODUCTION, copy: false }));
  });
  test('credit note', () => {
    matchesGolden(
      'credit-note',
      buildReceipt({ store: STORE, sale: fixedCreditNote().sale, seal: CREDIT_SEAL, environment: { kind: 'sandbox' }, copy: false }),
    );
  });
  test('copy', () => {
    matchesGolden('copy', buildReceipt({ store: STORE, sale: fixedSale().sale, seal: SEAL, environment: PRODUCTION, copy: true }));
  });
  test('provisional', () => {
    matchesGolden('provisional', buildReceipt({ store: STORE, sale: fixedSale().sale, seal: null, environment: PRODUCTION, copy: false }));
  });
  test('demo', () => {
    matchesGolden('demo', buildReceipt({ store: STORE, sale: fixedSale().sale, seal: SEAL, environment: DEMO, copy: false }));
  });
});

describe('the verification URL', () => {
  test('concatenates PIN, branch and signature on the environment host', () => {
    const seller = { pin: 'P051234567M', branchId: '00' };
    assert.equal(qrUrl(PRODUCTION, seller, 'QUII27MATATSHFRB'), SIGNED_URL);
    assert.equal(
      qrUrl({ kind: 'sandbox' }, seller, 'QUII27MATATSHFRB'),
      'https://etims-sbx.kra.go.ke/common/link/etims/receipt/indexEtimsReceiptData?Data=P051234567M00QUII27MATATSHFRB',
    );
    assert.equal(
      qrUrl(DEMO, seller, 'QUII27MATATSHFRB'),
      'http://127.0.0.1:8123/common/link/etims/receipt/indexEtimsReceiptData?Data=P051234567M00QUII27MATATSHFRB',
    );
  });

  test('is what the signed receipt QR block encodes', () => {
    const doc = buildReceipt({ store: STORE, sale: fixedSale().sale, seal: SEAL, environment: PRODUCTION, copy: false });
    assert.deepEqual(doc.blocks.filter((b) => b.type === 'qr'), [{ type: 'qr', section: 'title', url: SIGNED_URL }]);
  });
});

describe('a provisional receipt cannot pass for a tax invoice', () => {
  const doc = buildReceipt({ store: STORE, sale: fixedSale().sale, seal: null, environment: PRODUCTION, copy: false });

  test('has no QR code, no SCU block and no receipt label', () => {
    assert.equal(doc.blocks.some((b) => b.type === 'qr'), false);
    assert.equal(everyString(doc).some((s) => /SCU|CU INVOICE|Signature|Internal Data/i.test(s)), false);
    assert.equal(doc.label, null);
    assert.equal(doc.verificationUrl, null);
  });

  test('never titles itself TAX INVOICE and says PROVISIONAL at the top and the bottom', () => {
    assert.equal(texts(doc).some((t) => t.text === 'TAX INVOICE'), false);
    const provisional = texts(doc).filter((t) => t.text === PROVISIONAL_SALE_TITLE);
    assert.deepEqual(provisional.map((t) => t.section), ['title', 'footer']);
    assert.match(doc.watermark ?? '', /PROVISIONAL/);
  });
});

describe('credit notes', () => {
  const doc = buildReceipt({ store: STORE, sale: fixedCreditNote().sale, seal: CREDIT_SEAL, environment: PRODUCTION, copy: false });

  test('reference the original CU invoice, carry the approval statement and the NC label', () => {
    assert.equal(doc.title, 'CREDIT NOTE');
    assert.ok(texts(doc).some((t) => t.text === 'ORIGINAL CU INVOICE NO.#: KRACU0100000001/169 NS'));
    assert.ok(texts(doc).some((t) => t.text === CREDIT_NOTE_STATEMENT));
    assert.equal(rowValue(doc, 'RECEIPT NUMBER'), '12/175 NC');
  });

  test('show every amount negative and use TOTAL / TOTAL TAX instead of SUB TOTAL / VAT', () => {
    const items = doc.blocks.filter((b) => b.type === 'item');
    assert.ok(items.length > 0 && items.every((b) => b.type === 'item' && b.amount.startsWith('-')));
    assert.equal(rowValue(doc, 'TOTAL'), '-495.00');
    assert.equal(rowValue(doc, 'TOTAL TAX'), '-41.38');
    assert.equal(rowValue(doc, 'TOTAL B-16.00%'), '-300.00');
    assert.equal(rowValue(doc, 'SUB TOTAL'), undefined);
    const table = doc.blocks.find((b) => b.type === 'taxTable');
    assert.equal(table?.type === 'taxTable' && table.total.total, '-495.00');
  });

  test('a copy of a credit note is labelled CC', () => {
    const copy = buildReceipt({ store: STORE, sale: fixedCreditNote().sale, seal: CREDIT_SEAL, environment: PRODUCTION, copy: true });
    assert.equal(copy.label, 'CC');
    assert.equal(rowValue(copy, 'RECEIPT NUMBER'), '12/175 CC');
  });
});

describe('copies', () => {
  const original = buildReceipt({ store: STORE, sale: fixedSale().sale, seal: SEAL, environment: PRODUCTION, copy: false });
  const copy = buildReceipt({ store: STORE, sale: fixedSale().sale, seal: SEAL, environment: PRODUCTION, copy: true });

  test('say COPY under the title, larger than the total, and are labelled CS', () => {
    const titleIndex = copy.blocks.findIndex((b) => b.type === 'text' && b.text === 'TAX INVOICE');
    assert.deepEqual(copy.blocks[titleIndex + 1], { type: 'text', section: 'title', text: 'COPY', align: 'center', bold: true, size: 'huge' });
    assert.equal(copy.label, 'CS');
    assert.equal(rowValue(copy, 'RECEIPT NUMBER'), '169/172 CS');
  });

  test('reproduce the original seal: CU invoice number, signature, internal data and QR', () => {
    for (const left of ['CU INVOICE NO.', 'SCU ID', 'Date', 'Time']) assert.equal(rowValue(copy, left), rowValue(original, left));
    assert.equal(copy.verificationUrl, original.verificationUrl);
    assert.ok(texts(copy).some((t) => t.text === 'QUII-27MA-TATS-HFRB'));
    assert.ok(texts(copy).some((t) => t.text === 'GRKJ-VWYC-FBPT-YQ22-5X2U-EYON-VE'));
  });
});

describe('signed receipts', () => {
  const doc = buildReceipt({ store: STORE, sale: fixedSale().sale, seal: SEAL, environment: PRODUCTION, copy: false });

  test('print the SCU date and time from sdcDateTime, not the till clock', () => {
    assert.equal(rowValue(doc, 'Date'), '24/11/2026');
    assert.equal(rowValue(doc, 'Time'), '12:00:16');
    assert.equal(rowValue(doc, 'DATE'), '24/11/2026 12:00:15');
    assert.equal(rowValue(doc, 'CU INVOICE NO.'), 'KRACU0100000001/169');
  });

  test('always list the five tax classes, even for a one-class sale', () => {
    const sale = fixedSale().sale;
    const oneClass = { ...sale, lines: sale.lines.filter((l) => l.taxClass === 'B') };
    const table = buildReceipt({ store: STORE, sale: oneClass, seal: SEAL, environment: PRODUCTION, copy: false }).blocks.find((b) => b.type === 'taxTable');
    assert.deepEqual(table?.type === 'taxTable' && table.rows.map((r) => r.label), ['A-EXEMPT', 'B-16.00%', 'C-0.00%', 'D-NON-VAT', 'E-8.00%']);
  });

  test('name the buyer only when the sale has one', () => {
    const anonymous = { ...fixedSale().sale, customer: { tin: null, name: null } };
    const plain = buildReceipt({ store: STORE, sale: anonymous, seal: SEAL, environment: PRODUCTION, copy: false });
    assert.equal(rowValue(plain, 'BUYER PIN'), undefined);
    assert.equal(rowValue(doc, 'BUYER PIN'), 'P000111222Q');
  });

  test('demo receipts say DEMO at the top and the bottom and point the QR at the simulator', () => {
    const demo = buildReceipt({ store: STORE, sale: fixedSale().sale, seal: SEAL, environment: DEMO, copy: false });
    assert.deepEqual(texts(demo).filter((t) => t.text.startsWith('DEMO')).map((t) => t.section), ['title', 'footer']);
    assert.ok(demo.verificationUrl?.startsWith('http://127.0.0.1:8123/common/link/etims/receipt/indexEtimsReceiptData?Data='));
  });
});

test('signatures print in dashed groups of four', () => {
  assert.equal(groupsOfFour('QUII27MATATSHFRB'), 'QUII-27MA-TATS-HFRB');
  assert.equal(groupsOfFour('GRKJVWYCFBPTYQ225X2UEYONVE'), 'GRKJ-VWYC-FBPT-YQ22-5X2U-EYON-VE');
});
