/**
 * The day's sales for the accountant: one row a line, amounts as KRA received them (shillings with
 * two decimals, quantities with up to two), credit notes negative. Pure: rows in, text out.
 */
import { centsToWire, hundredthsToWire } from '../../src-shared/money';
import { toKraDateTime } from '../../src-shared/etims/time';

const COLUMNS = [
  'date_time', 'receipt_no', 'trd_invc_no', 'invc_no', 'document', 'kra_state', 'customer_pin', 'line', 'item_code',
  'item_name', 'quantity', 'unit_price', 'discount', 'total', 'tax_class', 'tax_rate', 'taxable', 'tax',
] as const;

type LineDetail = Record<string, unknown>;

export function salesCsv(rows: readonly LineDetail[]): string {
  return [COLUMNS.join(','), ...rows.map(csvRow)].join('\r\n') + '\r\n';
}

function csvRow(row: LineDetail): string {
  const sign = row.kind === 'R' ? -1 : 1;
  const money = (field: string) => centsToWire(sign * Number(row[field])).toFixed(2);
  const cells = [
    toKraDateTime(new Date(String(row.committed_at))),
    row.receipt_no,
    row.trd_invc_no,
    row.invc_no ?? '',
    row.kind === 'R' ? 'credit note' : 'sale',
    row.state,
    row.customer_tin ?? '',
    row.seq,
    row.item_code,
    row.name,
    hundredthsToWire(sign * Number(row.quantity)),
    centsToWire(Number(row.unit_price)).toFixed(2),
    money('discount'),
    money('total'),
    row.tax_class,
    (Number(row.rate) / 100).toFixed(2),
    money('taxable'),
    money('tax'),
  ];
  return cells.map((cell) => quote(String(cell))).join(',');
}

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled; a leading = + - @ is defused for spreadsheets. */
function quote(value: string): string {
  const safe = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
