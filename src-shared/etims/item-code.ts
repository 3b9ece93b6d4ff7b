/**
 * KRA's item code (spec 3.9): origin country (2) + item type (1) + packaging unit (2) + quantity
 * unit (2) + a 7-digit sequence, e.g. KE2NTNO0000001. The gateway checks every part against the
 * item's own fields and the PIN's next sequence, so Mauzo builds codes only this way.
 */
import { COUNTRIES, ITEM_TYPES, PACKAGING_UNITS, QUANTITY_UNITS, type Code } from './codes';

export interface ItemCodeParts {
  /** cdCls 05, ISO 3166 alpha-2. */
  origin: string;
  /** cdCls 24: 1 raw material, 2 finished product, 3 service. */
  type: string;
  /** cdCls 17. */
  packagingUnit: string;
  /** cdCls 10, two characters only. */
  quantityUnit: string;
  /** 1 to 9,999,999, never reused for the PIN. */
  sequence: number;
}

export type ItemCodePart = keyof ItemCodeParts | 'code';

export class ItemCodeError extends Error {
  readonly field: ItemCodePart;

  constructor(field: ItemCodePart, message: string) {
    super(message);
    this.name = 'ItemCodeError';
    this.field = field;
  }
}

/** The code lists the parts are checked against: Mauzo's built-in copies unless synced ones are given. */
export interface ItemCodeTables {
  countries: readonly Code[];
  itemTypes: readonly Code[];
  packagingUnits: readonly Code[];
  quantityUnits: readonly Code[];
}

export const BUILT_IN_ITEM_CODE_TABLES: ItemCodeTables = {
  countries: COUNTRIES,
  itemTypes: ITEM_TYPES,
  packagingUnits: PACKAGING_UNITS,
  quantityUnits: QUANTITY_UNITS,
};

export const MAX_ITEM_SEQUENCE = 9_999_999;
const SEQUENCE_DIGITS = 7;
const SHAPE = 'country (2), item type (1), packaging unit (2), quantity unit (2) and a 7-digit number, e.g. KE2NTNO0000001';

/** Two-character stand-ins for units whose own code does not fit the item code. */
const TWO_CHARACTER_UNITS: Readonly<Record<string, string>> = { U: 'NO', BLL: 'BA' };

export type CodeFields = Omit<ItemCodeParts, 'sequence'>;

/** Checks the parts that do not depend on the sequence; the normalised parts (upper case, trimmed). */
export function checkItemCodeFields(fields: CodeFields, tables: ItemCodeTables = BUILT_IN_ITEM_CODE_TABLES): CodeFields {
  const origin = fields.origin.trim().toUpperCase();
  const type = fields.type.trim();
  const packagingUnit = fields.packagingUnit.trim().toUpperCase();
  const quantityUnit = fields.quantityUnit.trim().toUpperCase();
  if (!known(tables.countries, origin)) {
    throw new ItemCodeError('origin', `origin ${JSON.stringify(origin)} is not a KRA country code: use two letters such as KE (Kenya) or CN (China)`);
  }
  if (!known(tables.itemTypes, type)) {
    throw new ItemCodeError('type', `item type ${JSON.stringify(type)} is not one of KRA's: 1 (raw material), 2 (finished product) or 3 (service)`);
  }
  if (!known(tables.packagingUnits, packagingUnit)) {
    throw new ItemCodeError('packagingUnit', `packaging unit ${JSON.stringify(packagingUnit)} is not in KRA's list (cdCls 17): use e.g. NT (Net), CT (Carton) or OU for services`);
  }
  if (packagingUnit.length !== 2) {
    throw new ItemCodeError('packagingUnit', `packaging unit ${packagingUnit} has ${packagingUnit.length} characters but the item code takes 2: use e.g. CT (Carton) instead of CTN`);
  }
  if (!known(tables.quantityUnits, quantityUnit)) {
    throw new ItemCodeError('quantityUnit', `quantity unit ${JSON.stringify(quantityUnit)} is not in KRA's list (cdCls 10): use e.g. NO (Number), KG or PA (packet)`);
  }
  if (quantityUnit.length !== 2) {
    const instead = TWO_CHARACTER_UNITS[quantityUnit];
    const fix = instead ? `use ${instead} instead` : 'choose a 2-character unit such as NO (Number), KG or DZ (Dozen)';
    throw new ItemCodeError('quantityUnit', `quantity unit ${quantityUnit} has ${quantityUnit.length} character(s) but the item code takes exactly 2: ${fix}`);
  }
  return { origin, type, packagingUnit, quantityUnit };
}

/** The item code of these parts; throws ItemCodeError naming the wrong part and the fix. */
export function itemCode(parts: ItemCodeParts, tables: ItemCodeTables = BUILT_IN_ITEM_CODE_TABLES): string {
  const fields = checkItemCodeFields(parts, tables);
  checkSequence(parts.sequence);
  return `${fields.origin}${fields.type}${fields.packagingUnit}${fields.quantityUnit}${String(parts.sequence).padStart(SEQUENCE_DIGITS, '0')}`;
}

/** Reads a code built by itemCode; throws ItemCodeError saying which part is wrong. */
export function parseItemCode(code: string, tables: ItemCodeTables = BUILT_IN_ITEM_CODE_TABLES): ItemCodeParts {
  const text = code.trim().toUpperCase();
  if (text.length !== 14) throw new ItemCodeError('code', `${JSON.stringify(code)} has ${text.length} characters; a KRA item code has 14: ${SHAPE}`);
  const digits = text.slice(7);
  if (!/^\d{7}$/.test(digits)) throw new ItemCodeError('sequence', `the last 7 characters of ${text} must be digits (the item's number), not ${digits}`);
  const parts = { origin: text.slice(0, 2), type: text.slice(2, 3), packagingUnit: text.slice(3, 5), quantityUnit: text.slice(5, 7), sequence: Number(digits) };
  checkSequence(parts.sequence);
  return { ...checkItemCodeFields(parts, tables), sequence: parts.sequence };
}

function checkSequence(sequence: number): void {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_ITEM_SEQUENCE) {
    throw new ItemCodeError('sequence', `sequence ${sequence} must be a whole number from 1 to ${MAX_ITEM_SEQUENCE} (KRA counts from 0000001)`);
  }
}

function known(table: readonly Code[], code: string): boolean {
  return table.some((c) => c.code === code);
}
