/**
 * The maths of the X and Z reports (spec 7): pure functions from the period's ledger rows to the
 * report's figures, in integer cents. The engine reads the rows; nothing here touches I/O.
 */
import { TAX_CLASSES, type TaxClass } from '../tax';

/** Receipt labels of spec 3.4: Normal, Copy, Training x Sale, Credit note; Proforma. */
export const REPORT_LABELS = ['NS', 'NC', 'CS', 'CC', 'TS', 'TC', 'PS'] as const;
export type ReportLabel = (typeof REPORT_LABELS)[number];

export const TENDER_KINDS = ['cash', 'mpesa', 'card', 'credit'] as const;
export type TenderKind = (typeof TENDER_KINDS)[number];

/** Notes and coins a cashier counts, in shillings (KES 40 is a coin since 2018). */
export const DENOMINATIONS = [1000, 500, 200, 100, 50, 40, 20, 10, 5, 1] as const;
export type Denomination = (typeof DENOMINATIONS)[number];
export type CountedPieces = Partial<Record<`${Denomination}`, number>>;

export type KraState = 'pending' | 'unknown' | 'signed' | 'parked';

/** A sale or credit note of the period, amounts positive as the ledger holds them. */
export interface PeriodSale {
  id: number;
  receiptNo: number;
  kind: 'S' | 'R';
  committedAt: string;
  total: number;
  changeGiven: number;
  invcNo: number | null;
  kraState: KraState;
}

export interface PeriodLine {
  saleId: number;
  taxClass: TaxClass;
  /** Hundredths of a percent. */
  rate: number;
  taxable: number;
  tax: number;
  discount: number;
}

export interface PeriodTender {
  saleId: number;
  kind: TenderKind;
  amount: number;
}

/** What happened at the till besides sales, from the shifts and the audit log. */
export interface PeriodActivity {
  /** The float counted into each shift of the period. */
  float: number;
  payIns: number;
  payOuts: number;
  /** The blind counts of the period's shifts; null while a shift is still open. */
  counted: number | null;
  /** Copies printed: the document's kind and amount. */
  copies: readonly { kind: 'S' | 'R'; total: number }[];
  voidedCarts: number;
  noSaleOpens: number;
  /** Lines sold at another price than the catalogue's, and what that took off (negative when raised). */
  priceOverrides: { count: number; amount: number };
}

export interface CountAmount {
  count: number;
  amount: number;
}

export interface TaxablePair {
  taxable: number;
  tax: number;
}

export interface ClassFigures {
  taxClass: TaxClass;
  /** The rate its lines carried (hundredths of a percent); null when the class was not used. */
  rate: number | null;
  sales: TaxablePair;
  creditNotes: TaxablePair;
  net: TaxablePair;
}

export interface TenderFigures {
  kind: TenderKind;
  /** Taken on sales, change given back already deducted from cash. */
  sales: number;
  /** Paid back on credit notes. */
  refunds: number;
  net: number;
}

export interface DrawerFigures {
  float: number;
  cashSales: number;
  cashRefunds: number;
  payIns: number;
  payOuts: number;
  /** float + cash sales - cash refunds + pay-ins - pay-outs. */
  expected: number;
  counted: number | null;
  /** counted - expected: positive over, negative short; null until counted. */
  overShort: number | null;
}

export interface HourFigures {
  /** 0-23, Nairobi time. */
  hour: number;
  count: number;
  /** Sales less credit notes. */
  amount: number;
}

export interface ReportFigures {
  labels: Record<ReportLabel, CountAmount>;
  receipts: { firstReceiptNo: number | null; lastReceiptNo: number | null; firstInvcNo: number | null; lastInvcNo: number | null };
  taxClasses: ClassFigures[];
  /** Gross (VAT-inclusive), VAT and net (taxable) of sales less credit notes. */
  totals: { gross: number; vat: number; net: number };
  tenders: TenderFigures[];
  drawer: DrawerFigures;
  discounts: CountAmount;
  priceOverrides: CountAmount;
  voidedCarts: number;
  reprints: number;
  noSaleOpens: number;
  /** Where KRA stands on the period's documents; amounts are sales less credit notes. */
  kra: { signed: CountAmount; provisional: CountAmount; parked: CountAmount };
  byHour: HourFigures[];
}

