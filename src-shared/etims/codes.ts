/**
 * KRA's code tables (spec section 3) as data: what the live sandbox's selectCodeList returned to Odoo
 * and what the spec's tables say. Live values come from selectCodeList; these are the fallbacks the
 * till uses offline and the lists the simulator serves.
 */

export interface Code {
  code: string;
  name: string;
  description?: string;
}

export interface CodeTable {
  /** KRA's cdCls. */
  id: string;
  name: string;
  codes: readonly Code[];
}

const codes = (pairs: readonly (readonly [string, string])[]): Code[] => pairs.map(([code, name]) => ({ code, name }));

export type TaxTypeCode = 'A' | 'B' | 'C' | 'D' | 'E';

export interface TaxType extends Code {
  code: TaxTypeCode;
  /** Percent, as KRA's code list writes it in userDfnCd1 (environments disagree on E: spec 3.2). */
  ratePercent: number;
  /** KRA's short label, userDfnCd2. */
  label: string;
  /** Position in the live list (A, B, C, E, D). */
  sortOrder: number;
}

/** cdCls 04. */
export const TAX_TYPES: readonly TaxType[] = [
  { code: 'A', name: 'A-Exempt', ratePercent: 0, label: 'A-EX', sortOrder: 1 },
  { code: 'B', name: 'B-VAT 16%', ratePercent: 16, label: 'B-16%', sortOrder: 2 },
  { code: 'C', name: 'C-Zero Rated', ratePercent: 0, label: 'TAX C', sortOrder: 3 },
  { code: 'E', name: 'E-VAT 8%', ratePercent: 8, label: 'E-8%', sortOrder: 4 },
  { code: 'D', name: 'D-Non VAT', ratePercent: 0, label: 'TAX D', sortOrder: 5 },
];

export const TAX_TYPE_CODES: readonly TaxTypeCode[] = ['A', 'B', 'C', 'D', 'E'];

/** cdCls 05: the countries Mauzo's shops and their suppliers are likely to name (ISO 3166-1 alpha-2). */
export const COUNTRIES: readonly Code[] = codes([
  ['KE', 'Kenya'], ['UG', 'Uganda'], ['TZ', 'Tanzania'], ['RW', 'Rwanda'], ['BI', 'Burundi'], ['SS', 'South Sudan'],
  ['ET', 'Ethiopia'], ['SO', 'Somalia'], ['CD', 'Congo, Democratic Republic'], ['ZA', 'South Africa'], ['EG', 'Egypt'],
  ['NG', 'Nigeria'], ['GH', 'Ghana'], ['MU', 'Mauritius'], ['AE', 'United Arab Emirates'], ['SA', 'Saudi Arabia'],
  ['IN', 'India'], ['PK', 'Pakistan'], ['CN', 'China'], ['JP', 'Japan'], ['KR', 'Korea, Republic of'], ['MY', 'Malaysia'],
  ['ID', 'Indonesia'], ['TH', 'Thailand'], ['VN', 'Viet Nam'], ['TR', 'Turkey'], ['GB', 'United Kingdom'],
  ['DE', 'Germany'], ['FR', 'France'], ['NL', 'Netherlands'], ['BE', 'Belgium'], ['IT', 'Italy'], ['ES', 'Spain'],
  ['CH', 'Switzerland'], ['SE', 'Sweden'], ['US', 'United States'], ['CA', 'Canada'], ['BR', 'Brazil'],
  ['AU', 'Australia'], ['NZ', 'New Zealand'],
]);

/** cdCls 07. */
export const PAYMENT_TYPES: readonly Code[] = [
  { code: '01', name: 'CASH', description: 'CASH' },
  { code: '02', name: 'CREDIT', description: 'CREDIT' },
  { code: '03', name: 'CASH/CREDIT', description: 'CASH/CREDIT' },
  { code: '04', name: 'BANK CHECK', description: 'BANK CHECK PAYMENT' },
  { code: '05', name: 'DEBIT&CREDIT CARD', description: 'PAYMENT USING CARD' },
  { code: '06', name: 'MOBILE MONEY', description: 'ANY TRANSACTION USING MOBILE MONEY SYSTEM' },
  { code: '07', name: 'OTHER', description: 'OTHER MEANS OF PAYMENT' },
];

/** cdCls 09. */
export const BRANCH_STATUSES: readonly Code[] = codes([['01', 'Open'], ['02', 'Closed']]);

