/**
 * What a cashier types, read into the engine's units: quantities in hundredths, money in cents,
 * discounts as a rate or an amount. Each reader returns a value or the message key that says why not.
 */
import { KRA_PIN } from '../../src-shared/api';
import type { MessageKey } from '../../src-shared/i18n';
import type { Discount } from '../../src-shared/tax';

export type Read<T> = { ok: true; value: T } | { ok: false; problem: MessageKey };

const MAX_QUANTITY = 100_000_00;
const DECIMAL = /^(\d{1,7})(?:[.,](\d{0,2}))?$/;

function hundredths(text: string): number | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** "2" or, for a weighed item, "1.25" (kg) -> hundredths. */
export function readQuantity(text: string, weighed: boolean): Read<number> {
  const value = hundredths(text);
  if (value === null || value <= 0 || value > MAX_QUANTITY) return { ok: false, problem: 'entry.quantity.invalid' };
  if (!weighed && value % 100 !== 0) return { ok: false, problem: 'entry.quantity.whole' };
  return { ok: true, value };
}

/** "1,250.50" or "1250" (shillings) -> cents. */
export function readAmount(text: string): Read<number> {
  const value = hundredths(text.replace(/,(?=\d{3}(\D|$))/g, ''));
  if (value === null || value <= 0) return { ok: false, problem: 'entry.amount.invalid' };
  return { ok: true, value };
}

/** "10%" (a rate) or "50" (shillings off). */
export function readDiscount(text: string): Read<Discount> {
  const trimmed = text.trim();
  if (trimmed.endsWith('%')) {
    const rate = hundredths(trimmed.slice(0, -1));
    if (rate === null || rate <= 0 || rate > 10_000) return { ok: false, problem: 'entry.discount.invalid' };
    return { ok: true, value: { rate } };
  }
  const amount = readAmount(trimmed);
  return amount.ok ? { ok: true, value: { amount: amount.value } } : { ok: false, problem: 'entry.discount.invalid' };
}

export type PinProgress = 'empty' | 'partial' | 'complete' | 'invalid';

/** Checks a KRA PIN as it is typed: a letter, 9 digits and a letter (P051234567M). */
export function kraPinProgress(text: string): PinProgress {
  const pin = text.trim().toUpperCase();
  if (pin === '') return 'empty';
  if (KRA_PIN.test(pin)) return 'complete';
  return /^[A-Z][0-9]{0,9}$/.test(pin) ? 'partial' : 'invalid';
}

export const MPESA_CODE = /^[A-Z0-9]{10}$/;

/** 123450 cents -> "1234.50", as a cashier would type it back. */
export function plainAmount(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** The buyer for a tax invoice in their name: a well-formed KRA PIN and a name. */
export function readCustomer(tin: string, name: string): Read<{ tin: string; name: string }> {
  if (kraPinProgress(tin) !== 'complete') return { ok: false, problem: 'customer.pinBad' };
  if (name.trim() === '') return { ok: false, problem: 'customer.nameNeeded' };
  return { ok: true, value: { tin: tin.trim().toUpperCase(), name: name.trim() } };
}