export interface PeriodLedger {
  sales: readonly PeriodSale[];
  lines: readonly PeriodLine[];
  tenders: readonly PeriodTender[];
  activity: PeriodActivity;
}

const NAIROBI_OFFSET_HOURS = 3;

const zero = (): CountAmount => ({ count: 0, amount: 0 });
const signed = (sale: Pick<PeriodSale, 'kind' | 'total'>) => (sale.kind === 'S' ? sale.total : -sale.total);

export function reportFigures(period: PeriodLedger): ReportFigures {
  const kinds = new Map(period.sales.map((sale) => [sale.id, sale.kind]));
  const tenders = tenderFigures(period);
  const classes = classFigures(period.lines, kinds);
  const gross = period.sales.reduce((sum, sale) => sum + signed(sale), 0);
  const vat = classes.reduce((sum, c) => sum + c.net.tax, 0);
  const cash = tenders.find((t) => t.kind === 'cash')!;
  return {
    labels: labelFigures(period),
    receipts: receiptRange(period.sales),
    taxClasses: classes,
    totals: { gross, vat, net: gross - vat },
    tenders,
    drawer: drawerFigures(period.activity, cash),
    discounts: period.lines.reduce((acc, line) => (line.discount > 0 && kinds.get(line.saleId) === 'S' ? { count: acc.count + 1, amount: acc.amount + line.discount } : acc), zero()),
    priceOverrides: { ...period.activity.priceOverrides },
    voidedCarts: period.activity.voidedCarts,
    reprints: period.activity.copies.length,
    noSaleOpens: period.activity.noSaleOpens,
    kra: kraFigures(period.sales),
    byHour: hourFigures(period.sales),
  };
}

function labelFigures(period: PeriodLedger): Record<ReportLabel, CountAmount> {
  const labels = Object.fromEntries(REPORT_LABELS.map((label) => [label, zero()])) as Record<ReportLabel, CountAmount>;
  const add = (label: ReportLabel, total: number) => {
    labels[label].count += 1;
    labels[label].amount += total;
  };
  for (const sale of period.sales) add(sale.kind === 'S' ? 'NS' : 'NC', sale.total);
  for (const copy of period.activity.copies) add(copy.kind === 'S' ? 'CS' : 'CC', copy.total);
  return labels;
}

function receiptRange(sales: readonly PeriodSale[]): ReportFigures['receipts'] {
  const numbers = sales.map((s) => s.receiptNo);
  const invoices = sales.flatMap((s) => (s.invcNo === null ? [] : [s.invcNo]));
  const low = (values: number[]) => (values.length ? Math.min(...values) : null);
  const high = (values: number[]) => (values.length ? Math.max(...values) : null);
  return { firstReceiptNo: low(numbers), lastReceiptNo: high(numbers), firstInvcNo: low(invoices), lastInvcNo: high(invoices) };
}

function classFigures(lines: readonly PeriodLine[], kinds: ReadonlyMap<number, 'S' | 'R'>): ClassFigures[] {
  const byClass = new Map(TAX_CLASSES.map((taxClass) => [taxClass, { taxClass, rate: null as number | null, sales: { taxable: 0, tax: 0 }, creditNotes: { taxable: 0, tax: 0 } }]));
  for (const line of lines) {
    const entry = byClass.get(line.taxClass)!;
    entry.rate = line.rate;
    const side = kinds.get(line.saleId) === 'R' ? entry.creditNotes : entry.sales;
    side.taxable += line.taxable;
    side.tax += line.tax;
  }
  return [...byClass.values()].map((c) => ({
    ...c,
    net: { taxable: c.sales.taxable - c.creditNotes.taxable, tax: c.sales.tax - c.creditNotes.tax },
  }));
}

