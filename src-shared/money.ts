/**
 * Money is whole cents and quantities are whole hundredths (150 is 1.5 kg), so sums are exact.
 * Decimals exist only at the wire (KRA's 2-dp numbers) and on screen.
 */
export type Cents = number;

const SIGNIFICANT_DIGITS = 15;

function requireFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${what}: ${value} is not a finite number`);
}

function requireInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what}: ${value} is not a whole number`);
}

/**
 * Nearest integer, halves away from zero. Binary noise below 15 significant digits is ignored first,
 * so 1.005 * 100 (100.49999999999999 in binary) rounds as the 100.5 it stands for.
 */
export function roundHalfUp(value: number): number {
  requireFinite(value, 'roundHalfUp');
  if (Number.isInteger(value)) return value;
  const magnitude = Math.abs(value);
  const denoised = magnitude < 10 ** SIGNIFICANT_DIGITS ? Number(magnitude.toPrecision(SIGNIFICANT_DIGITS)) : magnitude;
  const rounded = Math.floor(denoised + 0.5);
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/** roundHalfUp(a * b / c), exact for integers even when a * b passes 2^53. */
export function mulDiv(a: number, b: number, c: number): number {
  requireInteger(a, 'mulDiv a');
  requireInteger(b, 'mulDiv b');
  requireInteger(c, 'mulDiv c');
  if (c === 0) throw new RangeError('mulDiv: division by zero');
  const negative = [a, b, c].filter((n) => n < 0).length % 2 === 1;
  const product = Math.abs(a) * Math.abs(b);
  const divisor = Math.abs(c);
  const magnitude = Number.isSafeInteger(product + divisor)
    ? roundedQuotient(product, divisor)
    : Number(roundedBigQuotient(BigInt(Math.abs(a)) * BigInt(Math.abs(b)), BigInt(divisor)));
  return negative && magnitude !== 0 ? -magnitude : magnitude;
}

/** Float division may land one off near a whole number; the remainder, exact below 2^53, corrects it. */
function roundedQuotient(dividend: number, divisor: number): number {
  let quotient = Math.floor(dividend / divisor);
  let remainder = dividend - quotient * divisor;
  if (remainder < 0) {
    quotient -= 1;
    remainder += divisor;
  } else if (remainder >= divisor) {
    quotient += 1;
    remainder -= divisor;
  }
  return 2 * remainder >= divisor ? quotient + 1 : quotient;
}

function roundedBigQuotient(dividend: bigint, divisor: bigint): bigint {
  const quotient = dividend / divisor;
  return 2n * (dividend % divisor) >= divisor ? quotient + 1n : quotient;
}

/** 12345 cents -> 123.45, the 2-dp number KRA's JSON carries. */
export function centsToWire(cents: Cents): number {
  requireInteger(cents, 'centsToWire');
  return cents / 100;
}

/** 123.45 -> 12345 cents; a third decimal rounds half up. */
export function wireToCents(amount: number): Cents {
  requireFinite(amount, 'wireToCents');
  return roundHalfUp(amount * 100);
}

/** Quantities and rates travel as 2-dp numbers too: 150 hundredths -> 1.5. */
export function hundredthsToWire(hundredths: number): number {
  requireInteger(hundredths, 'hundredthsToWire');
  return hundredths / 100;
}

/** 1.5 -> 150 hundredths; 16 (a rate in percent) -> 1600. */
export function wireToHundredths(value: number): number {
  requireFinite(value, 'wireToHundredths');
  return roundHalfUp(value * 100);
}

/** 123450 -> "1,234.50"; negative amounts lead with "-". */
export function formatKes(cents: Cents): string {
  requireInteger(cents, 'formatKes');
  const magnitude = Math.abs(cents);
  const shillings = Math.floor(magnitude / 100).toString().replace(/\B(?=(\d{3})+$)/g, ',');
  const fraction = (magnitude % 100).toString().padStart(2, '0');
  return `${cents < 0 ? '-' : ''}${shillings}.${fraction}`;
}

/** 200 -> "2", 150 -> "1.5", 25 -> "0.25": no trailing zeros, no grouping. */
export function formatQuantity(hundredths: number): string {
  requireInteger(hundredths, 'formatQuantity');
  const magnitude = Math.abs(hundredths);
  const whole = Math.floor(magnitude / 100).toString();
  const fraction = (magnitude % 100).toString().padStart(2, '0').replace(/0+$/, '');
  return `${hundredths < 0 ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
}
