/**
 * KRA's VAT classes and the invoice maths of spec 4.2: prices include VAT, each line is rounded on its
 * own, and every header figure is a sum of rounded line figures, so the invoice reconciles to the cent.
 */
import { mulDiv, type Cents } from './money';

export type TaxClass = 'A' | 'B' | 'C' | 'D' | 'E';

export const TAX_CLASSES: readonly TaxClass[] = ['A', 'B', 'C', 'D', 'E'];

/**
 * Rates in hundredths of a percent (1600 is 16%), as the environment's code list (cdCls 04) gives
 * them: a class the list does not carry has no rate, and nothing is sold in it (spec 13.2).
 */
export type TaxRates = Partial<Record<TaxClass, number>>;

/**
 * The rates of KRA's published tables, for the till's running total only (which does not depend on
 * the rates): every invoice takes its rates from the environment's code list.
 */
export const DEFAULT_TAX_RATES: Readonly<Record<TaxClass, number>> = { A: 0, B: 1600, C: 0, D: 0, E: 800 };

const FULL_RATE = 10_000;

export type TaxErrorCode =
  | 'DISCOUNT_EXCEEDS_LINE'
  | 'DISCOUNT_EXCEEDS_TOTAL'
  | 'INVALID_DISCOUNT'
  | 'INVALID_QUANTITY'
  | 'INVALID_PRICE'
  | 'UNKNOWN_RATE';

export class TaxError extends Error {
  readonly code: TaxErrorCode;
  readonly field: string;

  constructor(code: TaxErrorCode, field: string, message: string) {
    super(message);
    this.name = 'TaxError';
    this.code = code;
    this.field = field;
  }
}

function isTaxClass(value: string): value is TaxClass {
  return (TAX_CLASSES as readonly string[]).includes(value);
}

function isRate(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= FULL_RATE;
}

const PERCENT = /^(\d{1,3})(?:\.(\d{1,2}))?$/;

/** "16" or "16.00" (percent, as KRA's code list writes it) -> 1600; undefined when unreadable. */
function parsePercent(text: string): number | undefined {
  const match = PERCENT.exec(text.trim());
  if (!match) return undefined;
  const rate = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return isRate(rate) ? rate : undefined;
}

/** Reads the rates of classes A..E from the details of code class 04 (rate in `userDfnCd1`); a class it lacks has none. */
export function ratesFromCodeList(details: readonly { cd: string; userDfnCd1: string | null }[]): TaxRates {
  const found: Partial<TaxRates> = {};
  for (const detail of details) {
    const taxClass = detail.cd.trim().toUpperCase();
    if (!isTaxClass(taxClass)) continue;
    const rate = parsePercent(detail.userDfnCd1 ?? '');
    const field = `codeList.${taxClass}`;
    if (rate === undefined) {
      const written = JSON.stringify(detail.userDfnCd1);
      throw new TaxError('UNKNOWN_RATE', field, `class ${taxClass} has the unreadable rate ${written}; expected a percent such as "16" or "16.00"`);
    }
    if (found[taxClass] !== undefined && found[taxClass] !== rate) {
      throw new TaxError('UNKNOWN_RATE', field, `class ${taxClass} is listed twice with different rates`);
    }
    found[taxClass] = rate;
  }
  return found;
}

/** A rate in hundredths of a percent (1..10000), or an amount in cents. */
export type Discount = { rate: number } | { amount: Cents };

export interface LineInput {
  /** VAT-inclusive. */
  unitPrice: Cents;
  /** Hundredths of a unit. */
  quantity: number;
  taxClass: TaxClass;
  discount?: Discount;
}

