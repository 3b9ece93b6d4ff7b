// A catalogue of 50,000 items imported from CSV (items.importCsv): the dry run that checks every row,
// then the import that writes the items and queues their saveItem jobs in one transaction. Sending
// the jobs to KRA is not timed. Run alone: `npx tsx tests/bench/run.ts items`.
import { pathToFileURL } from 'node:url';
import { importItemsCsv } from '../../src-main/catalog/item-import';
import { jobQueueDepth } from '../../src-main/ledger/kra-jobs';
import { openLedger } from '../../src-main/ledger/open';
import { projectPaths } from '../../src-main/paths';
import { DEMO_TAXPAYER } from '../../src-shared/etims/demo';
import { systemClock } from '../../src-shared/clock';
import { tempDir } from '../support/temp';
import type { BenchSuite } from './run';
import { figure, formatValue, type Figure } from './stats';

const ROWS = 50_000;
const manager = { id: 1, name: 'Otieno', role: 'manager' as const };

const GOODS = [
  ['Kabras sugar', '1000000000', 'B', 'BG', 'NO'],
  ['Jogoo maize flour', '9901100000', 'C', 'BG', 'NO'],
  ['Brookside milk', '1000000000', 'A', 'BQ', 'NO'],
  ['Fresha cooking oil', '1000000000', 'B', 'JY', 'NO'],
  ['Pembe rice', '1000000000', 'B', 'BG', 'KG'],
  ['Exe bar soap', '1000000000', 'B', 'BR', 'NO'],
  ['Paraffin', '1000000000', 'E', 'JY', 'NO'],
] as const;

/** A shop's catalogue as a spreadsheet exports it: quoted names with commas and quotes, prices in shillings. */
export function catalogueCsv(rows = ROWS): string {
  const lines = ['\uFEFFname,barcode,price,taxClass,itemClass,itemType,origin,packagingUnit,quantityUnit'];
  for (let i = 0; i < rows; i++) {
    const [good, itemClass, taxClass, packaging, quantityUnit] = GOODS[i % GOODS.length]!;
    const name = i % 10 === 0 ? `"${good}, ""value"" pack #${i}"` : `${good} #${i}`;
    const price = `${50 + (i % 2_000)}.${String(i % 100).padStart(2, '0')}`;
    lines.push([name, String(6_290_000_000_000 + i), price, taxClass, itemClass, '2', i % 3 === 0 ? 'UG' : 'KE', packaging, quantityUnit].join(','));
  }
  return lines.join('\r\n');
}

function timedImport(csv: string, dryRun: boolean) {
  const dir = tempDir();
  const db = openLedger(dir.path, projectPaths.migrations);
  try {
    const started = performance.now();
    const result = importItemsCsv({ db, clock: systemClock, tin: () => DEMO_TAXPAYER.tin }, manager, csv, dryRun);
    const seconds = (performance.now() - started) / 1000;
    if (result.errorCount > 0) throw new Error(`the bench catalogue has errors: ${JSON.stringify(result.errors.slice(0, 3))}`);
    return { seconds, result, queued: jobQueueDepth(db).waiting };
  } finally {
    db.$client.close();
    dir.cleanup();
  }
}

export const suite: BenchSuite = {
  name: `items: CSV import of ${ROWS.toLocaleString('en')} items`,
  async run() {
    const csv = catalogueCsv();
    const check = timedImport(csv, true);
    const full = timedImport(csv, false);
    if (full.result.imported !== ROWS || full.queued !== ROWS) throw new Error(`imported ${full.result.imported}, queued ${full.queued}`);
    return [
      figure('dry run (parse and check every row)', check.seconds, 's'),
      figure('import (one transaction, saveItem jobs queued)', full.seconds, 's'),
      figure('import rows', ROWS / full.seconds, '/s'),
    ];
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const f of (await suite.run()) as Figure[]) console.log(`${f.name.padEnd(48)} ${formatValue(f.value, f.unit)}`);
}
