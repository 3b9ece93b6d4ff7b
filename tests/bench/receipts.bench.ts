// Receipt rendering speed: PDF (80 mm roll and A4) and ESC/POS bytes per receipt, over ~200
// receipts of 1 to 30 lines in every kind, each beside the same encoder's empty document.
// Targets: PDF <= 30 ms p99, ESC/POS <= 2 ms p99.
import { pathToFileURL } from 'node:url';
import { encodeReceipt } from '../../src-main/print/escpos';
import { renderPdf } from '../../src-main/print/pdf';
import { buildReceipt, type ReceiptDocument, type ReceiptSale } from '../../src-shared/receipt';
import { CREDIT_SEAL, fixedCreditNote, fixedSale, SEAL, STORE } from '../support/receipt-fixtures';
import type { BenchSuite } from './run';
import { formatRatio, formatValue, interleave, timingFigures, type Figure } from './stats';

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

/** The same encoder with nothing to draw: the least any receipt costs it. */
const empty = (doc: ReceiptDocument): ReceiptDocument => ({ ...doc, blocks: [], watermark: null });

/**
 * Untimed passes first, so the figures are the steady state rather than the JIT's tiering-up; then
 * each receipt rendered beside its empty document, by turns.
 */
async function timeEach(name: string, documents: ReceiptDocument[], render: (doc: ReceiptDocument) => unknown, passes: { warmUp: number; timed: number }, target: string): Promise<Figure[]> {
  for (let pass = 0; pass < passes.warmUp; pass++) for (const doc of documents) await render(doc);
  const floor: number[] = [];
  const work: number[] = [];
  for (let pass = 0; pass < passes.timed; pass++) {
    for (const doc of documents) {
      const times = await interleave(1, () => render(empty(doc)), () => render(doc));
      floor.push(...times.floor);
      work.push(...times.work);
    }
  }
  return timingFigures(name, work, { name: 'empty document', samples: floor }, { p99: target });
}

export async function measureReceipts(count = RECEIPTS): Promise<Figure[]> {
  const documents = receipts(count);
  // ESC/POS first, so its figures do not carry the collection of the PDFs' garbage.
  return [
    ...(await timeEach('ESC/POS 80 mm', documents, (doc) => encodeReceipt(doc, { paperWidth: 80 }), { warmUp: 3, timed: 5 }, '<= 2 ms')),
    ...(await timeEach('ESC/POS 58 mm', documents, (doc) => encodeReceipt(doc, { paperWidth: 58 }), { warmUp: 3, timed: 5 }, '<= 2 ms')),
    ...(await timeEach('PDF 80 mm roll', documents, (doc) => renderPdf(doc, 'roll80'), { warmUp: 1, timed: 1 }, '<= 30 ms')),
    ...(await timeEach('PDF A4', documents, (doc) => renderPdf(doc, 'a4'), { warmUp: 1, timed: 1 }, '<= 30 ms')),
  ];
}

export const suite: BenchSuite = { name: 'receipts: PDF render and ESC/POS encode per receipt', run: () => measureReceipts() };

export async function main(): Promise<void> {
  for (const f of await measureReceipts()) console.log(`${f.name.padEnd(24)} ${formatValue(f.value, f.unit)}  floor ${f.floor ? formatValue(f.floor.value, f.unit) : '-'}  ${formatRatio(f.ratio)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
