/**
 * An X or Z report as a printable document, in the order of spec 7: who and when, receipts by label,
 * tax by class, totals, tenders and the drawer, adjustments, KRA's side, sales by hour. Thermal
 * printers and PDF render it; neither decides content.
 */
import type { DayReport } from '../api/day';
import { toKraDateTime } from '../etims/time';
import { formatKes } from '../money';
import { classLabel, splitDateTime, type Block, type Section, type TaxTableBlock, type TextSize } from '../receipt';
import { REPORT_LABELS, type ClassFigures, type ReportLabel, type TaxablePair } from './figures';

/** A bar chart: one bar a row, its label, its length relative to the longest, and its figure. */
export interface BarsBlock {
  type: 'bars';
  section: Section;
  bars: { label: string; value: number; text: string }[];
}

export type ReportBlock = Block | BarsBlock;

export interface ReportDocument {
  kind: 'X' | 'Z';
  zNumber: number | null;
  title: string;
  copy: boolean;
  /** Printed across a PDF page: a copy must never pass for the original. */
  watermark: string | null;
  fileName: string;
  blocks: ReportBlock[];
}

const LABEL_NAMES: Record<ReportLabel, string> = {
  NS: 'Normal sales',
  NC: 'Normal credit notes',
  CS: 'Copies of sales',
  CC: 'Copies of credit notes',
  TS: 'Training sales',
  TC: 'Training credit notes',
  PS: 'Proforma',
};

const TENDER_NAMES = { cash: 'CASH', mpesa: 'M-PESA', card: 'CARD', credit: 'CREDIT' } as const;

const text = (section: Section, value: string, style: { align?: 'left' | 'center'; bold?: boolean; size?: TextSize } = {}): Block => ({
  type: 'text',
  section,
  text: value,
  align: style.align ?? 'center',
  bold: style.bold ?? false,
  size: style.size ?? 'normal',
});
const row = (section: Section, left: string, right: string, bold = false): Block => ({ type: 'row', section, left, right, bold, size: 'normal' });
const rule = (section: Section, style: 'single' | 'double' = 'single'): Block => ({ type: 'rule', section, style });
const heading = (section: Section, value: string): Block[] => [rule(section), text(section, value, { align: 'left', bold: true })];

export function reportTitle(report: Pick<DayReport, 'kind' | 'scope' | 'zNumber'>): string {
  if (report.kind === 'Z') return `Z REPORT No. ${report.zNumber}`;
  return report.scope === 'shift' ? 'X REPORT - SHIFT' : 'X REPORT - DAY SO FAR';
}

export function buildReportDocument(report: DayReport, copy: boolean): ReportDocument {
  const title = reportTitle(report);
  return {
    kind: report.kind,
    zNumber: report.zNumber,
    title,
    copy,
    watermark: copy ? 'COPY' : null,
    fileName: `${report.kind === 'Z' ? `z-report-${report.zNumber}-${report.period.businessDate}` : `x-report-${report.scope}-${toKraDateTime(new Date(report.takenAt))}`}${copy ? '-copy' : ''}`,
    blocks: [
      ...header(report, title, copy),
      ...labelBlocks(report),
      ...taxBlocks(report.figures.taxClasses),
      ...totalBlocks(report),
      ...tenderBlocks(report),
      ...drawerBlocks(report),
      ...adjustmentBlocks(report),
      ...kraBlocks(report),
      ...hourBlocks(report),
      rule('footer', 'double'),
      text('footer', `END OF ${title}${copy ? ' - COPY' : ''}`, { bold: true }),
      { type: 'cut', section: 'footer' },
    ],
  };
}

export function nairobiDisplay(iso: string): string {
  const { date, time } = splitDateTime(toKraDateTime(new Date(iso)));
  return `${date} ${time.slice(0, 5)}`;
}

function header(report: DayReport, title: string, copy: boolean): ReportBlock[] {
  const { store, period } = report;
  return [
    text('header', store.tradeName, { bold: true, size: 'tall' }),
    text('header', `PIN: ${store.pin} BRANCH: ${store.branchId}`),
    text('header', `SCU ID: ${store.scuId}`),
    text('header', `MRC: ${store.mrcNo} TILL: ${store.tillId}`),
    rule('title', 'double'),
    text('title', title, { bold: true, size: 'large' }),
    ...(copy ? [text('title', 'COPY', { bold: true, size: 'huge' })] : []),
    ...(period.businessDate ? [row('title', 'Business day', period.businessDate)] : []),
    ...(period.shiftId !== null ? [row('title', 'Shift', String(period.shiftId))] : []),
    row('title', 'From', nairobiDisplay(period.from)),
    row('title', 'To', nairobiDisplay(period.to)),
    row('title', 'Taken', `${nairobiDisplay(report.takenAt)} ${report.takenBy}`),
  ];
}