/** One line as KRA wants it (wire names: prc, qty, taxTyCd, splyAmt, dcAmt, dcRt, totAmt, taxblAmt, taxAmt). */
export interface PricedLine {
  unitPrice: Cents;
  quantity: number;
  taxClass: TaxClass;
  /** Hundredths of a percent. */
  rate: number;
  /** round(quantity x unit price). */
  supplyAmount: Cents;
  /** The line's own discount plus its share of the cart discount. */
  discountAmount: Cents;
  /**
   * In hundredths of a percent: the rate the cashier gave (a line rate, a cart rate, or both
   * compounded), not one recomputed from rounded cents; discountAmount / supplyAmount for amounts.
   */
  discountRate: number;
  /** supplyAmount - discountAmount, VAT included. */
  total: Cents;
  /** round(total x 10000 / (10000 + rate)). */
  taxable: Cents;
  /** total - taxable, so the two add up exactly. */
  tax: Cents;
}

export interface ClassTotals {
  /** 0 for a class the environment's code list does not carry (it has no lines). */
  rate: number;
  taxable: Cents;
  tax: Cents;
  total: Cents;
}

export interface PricedInvoice {
  lines: PricedLine[];
  /** All five classes; zero amounts where unused, the rate always. */
  byClass: Record<TaxClass, ClassTotals>;
  supplyTotal: Cents;
  discountTotal: Cents;
  taxableTotal: Cents;
  taxTotal: Cents;
  /** == taxableTotal + taxTotal == the sum of line totals. */
  total: Cents;
}

function checkLine(line: LineInput, index: number, rates: TaxRates): number {
  const field = `lines.${index}`;
  if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
    throw new TaxError('INVALID_QUANTITY', `${field}.quantity`, `quantity ${line.quantity} is not a positive whole number of hundredths (150 is 1.5)`);
  }
  if (!Number.isSafeInteger(line.unitPrice) || line.unitPrice < 0) {
    throw new TaxError('INVALID_PRICE', `${field}.unitPrice`, `unit price ${line.unitPrice} is not a whole, non-negative number of cents`);
  }
  if (!isTaxClass(line.taxClass)) {
    throw new TaxError('UNKNOWN_RATE', `${field}.taxClass`, `class ${String(line.taxClass)} is not a KRA tax class (A..E)`);
  }
  const rate = rates[line.taxClass];
  if (rate === undefined) {
    throw new TaxError('UNKNOWN_RATE', `${field}.taxClass`, `class ${line.taxClass} is not in KRA's code list for this environment, so it has no rate`);
  }
  return rate;
}

function checkRates(rates: TaxRates): void {
  for (const taxClass of TAX_CLASSES) {
    if (rates[taxClass] !== undefined && !isRate(rates[taxClass])) {
      throw new TaxError('UNKNOWN_RATE', `rates.${taxClass}`, `the rate ${String(rates[taxClass])} of class ${taxClass} is not in hundredths of a percent (0..10000)`);
    }
  }
}

/** The cents a discount takes off `base`; throws when it is malformed or larger than `base`. */
function discountOf(discount: Discount, base: Cents, field: string, tooLarge: TaxErrorCode): Cents {
  if ('rate' in discount) {
    if (!Number.isInteger(discount.rate) || discount.rate < 0) {
      throw new TaxError('INVALID_DISCOUNT', field, `discount rate ${discount.rate} is not whole hundredths of a percent (1000 is 10%)`);
    }
    if (discount.rate > FULL_RATE) {
      throw new TaxError(tooLarge, field, `discount rate ${discount.rate} is more than 100% (10000)`);
    }
    return mulDiv(base, discount.rate, FULL_RATE);
  }
  if (!Number.isSafeInteger(discount.amount) || discount.amount < 0) {
    throw new TaxError('INVALID_DISCOUNT', field, `discount amount ${discount.amount} is not a whole, non-negative number of cents`);
  }
  if (discount.amount > base) {
    throw new TaxError(tooLarge, field, `discount amount ${discount.amount} is more than the ${base} cents it applies to`);
  }
  return discount.amount;
}

/**
 * Splits `amount` over non-negative `weights` in proportion, exactly: each part is rounded down, then the cents
 * left over go one each to the parts that lost the most (ties to the earlier line).
 */