/** cdCls 10 (live list). */
export const QUANTITY_UNITS: readonly Code[] = codes([
  ['4B', 'Pair'], ['AV', 'Cap'], ['BA', 'Barrel'], ['BE', 'bundle'], ['BG', 'bag'], ['BL', 'block'],
  ['BLL', 'Barrel (petroleum)'], ['BX', 'box'], ['CA', 'Can'], ['CEL', 'Cell'], ['CMT', 'centimetre'], ['CR', 'Carat'],
  ['DR', 'Drum'], ['DZ', 'Dozen'], ['GLL', 'Gallon'], ['GRM', 'Gram'], ['GRO', 'Gross'], ['KG', 'Kilogramme'],
  ['KTM', 'kilometre'], ['KWT', 'kilowatt'], ['L', 'Litre'], ['LBR', 'pound'], ['LK', 'link'], ['LTR', 'Litre'],
  ['M', 'Metre'], ['M2', 'Square Metre'], ['M3', 'Cubic Metre'], ['MGM', 'milligram'], ['MTR', 'metre'],
  ['MWT', 'megawatt hour'], ['NO', 'Number'], ['NX', 'part per thousand'], ['PA', 'packet'], ['PG', 'plate'],
  ['PR', 'pair'], ['RL', 'reel'], ['RO', 'roll'], ['SET', 'set'], ['ST', 'sheet'], ['TNE', 'tonne'], ['TU', 'tube'],
  ['U', 'Pieces/item [Number]'], ['YRD', 'yard'],
]);

/** Quantity units that are weighed or measured, so sold in decimals; every other unit is counted in whole pieces. */
export const MEASURED_QUANTITY_UNITS: ReadonlySet<string> = new Set([
  'KG', 'GRM', 'MGM', 'TNE', 'LBR', 'CR', 'L', 'LTR', 'GLL', 'M', 'MTR', 'CMT', 'KTM', 'YRD', 'M2', 'M3', 'KWT', 'MWT',
]);

/** cdCls 11 (sales) and 34 (purchases) share these. */
export const TRANSACTION_STATUSES: readonly Code[] = codes([
  ['01', 'Wait for Approval'], ['02', 'Approved'], ['03', 'Cancel Requested'], ['04', 'Canceled'],
  ['05', 'Credit Note Generated'], ['06', 'Transferred'],
]);

export type StockDirection = 'in' | 'out';

export interface StockIoType extends Code {
  direction: StockDirection;
}

/** cdCls 12: 01-06 bring stock in, 11-16 take it out. */
export const STOCK_IO_TYPES: readonly StockIoType[] = [
  { code: '01', name: 'Import', direction: 'in' },
  { code: '02', name: 'Purchase', direction: 'in' },
  { code: '03', name: 'Return', direction: 'in' },
  { code: '04', name: 'Stock Movement', direction: 'in' },
  { code: '05', name: 'Processing', direction: 'in' },
  { code: '06', name: 'Adjustment', direction: 'in' },
  { code: '11', name: 'Sale', direction: 'out' },
  { code: '12', name: 'Return', direction: 'out' },
  { code: '13', name: 'Stock Movement', direction: 'out' },
  { code: '14', name: 'Processing', direction: 'out' },
  { code: '15', name: 'Discarding', direction: 'out' },
  { code: '16', name: 'Adjustment', direction: 'out' },
];

/** cdCls 14: salesTyCd and pchsTyCd. */
export const TRANSACTION_TYPES: readonly Code[] = codes([['C', 'Copy'], ['N', 'Normal'], ['P', 'Proforma'], ['T', 'Training']]);

/** cdCls 17 (live list; the gateway accepts exactly these 52). */
export const PACKAGING_UNITS: readonly Code[] = codes([
  ['AM', 'Ampoule'], ['BA', 'Barrel'], ['BC', 'Bottlecrate'], ['BE', 'Bundle'], ['BF', 'Balloon, non-protected'],
  ['BG', 'Bag'], ['BJ', 'Bucket'], ['BK', 'Basket'], ['BL', 'Bale'], ['BQ', 'Bottle, protected cylindrical'],
  ['BR', 'Bar'], ['BV', 'Bottle, bulbous'], ['BZ', 'Bag'], ['CA', 'Can'], ['CH', 'Chest'], ['CJ', 'Coffin'],
  ['CL', 'Coil'], ['CR', 'Wooden Box, Wooden Case'], ['CS', 'Cassette'], ['CT', 'Carton'], ['CTN', 'Container'],
  ['CY', 'Cylinder'], ['DR', 'Drum'], ['GT', 'Extra Countable Item'], ['HH', 'Hand Baggage'], ['IZ', 'Ingots'],
  ['JR', 'Jar'], ['JU', 'Jug'], ['JY', 'Jerry CAN Cylindrical'], ['KZ', 'Canister'], ['LZ', 'Logs, in bundle/bunch/truss'],
  ['NT', 'Net'], ['OU', 'Non-Exterior Packaging Unit'], ['PD', 'Poddon'], ['PG', 'Plate'], ['PI', 'Pipe'],
  ['PO', 'Pilot'], ['PU', 'Traypack'], ['RL', 'Reel'], ['RO', 'Roll'], ['RZ', 'Rods, in bundle/bunch/truss'],
  ['SK', 'Skeletoncase'], ['TY', 'Tank, cylindrical'], ['VG', 'Bulk, gas (at 1031 mbar 15 oC)'],
  ['VL', 'Bulk, liquid (at normal temperature/pressure)'], ['VO', 'Bulk, solid, large particles (nodules)'],
  ['VQ', 'Bulk, gas (liquefied at abnormal temperature/pressure)'], ['VR', 'Bulk, solid, granular particles (grains)'],
  ['VT', 'Extra Bulk Item'], ['VY', 'Bulk, fine particles (powder)'], ['ML', 'Mills'], ['TN', 'TAN'],
]);

