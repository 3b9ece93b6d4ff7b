/**
 * Fixed-width text layout for thermal paper: 48 characters a line on 80 mm, 32 on 58 mm (font A).
 * Pure: the ESC/POS encoder turns these lines into bytes.
 */
import type { ItemBlock, TaxTableBlock, TextSize } from '../../src-shared/receipt';

export type PaperWidth = 58 | 80;

export const COLUMNS: Record<PaperWidth, number> = { 58: 32, 80: 48 };

/** Characters per line at a text size: double and triple width take two and three columns each. */
export function columnsAt(columns: number, size: TextSize): number {
  if (size === 'large') return Math.floor(columns / 2);
  if (size === 'huge') return Math.floor(columns / 3);
  return columns;
}

/** Breaks at spaces; a word longer than the line is cut. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    let rest = word;
    while (rest.length > width) {
      if (line) lines.push(line);
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
      line = '';
    }
    if (!rest) continue;
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= width) line = `${line} ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** Label left, value right; when both do not fit, the label wraps and the value takes its own line. */
export function rowLines(left: string, right: string, width: number): string[] {
  if (left.length + 1 + right.length <= width) return [left + ' '.repeat(width - left.length - right.length) + right];
  const room = width - right.length - 1;
  if (room >= Math.ceil(width / 2)) {
    const labelLines = wrap(left, room);
    const first = labelLines[0]!;
    return [first + ' '.repeat(width - first.length - right.length) + right, ...labelLines.slice(1)];
  }
  return [...wrap(left, width), ...wrap(right, width).map((r) => r.padStart(width))];
}

export function itemLines(item: ItemBlock, width: number): string[] {
  return [
    ...wrap(item.name, width),
    ...rowLines(`  ${item.quantity} x ${item.unitPrice}`, item.amount, width),
    ...(item.discount ? rowLines('  Discount', item.discount, width) : []),
  ];
}

/** Rate, taxable, VAT, and on 80 mm the total as well. */
export function taxTableLines(table: TaxTableBlock, width: number): string[] {
  const wide = width >= 44;
  const numberWidth = wide ? 12 : 11;
  const labelWidth = width - numberWidth * (wide ? 3 : 2);
  const line = (label: string, values: string[]) =>
    label.padEnd(labelWidth).slice(0, labelWidth) + values.map((v) => v.padStart(numberWidth)).join('');
  const pick = (taxable: string, tax: string, total: string) => (wide ? [taxable, tax, total] : [taxable, tax]);
  return [
    line('RATE', pick('TAXABLE', 'VAT', 'TOTAL')),
    ...table.rows.map((r) => line(r.label, pick(r.taxable, r.tax, r.total))),
    line('TOTAL', pick(table.total.taxable, table.total.tax, table.total.total)),
  ];
}

export function ruleLine(style: 'single' | 'double', width: number): string {
  return (style === 'double' ? '=' : '-').repeat(width);
}

/** A text bar chart: `09:00 ######        1,250.00`, the longest bar filling the room between label and figure. */
export function barLines(bars: readonly { label: string; value: number; text: string }[], width: number): string[] {
  const labelWidth = Math.max(...bars.map((b) => b.label.length));
  const textWidth = Math.max(...bars.map((b) => b.text.length));
  const room = Math.max(1, width - labelWidth - textWidth - 2);
  const longest = Math.max(1, ...bars.map((b) => b.value));
  return bars.map((b) => `${b.label.padEnd(labelWidth)} ${'#'.repeat(Math.round((b.value / longest) * room)).padEnd(room)} ${b.text.padStart(textWidth)}`);
}