export function spreadProportionally(amount: Cents, weights: readonly Cents[]): Cents[] {
  const whole = weights.reduce((sum, w) => sum + w, 0);
  if (amount === 0 || whole === 0) return weights.map(() => 0);
  const exact = weights.map((w) => BigInt(amount) * BigInt(w));
  const parts = exact.map((e) => Number(e / BigInt(whole)));
  const remainders = exact.map((e) => e % BigInt(whole));
  const leftOver = amount - parts.reduce((sum, p) => sum + p, 0);
  const byLoss = weights.map((_, i) => i).sort((i, j) => {
    const diff = remainders[j]! - remainders[i]!;
    return diff === 0n ? i - j : diff > 0n ? 1 : -1;
  });
  for (const i of byLoss.slice(0, leftOver)) parts[i]! += 1;
  return parts;
}

/** The discount rate as given, when every discount on the line was given as a rate. */
function givenRate(line: Discount | undefined, cart: Discount | undefined): number | null {
  const lineRate = line === undefined ? 0 : 'rate' in line ? line.rate : null;
  const cartRate = cart === undefined ? 0 : 'rate' in cart ? cart.rate : null;
  if (lineRate === null || cartRate === null) return null;
  return FULL_RATE - mulDiv(FULL_RATE - lineRate, FULL_RATE - cartRate, FULL_RATE);
}

function priceLine(line: LineInput, rate: number, supplyAmount: Cents, discountAmount: Cents, cartDiscount: Discount | undefined): PricedLine {
  const total = supplyAmount - discountAmount;
  const discountRate = givenRate(line.discount, cartDiscount) ?? (supplyAmount === 0 ? 0 : mulDiv(discountAmount, FULL_RATE, supplyAmount));
  const taxable = mulDiv(total, FULL_RATE, FULL_RATE + rate);
  return {
    unitPrice: line.unitPrice,
    quantity: line.quantity,
    taxClass: line.taxClass,
    rate,
    supplyAmount,
    discountAmount,
    discountRate,
    total,
    taxable,
    tax: total - taxable,
  };
}

const sum = (lines: readonly PricedLine[], pick: (line: PricedLine) => Cents): Cents =>
  lines.reduce((total, line) => total + pick(line), 0);

/** Prices a sale (or a credit note, with the same positive amounts) per spec 4.2. */
export function priceInvoice(lines: readonly LineInput[], rates: TaxRates, cartDiscount?: Discount): PricedInvoice {
  const lineRates = lines.map((line, i) => checkLine(line, i, rates));
  checkRates(rates);
  const supplies = lines.map((line) => mulDiv(line.quantity, line.unitPrice, 100));
  const lineDiscounts = lines.map((line, i) =>
    line.discount ? discountOf(line.discount, supplies[i]!, `lines.${i}.discount`, 'DISCOUNT_EXCEEDS_LINE') : 0,
  );
  const afterLineDiscounts = supplies.map((supply, i) => supply - lineDiscounts[i]!);
  const cartBase = afterLineDiscounts.reduce((total, t) => total + t, 0);
  const cartAmount = cartDiscount ? discountOf(cartDiscount, cartBase, 'cartDiscount', 'DISCOUNT_EXCEEDS_TOTAL') : 0;
  const shares = spreadProportionally(cartAmount, afterLineDiscounts);

  const priced = lines.map((line, i) => priceLine(line, lineRates[i]!, supplies[i]!, lineDiscounts[i]! + shares[i]!, cartDiscount));
  const byClass = {} as Record<TaxClass, ClassTotals>;
  for (const taxClass of TAX_CLASSES) {
    const ofClass = priced.filter((line) => line.taxClass === taxClass);
    byClass[taxClass] = {
      // A class the code list lacks carries no line, and is declared at 0.
      rate: rates[taxClass] ?? 0,
      taxable: sum(ofClass, (l) => l.taxable),
      tax: sum(ofClass, (l) => l.tax),
      total: sum(ofClass, (l) => l.total),
    };
  }
  return {
    lines: priced,
    byClass,
    supplyTotal: sum(priced, (l) => l.supplyAmount),
    discountTotal: sum(priced, (l) => l.discountAmount),
    taxableTotal: sum(priced, (l) => l.taxable),
    taxTotal: sum(priced, (l) => l.tax),
    total: sum(priced, (l) => l.total),
  };
}