function labelBlocks(report: DayReport): ReportBlock[] {
  const { labels, receipts } = report.figures;
  const credit = (label: ReportLabel, amount: number) => (label.endsWith('C') ? -amount : amount);
  const range = (first: number | null, last: number | null, format: (n: number) => string) => (first === null || last === null ? '-' : `${format(first)} - ${format(last)}`);
  return [
    ...heading('items', 'RECEIPTS BY LABEL'),
    ...REPORT_LABELS.map((label) => row('items', `${label} ${LABEL_NAMES[label]} (${labels[label].count})`, formatKes(credit(label, labels[label].amount)))),
    row('items', 'Receipt numbers', range(receipts.firstReceiptNo, receipts.lastReceiptNo, (n) => `${report.store.tillId}-${String(n).padStart(6, '0')}`)),
    row('items', 'KRA invoice numbers (invcNo)', range(receipts.firstInvcNo, receipts.lastInvcNo, String)),
  ];
}

function taxTable(classes: readonly ClassFigures[], pick: (c: ClassFigures) => TaxablePair): TaxTableBlock {
  const rows = classes.map((c) => {
    const { taxable, tax } = pick(c);
    return { taxClass: c.taxClass, label: classLabel(c.taxClass, c.rate ?? 0), taxable: formatKes(taxable), tax: formatKes(tax), total: formatKes(taxable + tax) };
  });
  const sum = (f: (p: TaxablePair) => number) => classes.reduce((acc, c) => acc + f(pick(c)), 0);
  return {
    type: 'taxTable',
    section: 'taxes',
    rows,
    total: { taxable: formatKes(sum((p) => p.taxable)), tax: formatKes(sum((p) => p.tax)), total: formatKes(sum((p) => p.taxable + p.tax)) },
  };
}

function taxBlocks(classes: readonly ClassFigures[]): ReportBlock[] {
  return [
    ...heading('taxes', 'TAX BY CLASS: SALES'),
    taxTable(classes, (c) => c.sales),
    ...heading('taxes', 'TAX BY CLASS: CREDIT NOTES'),
    taxTable(classes, (c) => c.creditNotes),
    ...heading('taxes', 'TAX BY CLASS: NET'),
    taxTable(classes, (c) => c.net),
  ];
}

function totalBlocks(report: DayReport): ReportBlock[] {
  const { totals } = report.figures;
  return [
    ...heading('totals', 'TOTALS (SALES LESS CREDIT NOTES)'),
    row('totals', 'GROSS', formatKes(totals.gross), true),
    row('totals', 'VAT', formatKes(totals.vat)),
    row('totals', 'NET', formatKes(totals.net)),
  ];
}

function tenderBlocks(report: DayReport): ReportBlock[] {
  return [
    ...heading('totals', 'TENDERS (SALES / REFUNDS / NET)'),
    ...report.figures.tenders.flatMap((t) => [
      row('totals', TENDER_NAMES[t.kind], formatKes(t.net), true),
      row('totals', '  sales / refunds', `${formatKes(t.sales)} / ${formatKes(-t.refunds)}`),
    ]),
  ];
}

function drawerBlocks(report: DayReport): ReportBlock[] {
  const { drawer } = report.figures;
  const overShort = drawer.overShort === null ? 'not counted' : `${drawer.overShort > 0 ? 'OVER ' : drawer.overShort < 0 ? 'SHORT ' : ''}${formatKes(drawer.overShort)}`;
  return [
    ...heading('totals', 'CASH DRAWER'),
    row('totals', 'Float', formatKes(drawer.float)),
    row('totals', '+ Cash sales', formatKes(drawer.cashSales)),
    row('totals', '- Cash refunds', formatKes(-drawer.cashRefunds)),
    row('totals', '+ Pay-ins', formatKes(drawer.payIns)),
    row('totals', '- Pay-outs', formatKes(-drawer.payOuts)),
    row('totals', '= Expected', formatKes(drawer.expected), true),
    row('totals', 'Counted', drawer.counted === null ? 'not counted' : formatKes(drawer.counted)),
    row('totals', 'Over / short', overShort, true),
  ];
}

function adjustmentBlocks(report: DayReport): ReportBlock[] {
  const f = report.figures;
  return [
    ...heading('totals', 'DISCOUNTS AND CONTROLS'),
    row('totals', `Discounts (${f.discounts.count} lines)`, formatKes(-f.discounts.amount)),
    row('totals', `Price overrides (${f.priceOverrides.count} lines)`, formatKes(-f.priceOverrides.amount)),
    row('totals', 'Voided carts', String(f.voidedCarts)),
    row('totals', 'Receipt reprints', String(f.reprints)),
    row('totals', 'No-sale drawer opens', String(f.noSaleOpens)),
  ];
}

function kraBlocks(report: DayReport): ReportBlock[] {
  const { kra } = report.figures;
  return [
    ...heading('scu', "KRA'S SIDE"),
    row('scu', `Signed by KRA (${kra.signed.count})`, formatKes(kra.signed.amount)),
    row('scu', `Provisional, waiting for KRA (${kra.provisional.count})`, formatKes(kra.provisional.amount)),
    row('scu', `Parked, refused by KRA (${kra.parked.count})`, formatKes(kra.parked.amount)),
  ];
}

function hourBlocks(report: DayReport): ReportBlock[] {
  const hours = report.figures.byHour;
  return [
    ...heading('footer', 'SALES BY HOUR'),
    hours.length === 0
      ? text('footer', 'No sales', { align: 'left' })
      : { type: 'bars', section: 'footer', bars: hours.map((h) => ({ label: `${String(h.hour).padStart(2, '0')}:00`, value: Math.max(0, h.amount), text: formatKes(h.amount) })) },
  ];
}
