/**
 * The strict profile's tax arithmetic (spec 4.3), in integer cents with a tolerance of one cent:
 * VAT-inclusive lines, header buckets equal to line sums, rates equal to the configured ones. The
 * first mismatch is reported the way the gateway words it (spec 8.2).
 */
import { TAX_TYPE_CODES, type TaxTypeCode } from '../../src-shared/etims/codes';
import type { Body } from './state';
import { numberOf } from './validation';

const TOLERANCE_CENTS = 1;

/** Whole hundredths (cents, or hundredths of a unit), from a 2-decimal wire number. */
export function hundredths(value: unknown): number {
  return Math.round((numberOf(value) ?? 0) * 100);
}

/** round-half-up(a * b / c) on integers, exact beyond 2^53. */
function mulDiv(a: number, b: number, c: number): number {
  const numerator = BigInt(a) * BigInt(b);
  const divisor = BigInt(c);
  const negative = numerator < 0n !== divisor < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = divisor < 0n ? -divisor : divisor;
  const rounded = (n * 2n + d) / (d * 2n);
  return Number(negative ? -rounded : rounded);
}

const wire = (cents: number): string => (cents / 100).toFixed(2);

/** Percent per class; null: the code list lacks the class, so no line may carry it and its header rate is 0. */
export type Rates = Record<TaxTypeCode, number | null>;

export interface ExpectedLine {
  splyAmt: number;
  totAmt: number;
  taxblAmt: number;
  taxAmt: number;
}

/** Spec 4.2 for one line, in cents: what a VAT-inclusive line must carry. */
export function inclusiveLine(quantity: number, unitPrice: number, discount: number, ratePercent: number): ExpectedLine {
  const splyAmt = mulDiv(quantity, unitPrice, 100);
  const totAmt = splyAmt - discount;
  const taxblAmt = mulDiv(totAmt, 10_000, 10_000 + Math.round(ratePercent * 100));
  return { splyAmt, totAmt, taxblAmt, taxAmt: totAmt - taxblAmt };
}

const isTaxType = (value: unknown): value is TaxTypeCode => typeof value === 'string' && (TAX_TYPE_CODES as string[]).includes(value);

/**
 * Returns the first inconsistency of a sale's (or purchase's) amounts, or null. `supplyLabel` is how
 * the gateway names splyAmt in its message (it says "splyAmnt" for purchases).
 */
export function firstMismatch(body: Body, lines: Body[], rates: Rates, supplyLabel = 'splyAmt'): string | null {
  const bucketTaxable = Object.fromEntries(TAX_TYPE_CODES.map((c) => [c, 0])) as Record<TaxTypeCode, number>;
  const bucketTax = { ...bucketTaxable };
  let total = 0;
  for (const [i, line] of lines.entries()) {
    const n = i + 1;
    const found = (field: string) => hundredths(line[field]);
    const differs = (field: string, expected: number) => Math.abs(found(field) - expected) > TOLERANCE_CENTS;
    const mismatch = (field: string, expected: number, label = field) =>
      `Invalid ${label} on item: ${n}. Expected: ${wire(expected)}, But Found: ${wire(found(field))}`;

    if (numberOf(line.itemSeq) !== n) return `Invalid itemSeq on item: ${n}. Expected: ${n}, But Found: ${String(line.itemSeq)}`;
    if (!isTaxType(line.taxTyCd)) return `Invalid taxTyCd on item: ${n}. Expected one of A, B, C, D, E, But Found: ${String(line.taxTyCd)}`;
    if ((numberOf(line.pkg) ?? 0) < 1) return `Invalid pkg for ItemList ${n}. Expected: 1, Found: ${String(line.pkg)}`;
    const rate = rates[line.taxTyCd];
    if (rate === null) return `Invalid taxTyCd on item: ${n}. Tax type ${line.taxTyCd} is not in the code list`;
    const expected = inclusiveLine(found('qty'), found('prc'), found('dcAmt'), rate);
    if (differs('splyAmt', expected.splyAmt)) return mismatch('splyAmt', expected.splyAmt, supplyLabel);
    const totAmt = found('splyAmt') - found('dcAmt');
    if (differs('totAmt', totAmt)) return mismatch('totAmt', totAmt);
    const taxblAmt = inclusiveLine(100, found('totAmt'), 0, rate).taxblAmt;
    if (differs('taxblAmt', taxblAmt)) return mismatch('taxblAmt', taxblAmt);
    const taxAmt = found('totAmt') - found('taxblAmt');
    if (differs('taxAmt', taxAmt)) return mismatch('taxAmt', taxAmt);
    bucketTaxable[line.taxTyCd] += found('taxblAmt');
    bucketTax[line.taxTyCd] += found('taxAmt');
    total += found('totAmt');
  }

  const header = (field: string) => hundredths(body[field]);
  const headerMismatch = (field: string, expected: number) =>
    Math.abs(header(field) - expected) > TOLERANCE_CENTS ? `Invalid ${field}. Expected: ${wire(expected)}, But Found: ${wire(header(field))}` : null;

  if (numberOf(body.totItemCnt) !== lines.length) return `Invalid totItemCnt. Expected: ${lines.length}, But Found: ${String(body.totItemCnt)}`;
  for (const code of TAX_TYPE_CODES) {
    const rate = Math.round((rates[code] ?? 0) * 100);
    if (hundredths(body[`taxRt${code}`]) !== rate) {
      return `Rule taxRt${code} failed: Tax rate mismatch. Expected: ${wire(rate)}, Found: ${String(body[`taxRt${code}`])}`;
    }
    const problem = headerMismatch(`taxblAmt${code}`, bucketTaxable[code]) ?? headerMismatch(`taxAmt${code}`, bucketTax[code]);
    if (problem) return problem;
  }
  const sum = (values: Record<TaxTypeCode, number>) => TAX_TYPE_CODES.reduce((acc, c) => acc + values[c], 0);
  return headerMismatch('totTaxblAmt', sum(bucketTaxable)) ?? headerMismatch('totTaxAmt', sum(bucketTax)) ?? headerMismatch('totAmt', total);
}
