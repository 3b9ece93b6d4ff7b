/**
 * A catalogue from CSV (items.importCsv). Every row is checked as items.create or items.update would
 * check it; then all rows are written in one transaction, or none when any row is wrong, and each
 * problem names its row, its column and the fix. A row with a code changes that item; without, it is
 * a new item with a new KRA code.
 */
import { itemFieldsInput, type ItemFields, type ItemImportProblem, type ItemImportResult, type UserSummary } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import { sessionOf, type Handlers } from '../api/handlers';
import { barcodeHolders, clearBarcodes, highestItemSequence, insertItems, itemsByCodes, updateItemRow, type ItemRow } from '../ledger/item-master';
import type { LedgerDb } from '../ledger/open';
import { CsvError, parseCsv, type CsvRecord } from './csv';
import { differs, fieldsOf, newItemCode, newItemRow, queueSaveItem, rowFields, tinOrFail } from './items';
import { itemRules, kraListProblems, type ItemRules } from './item-rules';

export interface ImportDeps {
  db: LedgerDb;
  clock: Clock;
  tin: () => string | null;
  onQueued: () => void;
}

const COLUMNS = ['code', 'name', 'barcode', 'price', 'taxClass', 'itemClass', 'itemType', 'origin', 'packagingUnit', 'quantityUnit', 'active'] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: readonly Column[] = ['name', 'price', 'taxClass', 'itemClass', 'itemType', 'origin', 'packagingUnit', 'quantityUnit'];
type CodeColumn = 'itemType' | 'origin' | 'packagingUnit' | 'quantityUnit';
const MAX_LISTED = 1000;

/** "150", "150.5", "1,250.00", "KES 80". */
const SHILLINGS = /^(?:KES|KSH|KSHS)?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/i;
const YES = new Set(['y', 'yes', 'true', '1']);
const NO = new Set(['n', 'no', 'false', '0']);

interface PlannedRow {
  row: number;
  fields: ItemFields;
  existing: ItemRow | null;
}

class ProblemReport {
  readonly all: ItemImportProblem[] = [];

  add(row: number, field: string, message: string): void {
    this.all.push({ row, field, message });
  }

  get count(): number {
    return this.all.length;
  }

  listed(): ItemImportProblem[] {
    return [...this.all].sort((a, b) => a.row - b.row).slice(0, MAX_LISTED);
  }
}

export function itemImportHandlers(deps: ImportDeps): Handlers<'items.importCsv'> {
  return {
    'items.importCsv': ({ csv, dryRun }, ctx) => {
      const result = importItemsCsv(deps, sessionOf(ctx).user, csv, dryRun);
      if (result.imported > 0) deps.onQueued();
      return result;
    },
  };
}

export function importItemsCsv(deps: Omit<ImportDeps, 'onQueued'>, user: UserSummary, csv: string, dryRun: boolean): ItemImportResult {
  const report = new ProblemReport();
  const rules = itemRules(deps.db, 'many');
  const planned = planImport(deps.db, rules, csv, report);
  const created = planned.filter((p) => !p.existing).length;
  const result: ItemImportResult = { imported: 0, created, updated: planned.length - created, dryRun, errors: report.listed(), errorCount: report.count };
  if (report.count > 0 || dryRun) return result;
  const tin = created > 0 ? tinOrFail(deps) : '';
  writeImport(deps, rules, user, tin, planned);
  return { ...result, imported: planned.length };
}

function planImport(db: LedgerDb, rules: ItemRules, csv: string, report: ProblemReport): PlannedRow[] {
  let records: CsvRecord[];
  try {
    records = parseCsv(csv);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    report.add(error.row, 'csv', error.message);
    return [];
  }
  const [header, ...rows] = records;
  const columns = header ? readHeader(header, report) : null;
  if (!header) report.add(1, 'csv', `the file is empty: the first row names the columns (${REQUIRED.join(', ')})`);
  if (!header || !columns) return [];
  if (rows.length === 0) report.add(header.row + 1, 'csv', 'there are no items under the header row: one row per item');
  const codes = rows.map((r) => cellOf(r, columns, 'code').toUpperCase()).filter((c) => c !== '');
  const context: RowContext = { columns, rules, existing: itemsByCodes(db, codes), seenCodes: new Map(), report };
  const planned = rows.map((record) => planRow(record, context)).filter((p): p is PlannedRow => p !== null);
  checkBarcodes(db, planned, report);
  return planned;
}

/** The column of each name in the header; null (with the problems reported) when it is not usable. */
function readHeader(header: CsvRecord, report: ProblemReport): Map<Column, number> | null {
  const columns = new Map<Column, number>();
  const problems = report.count;
  header.fields.forEach((name, index) => {
    const key = name.trim().toLowerCase().replace(/[\s_-]/g, '');
    const column = COLUMNS.find((c) => c.toLowerCase() === key);
    if (!column) report.add(header.row, name, `column "${name}" is not one Mauzo reads: name the columns ${COLUMNS.join(', ')}`);
    else if (columns.has(column)) report.add(header.row, column, `column ${column} appears twice: keep one`);
    else columns.set(column, index);
  });
  for (const column of REQUIRED) {
    if (!columns.has(column)) report.add(header.row, column, `the header has no ${column} column: add it (the columns are ${COLUMNS.join(', ')})`);
  }
  return report.count > problems ? null : columns;
}

interface RowContext {
  columns: Map<Column, number>;
  rules: ItemRules;
  existing: Map<string, ItemRow>;
  seenCodes: Map<string, number>;
  report: ProblemReport;
}

function cellOf(record: CsvRecord, columns: Map<Column, number>, column: Column): string {
  const index = columns.get(column);
  return index === undefined ? '' : (record.fields[index] ?? '').trim();
}