/** cdCls 24. */
export const ITEM_TYPES: readonly Code[] = codes([['1', 'Raw Material'], ['2', 'Finished Product'], ['3', 'Service']]);

/** cdCls 26. */
export const IMPORT_ITEM_STATUSES: readonly Code[] = codes([['1', 'Unsent'], ['2', 'Waiting'], ['3', 'Approved'], ['4', 'Cancelled']]);

/** cdCls 32 (live list: the spec's 01-06 plus 07-13). */
export const REFUND_REASONS: readonly Code[] = codes([
  ['01', 'Missing Quantity'], ['02', 'Missing Data'], ['03', 'Damaged'], ['04', 'Wasted'],
  ['05', 'Raw Material Shortage'], ['06', 'Refund'], ['07', 'Wrong Customer PIN'], ['08', 'Wrong Customer name'],
  ['09', 'Wrong Amount/price'], ['10', 'Wrong Quantity'], ['11', 'Wrong Item(s)'], ['12', 'Wrong tax type'],
  ['13', 'Other reason'],
]);

/** cdCls 33. */
export const CURRENCIES: readonly Code[] = codes([
  ['KES', 'Kenyan Shilling'], ['USD', 'US Dollar'], ['EUR', 'Euro'], ['GBP', 'Pound Sterling'], ['UGX', 'Uganda Shilling'],
  ['TZS', 'Tanzanian Shilling'], ['RWF', 'Rwanda Franc'], ['ZAR', 'Rand'], ['AED', 'UAE Dirham'], ['CNY', 'Yuan Renminbi'],
  ['INR', 'Indian Rupee'], ['JPY', 'Yen'],
]);

/** cdCls 35. */
export const ADJUSTMENT_REASONS: readonly Code[] = codes([
  ['01', 'Cargo Transit Out'], ['02', 'Cargo Transit In'], ['03', 'Adjustment In'], ['04', 'Adjustment Out'],
  ['05', 'Discarding'], ['06', 'Processing Raw'], ['07', 'Processing Result'],
]);

/** cdCls 37. */
export const SALES_RECEIPT_TYPES: readonly Code[] = codes([['S', 'Sale'], ['R', 'Credit Note after Sale']]);

/** cdCls 38. */
export const PURCHASE_RECEIPT_TYPES: readonly Code[] = codes([['P', 'Purchase'], ['R', 'Credit Note after Purchase']]);

/** cdCls 48. */
export const LOCALES: readonly Code[] = codes([['en_GB', 'English'], ['en_sw', 'Kiswahili'], ['fr_FR', 'French'], ['ko_KR', 'Korean']]);

/** cdCls 49: itemClsLvl. */
export const CATEGORY_LEVELS: readonly Code[] = codes([['1', 'Segment'], ['2', 'Family'], ['3', 'Class'], ['4', 'Commodity']]);

/** regTyCd (class number not seen in any source). */
export const REGISTRATION_TYPES: readonly Code[] = codes([['A', 'Automatic'], ['M', 'Manual']]);

/** The classes selectCodeList serves, by KRA's cdCls. */
export const CODE_CLASSES: readonly CodeTable[] = [
  { id: '04', name: 'Taxation Type', codes: TAX_TYPES },
  { id: '05', name: 'Country', codes: COUNTRIES },
  { id: '07', name: 'Payment Type', codes: PAYMENT_TYPES },
  { id: '09', name: 'Branch Status', codes: BRANCH_STATUSES },
  { id: '10', name: 'Quantity Unit', codes: QUANTITY_UNITS },
  { id: '11', name: 'Sale Status', codes: TRANSACTION_STATUSES },
  { id: '12', name: 'Stock I/O Type', codes: STOCK_IO_TYPES },
  { id: '14', name: 'Transaction Type', codes: TRANSACTION_TYPES },
  { id: '17', name: 'Packing Unit', codes: PACKAGING_UNITS },
  { id: '24', name: 'Item Type', codes: ITEM_TYPES },
  { id: '26', name: 'Import Item Status', codes: IMPORT_ITEM_STATUSES },
  { id: '32', name: 'Refund Reason', codes: REFUND_REASONS },
  { id: '33', name: 'Currency', codes: CURRENCIES },
  { id: '34', name: 'Purchase Status', codes: TRANSACTION_STATUSES },
  { id: '35', name: 'Reason of Inventory Adjustment', codes: ADJUSTMENT_REASONS },
  { id: '37', name: 'Sales Receipt Type', codes: SALES_RECEIPT_TYPES },
  { id: '38', name: 'Purchase Receipt Type', codes: PURCHASE_RECEIPT_TYPES },
  { id: '48', name: 'Locale', codes: LOCALES },
  { id: '49', name: 'Category Level', codes: CATEGORY_LEVELS },
];