function tenderFigures(period: PeriodLedger): TenderFigures[] {
  const sales = new Map(period.sales.map((sale) => [sale.id, sale]));
  const figures = new Map(TENDER_KINDS.map((kind) => [kind, { kind, sales: 0, refunds: 0, net: 0 }]));
  for (const tender of period.tenders) {
    const sale = sales.get(tender.saleId);
    if (!sale) continue;
    const entry = figures.get(tender.kind)!;
    if (sale.kind === 'S') entry.sales += tender.amount;
    else entry.refunds += tender.amount;
  }
  // Change is given in cash: what stays in the drawer is the cash tendered less the change.
  const cash = figures.get('cash')!;
  for (const sale of period.sales) {
    if (sale.kind === 'S') cash.sales -= sale.changeGiven;
    else cash.refunds -= sale.changeGiven;
  }
  return [...figures.values()].map((t) => ({ ...t, net: t.sales - t.refunds }));
}

export function drawerFigures(activity: Pick<PeriodActivity, 'float' | 'payIns' | 'payOuts' | 'counted'>, cash: Pick<TenderFigures, 'sales' | 'refunds'>): DrawerFigures {
  const expected = activity.float + cash.sales - cash.refunds + activity.payIns - activity.payOuts;
  return {
    float: activity.float,
    cashSales: cash.sales,
    cashRefunds: cash.refunds,
    payIns: activity.payIns,
    payOuts: activity.payOuts,
    expected,
    counted: activity.counted,
    overShort: activity.counted === null ? null : activity.counted - expected,
  };
}

function kraFigures(sales: readonly PeriodSale[]): ReportFigures['kra'] {
  const kra = { signed: zero(), provisional: zero(), parked: zero() };
  for (const sale of sales) {
    const bucket = sale.kraState === 'signed' ? kra.signed : sale.kraState === 'parked' ? kra.parked : kra.provisional;
    bucket.count += 1;
    bucket.amount += signed(sale);
  }
  return kra;
}

/** Every hour from the first to the last with a sale, empty hours included, so the chart reads as a day. */
function hourFigures(sales: readonly PeriodSale[]): HourFigures[] {
  const hours = new Map<number, HourFigures>();
  for (const sale of sales) {
    const hour = nairobiHour(sale.committedAt);
    const entry = hours.get(hour) ?? { hour, count: 0, amount: 0 };
    entry.count += 1;
    entry.amount += signed(sale);
    hours.set(hour, entry);
  }
  if (hours.size === 0) return [];
  const sequence = hourSequence(sales.map((s) => nairobiHour(s.committedAt)));
  return sequence.map((hour) => hours.get(hour) ?? { hour, count: 0, amount: 0 });
}

/** The hours from the first sale's to the last sale's, in the order the day ran (past midnight too). */
function hourSequence(hoursInOrder: readonly number[]): number[] {
  const first = hoursInOrder[0]!;
  const span = Math.max(...hoursInOrder.map((h) => (h - first + 24) % 24));
  return Array.from({ length: span + 1 }, (_, i) => (first + i) % 24);
}

export function nairobiHour(iso: string): number {
  return (Number(iso.slice(11, 13)) + NAIROBI_OFFSET_HOURS) % 24;
}

/** YYYY-MM-DD in Nairobi. */
export function nairobiDate(at: Date): string {
  return new Date(at.getTime() + NAIROBI_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The business day a period belongs to: the Nairobi date it opened, so a day that runs past midnight
 * keeps its date; a day opened on a date that already has its Z belongs to the next date.
 */
export function businessDate(openedAt: Date, lastZDate: string | null): string {
  const opened = nairobiDate(openedAt);
  if (lastZDate === null || opened > lastZDate) return opened;
  const next = new Date(`${lastZDate}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The blind count in cents; a negative or fractional count of pieces is not a count. */
export function countedCents(pieces: CountedPieces): number {
  return DENOMINATIONS.reduce((sum, denomination) => {
    const count = pieces[`${denomination}`] ?? 0;
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`${denomination}: a count of pieces is a whole number, 0 or more`);
    return sum + count * denomination * 100;
  }, 0);
}
