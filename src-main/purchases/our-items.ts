/** The store's own items that a supplier's line or a customs line is received as. */
import { inArray } from 'drizzle-orm';
import { ApiError } from '../../src-shared/api';
import type { ItemRow } from '../ledger/items';
import type { LedgerWriter } from '../ledger/open';
import { items } from '../ledger/schema';

/**
 * Our items by code, each checked to be known here and registered with KRA (KRA refuses a purchase,
 * import or stock line naming an item it does not hold). `field` names the input of each code.
 */
export function registeredItems(db: LedgerWriter, wanted: readonly { code: string; field: string }[]): Map<string, ItemRow> {
  const codes = [...new Set(wanted.map((w) => w.code))];
  const found = new Map(db.select().from(items).where(inArray(items.code, codes)).all().map((row) => [row.code, row]));
  for (const { code, field } of wanted) {
    const item = found.get(code);
    if (!item) {
      throw new ApiError('ITEM_NOT_FOUND', `${field}: no item of yours has the code ${code}; pick one from the catalogue`, { field, params: { code } });
    }
    if (!item.registered) {
      throw new ApiError('ITEM_NOT_REGISTERED', `${field}: ${item.name} is not registered with KRA yet; register it first`, { field, params: { code, name: item.name } });
    }
  }
  return found;
}
