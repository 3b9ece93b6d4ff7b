import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderToStaticMarkup } from 'react-dom/server';
import { ReceiptView } from '../../../src-renderer/receipt/ReceiptView';
import { buildReceipt } from '../../../src-shared/receipt';
import { fixedSale, SEAL, STORE } from '../../support/receipt-fixtures';

const production = { kind: 'production' } as const;
const URL = 'https://etims.kra.go.ke/common/link/etims/receipt/indexEtimsReceiptData?Data=P051234567M00QUII27MATATSHFRB';

describe('the on-screen receipt preview', () => {
  test('shows a signed receipt with its QR code for the verification URL, at the paper width', () => {
    const html = renderToStaticMarkup(
      <ReceiptView document={buildReceipt({ store: STORE, sale: fixedSale().sale, seal: SEAL, environment: production, copy: false })} paperWidth={58} label="Receipt preview" />,
    );
    assert.match(html, /aria-label="Receipt preview"/);
    assert.match(html, /width:32ch/);
    assert.match(html, />TAX INVOICE</);
    assert.ok(html.includes(`data-url="${URL}"`));
    assert.match(html, />QUII-27MA-TATS-HFRB</);
    assert.match(html, />1,241.99</);
  });

  test('shows a provisional receipt without a QR code, under its watermark', () => {
    const html = renderToStaticMarkup(
      <ReceiptView document={buildReceipt({ store: STORE, sale: fixedSale().sale, seal: null, environment: production, copy: false })} label="Receipt preview" />,
    );
    assert.match(html, /data-status="provisional"/);
    assert.match(html, />PROVISIONAL — NOT YET A TAX INVOICE</);
    assert.equal(html.includes('<svg'), false);
    assert.match(html, /aria-hidden="true"[^>]*>PROVISIONAL</);
  });
});
