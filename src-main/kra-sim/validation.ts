/**
 * Field checks shared by the endpoints: required fields (910 with KRA's bracketed names), numbers,
 * dates and codes. The lenient (direct host) profile takes any non-empty value where KRA's host
 * does (Odoo sends `false` for some text fields); the strict one wants text to be text.
 */
import type { Code } from '../../src-shared/etims/codes';
import { invalidParameter, parameterError, Rejection } from './context';
import type { Body } from './state';

export function isMissing(value: unknown, strict: boolean): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  return strict && typeof value === 'boolean';
}

export function requireFields(body: Body, fields: readonly string[], strict: boolean): void {
  const missing = fields.filter((f) => isMissing(body[f], strict));
  if (missing.length > 0) throw parameterError(missing);
}

export function linesOf(body: Body, field = 'itemList'): Body[] {
  const list = body[field];
  if (!Array.isArray(list) || list.length === 0) throw parameterError([field]);
  if (!list.every((line) => typeof line === 'object' && line !== null && !Array.isArray(line))) {
    throw invalidParameter(field, 'must be a list of objects');
  }
  return list as Body[];
}

/**
 * Required fields of each line. Strict answers like the gateway ("Expected a value for itemNm on
 * item: 1 but is empty or null"); lenient like the direct host, with the line's index.
 */
export function requireLineFields(lines: Body[], fields: readonly string[], strict: boolean, field = 'itemList'): void {
  const missing: string[] = [];
  lines.forEach((line, i) => {
    for (const name of fields) if (isMissing(line[name], strict)) missing.push(`${field}[${i}].${name}`);
  });
  if (missing.length === 0) return;
  if (!strict) throw parameterError(missing);
  const [, index, name] = /\[(\d+)\]\.(\w+)$/.exec(missing[0]!)!;
  throw new Rejection('910', `Expected a value for ${name} on item: ${Number(index) + 1} but is empty or null`);
}

/** A JSON number or a numeric string (Odoo sends "1" for some numbers); undefined when neither. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

export function numberField(body: Body, field: string, label = field): number {
  const value = numberOf(body[field]);
  if (value === undefined) throw invalidParameter(label, `must be a number, found ${JSON.stringify(body[field])}`);
  return value;
}

export function integerField(body: Body, field: string, label = field): number {
  const value = numberField(body, field, label);
  if (!Number.isSafeInteger(value)) throw invalidParameter(label, `must be a whole number, found ${JSON.stringify(body[field])}`);
  return value;
}

export function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number') return String(value);
  return null;
}

/** An optional code must be one of the table's when given; an empty string counts as not given. */
export function checkCode(body: Body, field: string, table: readonly Code[], label = field): void {
  const value = body[field];
  if (value === undefined || value === null || value === '') return;
  if (typeof value !== 'string' || !table.some((c) => c.code === value)) {
    throw invalidParameter(label, `${JSON.stringify(value)} is not a valid code`);
  }
}

export function checkCodes(body: Body, codes: Record<string, readonly Code[]>, prefix = ''): void {
  for (const [field, table] of Object.entries(codes)) checkCode(body, field, table, prefix + field);
}

const DATE_PATTERNS = { 8: /^\d{8}$/, 14: /^\d{14}$/ } as const;

/** KRA's YYYYMMDD (8) or YYYYMMDDhhmmss (14); optional dates may be absent or null. */
export function checkDate(body: Body, field: string, digits: 8 | 14, label = field): void {
  const value = body[field];
  if (value === undefined || value === null || value === '') return;
  if (typeof value !== 'string' || !DATE_PATTERNS[digits].test(value)) {
    throw invalidParameter(label, `must be ${digits === 8 ? 'YYYYMMDD' : 'YYYYMMDDhhmmss'}, found ${JSON.stringify(value)}`);
  }
}

export const AUDIT_FIELDS = ['regrId', 'regrNm', 'modrId', 'modrNm'] as const;
export const MODIFIER_FIELDS = ['modrId', 'modrNm'] as const;
