// Receipt rendering speed: PDF (80 mm roll and A4) and ESC/POS bytes per receipt, over ~200
// receipts of 1 to 30 lines in every kind. Targets: PDF <= 30 ms p99, ESC/POS <= 2 ms p99.
import { pathToFileURL } from 'node:url';
import { encodeReceipt } from '../../src-main/print/escpos';
import { renderPdf } from '../../src-main/print/pdf';
import { buildReceipt, type ReceiptDocument, type ReceiptSale } from '../../src-shared/receipt';
import { CREDIT_SEAL, fixedCreditNote, fixedSale, SEAL, STORE } from '../support/receipt-fixtures';
import type { BenchSuite } from './run';
import { ms, summarise } from './stats';

const RECEIPTS = 200;

function receipts(count: number): ReceiptDocument[] {
  const sale = fixedSale().sale;
  const credit = fixedCreditNote().sale;
  return Array.from({ length: count }, (_, i) => {
    const base: ReceiptSale = i % 4 === 3 ? credit : sale;
    const lines = Array.from({ length: 1 + (i % 30) }, (_, n) => base.lines[n % base.lines.length]!);
    const seal = i % 4 === 2 ? null : i % 4 === 3 ? CREDIT_SEAL : SEAL;
    return buildReceipt({ store: STORE, sale: { ...base, lines }, seal, environment: { kind: 'production' }, copy: i % 4 === 1 });
  });
}

/** Untimed passes first, so the figures are the steady state rather than the JIT's tiering-up. */
async function timeEach(documents: ReceiptDocument[], render: (doc: ReceiptDocument) => unknown, warmUpPasses: number): Promise<{ p50: number; p99: number; max: number }> {
  for (let pass = 0; pass < warmUpPasses; pass++) for (const doc of documents) await render(doc);
  const times: number[] = [];
  for (const doc of documents) {
    const started = performance.now();
    await render(doc);
    times.push(performance.now() - started);
  }
  return summarise(times);
}

export async function measureReceipts(count = RECEIPTS): Promise<Record<string, string | number>> {
  const documents = receipts(count);
  // ESC/POS first, so its figures do not carry the collection of the PDFs' garbage.
  const escpos80 = await timeEach(documents, (doc) => encodeReceipt(doc, { paperWidth: 80 }), 3);
  const escpos58 = await timeEach(documents, (doc) => encodeReceipt(doc, { paperWidth: 58 }), 3);
  const roll = await timeEach(documents, (doc) => renderPdf(doc, 'roll80'), 1);
  const a4 = await timeEach(documents, (doc) => renderPdf(doc, 'a4'), 1);
  return {
    receipts: count,
    'PDF 80 mm roll p50 / p99 (target p99 <= 30 ms)': `${ms(roll.p50)} / ${ms(roll.p99)}`,
    'PDF A4 p50 / p99 (target p99 <= 30 ms)': `${ms(a4.p50)} / ${ms(a4.p99)}`,
    'ESC/POS 80 mm p50 / p99 (target p99 <= 2 ms)': `${ms(escpos80.p50)} / ${ms(escpos80.p99)}`,
    'ESC/POS 58 mm p50 / p99 (target p99 <= 2 ms)': `${ms(escpos58.p50)} / ${ms(escpos58.p99)}`,
  };
}

export const suite: BenchSuite = { name: 'receipts: PDF render and ESC/POS encode per receipt', run: () => measureReceipts() };

export async function main(): Promise<void> {
  for (const [name, value] of Object.entries(await measureReceipts())) console.log(`${name.padEnd(48)} ${value}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
