/**
 * What KRA's saveItem will take, checked here first: the code lists synced from KRA (built-in copies
 * until the first sync) for country, item type, units and tax class, and the synced item classes.
 */
import type { ItemFields } from '../../src-shared/api';
import { CODE_CLASSES, type Code } from '../../src-shared/etims/codes';
import { checkItemCodeFields, ItemCodeError, type ItemCodeTables } from '../../src-shared/etims/item-code';
import { hasItemClasses, itemClassCodesInUse, itemClassInUse } from '../ledger/item-master';
import { codesOf } from '../ledger/master-data';
import type { LedgerDb } from '../ledger/open';

export interface Problem {
  field: string;
  message: string;
}

export interface ItemRules {
  tables: ItemCodeTables;
  taxClasses: ReadonlySet<string>;
  /** Null before KRA's item classes are synced: then only their shape is checked, and KRA has the last word. */
  isItemClass: ((code: string) => boolean) | null;
}

const CODE_FIELD: Record<string, keyof ItemFields> = { origin: 'origin', type: 'itemType', packagingUnit: 'packagingUnit', quantityUnit: 'quantityUnit' };

/** The synced codes of a class in use, or Mauzo's copy before the first sync. */
function codeList(db: LedgerDb, classCode: string): Code[] {
  const synced = codesOf(db, classCode).filter((c) => c.inUse);
  if (synced.length > 0) return synced.map((c) => ({ code: c.code, name: c.name ?? c.code }));
  return [...(CODE_CLASSES.find((c) => c.id === classCode)?.codes ?? [])];
}

/** For one item, item classes are looked up one by one; for a whole import (`many`), read once. */
export function itemRules(db: LedgerDb, items: 'one' | 'many' = 'one'): ItemRules {
  let isItemClass: ItemRules['isItemClass'] = null;
  if (items === 'many') {
    const classes = itemClassCodesInUse(db);
    if (classes.size > 0) isItemClass = (code) => classes.has(code);
  } else if (hasItemClasses(db)) {
    isItemClass = (code) => itemClassInUse(db, code);
  }
  return {
    tables: {
      countries: codeList(db, '05'),
      itemTypes: codeList(db, '24'),
      packagingUnits: codeList(db, '17'),
      quantityUnits: codeList(db, '10'),
    },
    taxClasses: new Set(codeList(db, '04').map((c) => c.code)),
    isItemClass,
  };
}

export function codeFieldsOf(fields: Pick<ItemFields, 'origin' | 'itemType' | 'packagingUnit' | 'quantityUnit'>) {
  return { origin: fields.origin, type: fields.itemType, packagingUnit: fields.packagingUnit, quantityUnit: fields.quantityUnit };
}

/** What KRA's lists say against these fields, each naming its field and the fix; empty when none. */
export function kraListProblems(rules: ItemRules, fields: ItemFields): Problem[] {
  const problems: Problem[] = [];
  try {
    checkItemCodeFields(codeFieldsOf(fields), rules.tables);
  } catch (error) {
    if (!(error instanceof ItemCodeError)) throw error;
    problems.push({ field: CODE_FIELD[error.field] ?? error.field, message: error.message });
  }
  if (!rules.taxClasses.has(fields.taxClass)) {
    problems.push({ field: 'taxClass', message: `tax class ${fields.taxClass} is not in use in KRA's list: use one of ${[...rules.taxClasses].join(', ')}` });
  }
  if (rules.isItemClass && !rules.isItemClass(fields.itemClass)) {
    problems.push({ field: 'itemClass', message: `item class ${fields.itemClass} is not in KRA's item classification list: pick the item's class from that list` });
  }
  return problems;
}