function planRow(record: CsvRecord, context: RowContext): PlannedRow | null {
  const { columns, report } = context;
  const { row } = record;
  if (record.fields.length !== columns.size) {
    report.add(row, 'csv', `this row has ${record.fields.length} fields but the header has ${columns.size}: put any field with a comma in double quotes`);
    return null;
  }
  const problems = report.count;
  const cell = (column: Column) => cellOf(record, columns, column);
  const code = cell('code').toUpperCase();
  if (code !== '' && !context.existing.has(code)) {
    report.add(row, 'code', `no item has code ${code}: leave code empty to create a new item`);
    return null;
  }
  const existing = existingItem(row, code, context);
  const price = shillingsToCents(cell('price'));
  if (price === null) {
    report.add(row, 'price', cell('price') === '' ? 'the price is needed, in shillings, e.g. 150.00' : `"${cell('price')}" is not a price: write shillings, e.g. 150.00 or 1,250.50`);
  }
  const active = yesNo(cell('active'));
  if (active === null) report.add(row, 'active', `"${cell('active')}" is not Y or N: write Y for an item on sale, N for one withdrawn`);
  const codeField = (column: CodeColumn) => {
    const given = cell(column).toUpperCase();
    if (!existing) return given || undefined;
    const current = fieldsOf(existing)[column];
    if (given !== '' && given !== current) {
      report.add(row, column, `item ${existing.code} is ${column} ${current} and its KRA code contains it: leave code empty to create a new item with ${column} ${given}`);
    }
    return current;
  };
  const parsed = itemFieldsInput.safeParse({
    name: cell('name') || undefined,
    barcode: cell('barcode') || null,
    unitPrice: price ?? 1,
    taxClass: cell('taxClass') || undefined,
    itemClass: cell('itemClass') || undefined,
    itemType: codeField('itemType'),
    origin: codeField('origin'),
    packagingUnit: codeField('packagingUnit'),
    quantityUnit: codeField('quantityUnit'),
    active: active ?? true,
  });
  if (!parsed.success) {
    const reported = new Set<string>();
    for (const issue of parsed.error.issues) {
      const column = issue.path[0] === 'unitPrice' ? 'price' : String(issue.path[0] ?? 'csv');
      if (!reported.has(column)) report.add(row, column, issue.message);
      reported.add(column);
    }
    return null;
  }
  const changed = existing ? changedFields(existing, parsed.data) : null;
  for (const problem of kraListProblems(context.rules, parsed.data)) {
    if (!changed || changed.has(problem.field)) report.add(row, problem.field, problem.message);
  }
  return report.count > problems ? null : { row, fields: parsed.data, existing };
}

function existingItem(row: number, code: string, context: RowContext): ItemRow | null {
  const item = context.existing.get(code);
  if (!item) return null;
  const earlier = context.seenCodes.get(code);
  if (earlier !== undefined) context.report.add(row, 'code', `item ${code} is also on row ${earlier}: give each item one row`);
  context.seenCodes.set(code, row);
  return item;
}

function changedFields(item: ItemRow, next: ItemFields): Set<string> {
  const now = fieldsOf(item);
  return new Set((Object.keys(next) as (keyof ItemFields)[]).filter((field) => next[field] !== now[field]));
}

/** Each barcode on one item: none twice in the file, none already on another item (unless the file moves it). */
function checkBarcodes(db: LedgerDb, planned: readonly PlannedRow[], report: ProblemReport): void {
  const holders = barcodeHolders(db);
  const movedAway = new Set(planned.filter((p) => p.existing && p.existing.barcode !== p.fields.barcode).map((p) => p.existing!.code));
  const inFile = new Map<string, number>();
  for (const { row, fields, existing } of planned) {
    const barcode = fields.barcode;
    if (!barcode) continue;
    const earlier = inFile.get(barcode);
    if (earlier !== undefined) report.add(row, 'barcode', `barcode ${barcode} is also on row ${earlier}: each barcode belongs to one item`);
    inFile.set(barcode, row);
    const holder = holders.get(barcode);
    if (holder && holder.code !== existing?.code && !movedAway.has(holder.code)) {
      report.add(row, 'barcode', `barcode ${barcode} is already on ${holder.name} (${holder.code}): each barcode belongs to one item`);
    }
  }
}

function writeImport(deps: Pick<ImportDeps, 'db' | 'clock'>, rules: ItemRules, user: UserSummary, tin: string, planned: readonly PlannedRow[]): void {
  const at = deps.clock.now();
  deps.db.transaction((tx) => {
    const updates = planned.filter((p) => p.existing !== null);
    clearBarcodes(
      tx,
      updates.filter((p) => p.existing!.barcode !== null && p.existing!.barcode !== p.fields.barcode).map((p) => p.existing!.code),
    );
    const highest = highestItemSequence(tx);
    const created = planned.filter((p) => !p.existing).map((p) => newItemRow(newItemCode(tx, tin, p.fields, rules.tables, highest), p.fields, at));
    insertItems(tx, created);
    for (const row of created) queueSaveItem(tx, row, user, at, true);
    for (const { existing, fields } of updates) {
      const item = existing!;
      if (!differs(item, fields) && item.registered && item.kraError === null) continue;
      const row = { ...rowFields(fields), code: item.code };
      updateItemRow(tx, item.code, { ...row, kraError: null, updatedAt: at.toISOString() });
      queueSaveItem(tx, row, user, at);
    }
  });
}

export function shillingsToCents(text: string): number | null {
  const match = SHILLINGS.exec(text.trim());
  if (!match) return null;
  const cents = Number(match[1]!.replace(/,/g, '')) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

function yesNo(text: string): boolean | null {
  const word = text.trim().toLowerCase();
  if (word === '' || YES.has(word)) return true;
  return NO.has(word) ? false : null;
}
