import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { projectPaths } from '../../../src-main/paths';
import { renderPdf, type PdfPaper } from '../../../src-main/print/pdf';
import { buildReceipt, type ReceiptDocument } from '../../../src-shared/receipt';
import { CREDIT_SEAL, fixedCreditNote, fixedSale, SEAL, STORE } from '../../support/receipt-fixtures';

const run = promisify(execFile);
const OUT = join(projectPaths.root, 'test-output', 'receipts');
const SALE_URL = 'https://etims.kra.go.ke/common/link/etims/receipt/indexEtimsReceiptData?Data=P051234567M00QUII27MATATSHFRB';
const CREDIT_URL = 'https://etims.kra.go.ke/common/link/etims/receipt/indexEtimsReceiptData?Data=P051234567M00ZX3QPLMN8RTWVB2K';

interface Rendered {
  text: string;
  pages: number;
  png: PNG;
  pngPath: string;
}

/** Writes the PDF to test-output/receipts/, renders page 1 at 150 dpi and extracts the text. */
async function render(name: string, document: ReceiptDocument, paper: PdfPaper): Promise<Rendered> {
  mkdirSync(OUT, { recursive: true });
  const base = join(OUT, `${name}-${paper}`);
  writeFileSync(`${base}.pdf`, await renderPdf(document, paper));
  await run('pdftoppm', ['-r', '150', '-png', '-singlefile', `${base}.pdf`, base]);
  const { stdout: text } = await run('pdftotext', ['-layout', `${base}.pdf`, '-']);
  const { stdout: info } = await run('pdfinfo', [`${base}.pdf`]);
  return { text, pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]), png: PNG.sync.read(readFileSync(`${base}.png`)), pngPath: `${base}.png` };
}

function qrIn(png: PNG): string | null {
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ?? null;
}

const production = { kind: 'production' } as const;

for (const paper of ['roll80', 'a4'] as PdfPaper[]) {
  describe(`the signed tax invoice as a ${paper} PDF`, () => {
    let page: Rendered;
    before(async () => {
      page = await render('signed', buildReceipt({ store: STORE, sale: fixedSale().sale, seal: SEAL, environment: production, copy: false }), paper);
    });

    test('fits on one page', () => assert.equal(page.pages, 1));

    test('carries the title, the totals, the tax table and the SCU block as text', () => {
      for (const expected of [
        /TAX INVOICE/,
        /PIN: P051234567M/,
        /TOTAL KES\s+1,241\.99/,
        /B-16\.00%\s+517\.23\s+82\.76\s+599\.99/,
        /A-EXEMPT\s+195\.00\s+0\.00\s+195\.00/,
        /CU INVOICE NO\.\s+KRACU0100000001\/169/,
        /RECEIPT NUMBER\s+169\/172 NS/,
        /GRKJ-VWYC-FBPT-YQ22-5X2U-EYON-VE/,
        /QUII-27MA-TATS-HFRB/,
        /Rice \(per kg\) - Pishori grade 1 long grain/,
      ]) {
        assert.match(page.text, expected);
      }
    });

    test('has a QR code that decodes to the verification URL', () => assert.equal(qrIn(page.png), SALE_URL));
  });
}

describe('the credit note as PDF', () => {
  for (const paper of ['roll80', 'a4'] as PdfPaper[]) {
    test(`${paper}: shows the credit, the original invoice and its own QR code`, async () => {
      const page = await render('credit-note', buildReceipt({ store: STORE, sale: fixedCreditNote().sale, seal: CREDIT_SEAL, environment: production, copy: false }), paper);
      assert.match(page.text, /CREDIT NOTE/);
      assert.match(page.text, /ORIGINAL CU INVOICE NO\.#: KRACU0100000001\/169\s+NS/);
      assert.match(page.text, /CREDIT NOTE IS APPROVED ONLY FOR ORIGINAL\s+SALES RECEIPT/);
      assert.match(page.text, /TOTAL\s+-495\.00/);
      assert.match(page.text, /12\/175 NC/);
      assert.equal(qrIn(page.png), CREDIT_URL);
    });
  }
});

describe('the provisional receipt as PDF', () => {
  for (const paper of ['roll80', 'a4'] as PdfPaper[]) {
    test(`${paper}: says PROVISIONAL and has no QR code and no SCU block`, async () => {
      const page = await render('provisional', buildReceipt({ store: STORE, sale: fixedSale().sale, seal: null, environment: production, copy: false }), paper);
      assert.match(page.text, /PROVISIONAL — NOT YET A TAX INVOICE/);
      assert.doesNotMatch(page.text, /SCU|CU INVOICE|Signature/);
      assert.equal(qrIn(page.png), null);
    });
  }
});

test('a copy as PDF says COPY and keeps the original QR code', async () => {
  const page = await render('copy', buildReceipt({ store: STORE, sale: fixedSale().sale, seal: SEAL, environment: production, copy: true }), 'a4');
  assert.match(page.text, /COPY/);
  assert.match(page.text, /169\/172 CS/);
  assert.equal(qrIn(page.png), SALE_URL);
});
