import { and, eq, inArray, notExists } from 'drizzle-orm';
import type { TaxRates } from '../../src-shared/tax';
import type { LedgerDb } from '../ledger/open';
import { items, stockMoves } from '../ledger/schema';
import { recordStockMovement } from '../stock/movements';

export type ItemRow = typeof items.$inferSelect;

type DemoItem = Pick<ItemRow, 'code' | 'classCode' | 'name' | 'barcode' | 'packagingUnit' | 'quantityUnit' | 'taxClass' | 'unitPrice'>;

/**
 * A small duka's shelf for demo mode and tests, with KRA item codes (country, type, packaging unit,
 * quantity unit, sequence: spec 3.9) and a mix of all five tax classes. Prices include VAT, in cents.
 * Item classes are codes KRA's sandbox serves (spec 13.5): its short list has only the root, live
 * animals and zero-rated supplies, so a duka's goods go under the root.
 */
export const DEMO_CATALOGUE: readonly DemoItem[] = [
  { code: 'KE2BGNO0000001', classCode: '9901100000', name: 'Maize flour 2kg', barcode: '6161100110017', packagingUnit: 'BG', quantityUnit: 'NO', taxClass: 'C', unitPrice: 18500 },
  { code: 'KE2BGNO0000002', classCode: '1000000000', name: 'Sugar 1kg', barcode: '6161100110024', packagingUnit: 'BG', quantityUnit: 'NO', taxClass: 'B', unitPrice: 16500 },
  { code: 'KE2BQNO0000003', classCode: '1000000000', name: 'Fresh milk 500ml', barcode: '6161100110031', packagingUnit: 'BQ', quantityUnit: 'NO', taxClass: 'A', unitPrice: 6500 },
  { code: 'KE2BQNO0000004', classCode: '1000000000', name: 'Cooking oil 1L', barcode: '6161100110048', packagingUnit: 'BQ', quantityUnit: 'NO', taxClass: 'B', unitPrice: 34900 },
  { code: 'KE2BQNO0000005', classCode: '1000000000', name: 'Soda 500ml', barcode: '6161100110055', packagingUnit: 'BQ', quantityUnit: 'NO', taxClass: 'B', unitPrice: 8000 },
  { code: 'KE2BRNO0000006', classCode: '1000000000', name: 'Bar soap 800g', barcode: '6161100110062', packagingUnit: 'BR', quantityUnit: 'NO', taxClass: 'B', unitPrice: 24000 },
  { code: 'KE2BGKG0000007', classCode: '1000000000', name: 'Rice (per kg)', barcode: '6161100110079', packagingUnit: 'BG', quantityUnit: 'KG', taxClass: 'B', unitPrice: 19999 },
  { code: 'KE2BKKG0000008', classCode: '1000000000', name: 'Tomatoes (per kg)', barcode: '6161100110086', packagingUnit: 'BK', quantityUnit: 'KG', taxClass: 'A', unitPrice: 12000 },
  { code: 'KE2JYNO0000009', classCode: '1000000000', name: 'Paraffin 1L', barcode: '6161100110093', packagingUnit: 'JY', quantityUnit: 'NO', taxClass: 'E', unitPrice: 16200 },
  { code: 'KE2CTNO0000010', classCode: '1000000000', name: 'Bread 400g', barcode: '6161100110109', packagingUnit: 'CT', quantityUnit: 'NO', taxClass: 'B', unitPrice: 6500 },
  { code: 'KE2CTNO0000011', classCode: '1000000000', name: 'Exercise book 96pg', barcode: '6161100110116', packagingUnit: 'CT', quantityUnit: 'NO', taxClass: 'D', unitPrice: 5000 },
  { code: 'KE3OUNO0000012', classCode: '1000000000', name: 'Phone charging', barcode: null, packagingUnit: 'OU', quantityUnit: 'NO', taxClass: 'B', unitPrice: 3000 },
];

export function seedDemoCatalogue(db: LedgerDb): void {
  db.insert(items)
    .values(
      DEMO_CATALOGUE.map((item) => ({
        ...item,
        itemType: item.code.charAt(2) as ItemRow['itemType'],
        originCountry: item.code.slice(0, 2),
        registered: false,
      })),
    )
    .onConflictDoNothing()
    .run();
}

/** Demo shelf stock at the first start: 48 of each piece, 25 kg of what is sold by weight. */
const openingQuantity = (item: ItemRow) => (item.quantityUnit === 'KG' ? 2_500 : 4_800);

/**
 * Gives the demo shelf's goods their opening stock once KRA knows the items, as a manager's count
 * would (adjustment in, reason 03), so KRA hears of it through insertStockIO and saveStockMaster.
 * Only items that have never moved, so a restart adds nothing.
 */
export function stockDemoShelf(db: LedgerDb, at: Date, rates: TaxRates): void {
  const unstocked = db
    .select()
    .from(items)
    .where(
      and(
        inArray(items.code, DEMO_CATALOGUE.map((item) => item.code)),
        eq(items.registered, true),
        notExists(db.select().from(stockMoves).where(eq(stockMoves.itemCode, items.code))),
      ),
    )
    .all()
    .filter((item) => item.itemType !== '3');
  if (unstocked.length === 0) return;
  db.transaction((tx) => {
    recordStockMovement(tx, {
      ioType: '06',
      lines: unstocked.map((item) => ({ item, quantity: openingQuantity(item) })),
      at,
      rates,
      registrar: { id: 'mauzo', name: 'Mauzo demo' },
      registration: 'M',
      reasonCode: '03',
      note: 'opening stock',
    });
  }, { behavior: 'immediate' });
}
