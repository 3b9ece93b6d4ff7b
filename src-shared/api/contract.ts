/**
 * THE contract between the till (renderer) and the engine (main). Every user action is one method
 * here; the IPC bridge, the HTTP host and the renderer's client all derive from this table.
 */
import { z } from 'zod';
import type { ApiErrorBody, ErrorCode } from './errors';
import type { Role } from './roles';
import type { ReceiptDocument } from '../receipt/model';
import { dayMethods } from './day';
import { method } from './method';

export type { MethodDef } from './method';

const none = z.object({}).strict();

export interface UserSummary {
  id: number;
  name: string;
  role: Role;
}

export type KraMode = 'demo' | 'sandbox' | 'production';

export interface Health {
  status: 'ok';
  version: string;
  mode: KraMode;
  time: string;
}

export type SyncState = 'online' | 'offline' | 'blocked';

export interface SyncStatus {
  state: SyncState;
  /** Sales committed locally that KRA has not signed yet. */
  queueDepth: number;
  oldestUnsignedAgeSeconds: number | null;
  lastContactAt: string | null;
  /** Seconds left before the watchdog refuses new invoices; null while online. */
  secondsUntilBlock: number | null;
  lastError: { code: string; message: string } | null;
  /** The store's limit on time without KRA before new invoices stop. */
  offlineLimitSeconds: number;
  /** What stops selling or sending, or will soon (ledger behind KRA or broken, disk full or low): the till shows each. */
  alerts: SyncAlert[];
}

/** A condition the status bar shows in words (the i18n key error.<code>, filled from params). */
export interface SyncAlert {
  code: ErrorCode;
  message: string;
  params: Record<string, string | number>;
}

export interface ResyncResult {
  /** The invcNo the next unsigned sale will be sent with. */
  nextInvcNo: number;
  /** Unsigned sales that gave up an invcNo KRA holds for another sale. */
  renumbered: number;
  /** Unsigned sales KRA turned out to hold after all, now signed. */
  adopted: number;
}

export interface StorageSettings {
  /** Below this much free space in the data folder the till warns that the disk is nearly full. */
  diskMarginMb: number;
}

/** The clock guard, re-anchored to KRA's time past sales dated in the future (which keep their dates). */
export interface ClockReanchored {
  /** Sales up to this one are not compared with the clock any more. */
  afterSaleId: number;
  /** KRA's time when re-anchored: later sales may not be dated before it. */
  kraTime: string;
  /** The newest (future) date among the sales left behind. */
  lastSaleAt: string;
}

export const KRA_PIN = /^[A-Z][0-9]{9}[A-Z]$/;
const cents = z.number().int('whole cents').nonnegative();

/** The most one sale, credit note or payment may come to: KES 1,000,000,000 (a sane bound, far above any till's day). */
export const MAX_SALE_TOTAL = 100_000_000_000;
/** The most one unit may cost, as items.create allows: KES 100,000,000. */
export const MAX_UNIT_PRICE = 10_000_000_000;
/** The most of one item on one line: 100,000 units, in hundredths. */
export const MAX_LINE_QUANTITY = 100_000_00;
const amount = cents.max(MAX_SALE_TOTAL, 'at most KES 1,000,000,000 (100000000000 cents)');
const lineQuantity = z
  .number()
  .int('hundredths of a unit')
  .min(1)
  .max(MAX_LINE_QUANTITY, 'at most 100,000 units on one line (10000000 hundredths)');

const discount = z.union([
  z.object({ rate: z.number().int('hundredths of a percent').min(1).max(10_000) }).strict(),
  z.object({ amount: amount.min(1) }).strict(),
]);

const tenders = z
  .array(
    z
      .object({
        kind: z.enum(['cash', 'mpesa', 'card', 'credit']),
        amount: amount.min(1),
        reference: z.string().trim().toUpperCase().max(20, 'at most 20 characters').optional(),
      })
      .strict(),
  )
  .min(1, 'a payment is needed')
  .max(10);

/** From session.authorize: a supervisor's consent, spent on one sale or credit note. */
const approval = z.string().min(1).max(100).optional();

export const saleInput = z
  .object({
    lines: z
      .array(
        z
          .object({
            itemCode: z.string().min(1).max(20),
            /** Hundredths: 150 is 1.5 kg. */
            quantity: lineQuantity,
            discount: discount.optional(),
            /** A price other than the catalogue's, VAT-inclusive cents; needs a supervisor. */
            priceOverride: cents.min(1).max(MAX_UNIT_PRICE, 'at most KES 100,000,000 (10000000000 cents)').optional(),
          })
          .strict(),
      )
      .min(1, 'a sale needs at least one line')
      .max(500),
    cartDiscount: discount.optional(),
    tenders,
    customer: z
      .object({
        tin: z.string().trim().toUpperCase().regex(KRA_PIN, 'a KRA PIN is a letter, 9 digits and a letter (e.g. P051234567M)'),
        name: z.string().trim().min(1).max(60),
      })
      .strict()
      .optional(),
    /** From session.authorize: a supervisor's consent to this sale's discounts or price overrides. */
    approval,
    /**
     * The till's own name for this cart, new for each cart: a request sent again with the same key
     * (after an answer was lost) gets the sale the first one made, not a second sale.
     */
    clientKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'a key of 16 to 64 letters, digits, - or _, new for each cart').optional(),
  })
  .strict();

export type SaleInput = z.input<typeof saleInput>;

/** A credit note: part or all of a sale taken back, and how the money goes back to the customer. */
export const refundInput = z
  .object({
    originalSaleId: z.number().int().positive(),
    /** KRA's credit-note reason (code class 32): 01 missing quantity ... 06 refund ... 13 other. */
    reasonCode: z.string().regex(/^(0[1-9]|1[0-3])$/, 'a KRA credit-note reason code, 01 to 13'),
    lines: z
      .array(
        z
          .object({
            /** The line of the original sale. */
            seq: z.number().int().positive().max(500),
            quantity: lineQuantity,
          })
          .strict(),
      )
      .min(1, 'a credit note takes back at least one line')
      .max(500),
    tenders,
    approval,
  })
  .strict();

export type RefundInput = z.input<typeof refundInput>;

export interface ReceiptLine {
  seq: number;
  itemCode: string;
  name: string;
  quantity: number;
  unitPrice: number;
  discount: number;
  total: number;
  taxClass: 'A' | 'B' | 'C' | 'D' | 'E';
}

export interface CompletedSale {
  saleId: number;
  receiptNo: number;
  kind: 'sale' | 'creditNote';
  tradeInvoiceNo: string;
  committedAt: string;
  lines: ReceiptLine[];
  total: number;
  taxableTotal: number;
  taxTotal: number;
  paid: number;
  change: number;
  /** Provisional until KRA signs it; the sync worker makes it a tax invoice. */
  status: 'provisional' | 'signed';
}

export interface ParkedSale {
  saleId: number;
  receiptNo: number;
  committedAt: string;
  total: number;
  reason: string;
}

/** A KRA request other than a sale (an item, a stock movement, a purchase...) that KRA refused. */
export interface ParkedJob {
  jobId: number;
  /** KRA's endpoint: saveItem, insertStockIO, saveStockMaster, insertTrnsPurchase, updateImportItem, saveBhfUser. */
  endpoint: string;
  /** What it is about: an item code, "sale 12", "purchase 3". */
  subject: string;
  queuedAt: string;
  reason: string;
}

export type LedgerVerdict =
  | { ok: true; sales: number; zReports?: number }
  | { ok: false; sales: number; firstBroken: { saleId: number; receiptNo: number; reason: string } }
  | { ok: false; sales: number; zReports: number; brokenZ: { zNumber: number; reason: string } };

/** An item as the till sees it: enough to show, scan and sell it. */
export interface CatalogItem {
  code: string;
  name: string;
  barcode: string | null;
  /** VAT-inclusive cents. */
  unitPrice: number;
  taxClass: 'A' | 'B' | 'C' | 'D' | 'E';
  quantityUnit: string;
  /** Sold by weight or measure: quantities may have decimals (1.25 kg). */
  weighed: boolean;
  registered: boolean;
  /** On hand, in hundredths of the quantity unit; below zero when more was sold than counted; null for a service. */
  stock: number | null;
}

/** A cart the till has open: what a hold keeps and a void records. */
export const openCart = z
  .object({
    lines: saleInput.shape.lines,
    cartDiscount: saleInput.shape.cartDiscount,
    customer: saleInput.shape.customer,
  })
  .strict();

export type OpenCart = z.output<typeof openCart>;

export interface HoldSummary {
  holdId: number;
  label: string;
  heldAt: string;
  cashierName: string;
  lineCount: number;
  /** At today's prices, after discounts; null when an item has left the catalogue. */
  total: number | null;
}

export interface RecalledCart {
  holdId: number;
  label: string;
  cart: OpenCart;
  /** The cart's items at today's prices, for the till to show. */
  items: CatalogItem[];
}

export const APPROVAL_ACTIONS = ['discount', 'priceOverride', 'refund'] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

export const approvalRequest = z
  .object({
    pin: z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits'),
    action: z.enum(APPROVAL_ACTIONS, { error: 'the action is discount, priceOverride or refund' }),
    /** What the supervisor agrees to: the cents taken off the sale, or the most a credit note pays back. */
    amount,
    /** For a refund: the sale it credits. */
    saleId: z.number().int('a sale id is a whole number').positive().optional(),
  })
  .strict()
  .superRefine((request, ctx) => {
    if (request.action === 'refund' && request.saleId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['saleId'], message: 'a refund is approved for one sale: give its id' });
    }
    if (request.action !== 'refund' && request.saleId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['saleId'], message: 'only a refund names a sale' });
    }
  });

export interface Approval {
  /** Pass as sale.complete's or sale.refund's `approval`; good for one use as approved, until expiresAt. */
  approval: string;
  approver: UserSummary;
  expiresAt: string;
}

export type PaperWidth = 58 | 80;
export type PrinterKind = 'tcp' | 'device' | 'system' | 'none';

export interface PrintingSettings {
  paperWidth: PaperWidth;
  /**
   * tcp: `host[:port]` (port 9100 by default); device: `/dev/usb/lp0`; system: printer name, '' for the default.
   * anyNetwork: a manager allows a network printer outside the shop's own network or on another port.
   */
  printer: { kind: PrinterKind; address: string; anyNetwork: boolean };
  /** Header and footer messages printed on every receipt ('' for none). */
  topMsg: string;
  btmMsg: string;
  /** `data:image/png;base64,...`, at most 384x384 pixels. */
  logo: string | null;
}

export interface PrintJobSummary {
  id: number;
  createdAt: string;
  saleId: number | null;
  kind: 'receipt' | 'copy' | 'drawer' | 'report';
  printer: string;
  state: 'queued' | 'printed' | 'failed';
  attempts: number;
  lastError: string | null;
  printedAt: string | null;
}

/** What a manager's test print did: which way it went, to where, and how it ended. */
export interface PrintTestOutcome {
  transport: 'tcp' | 'device' | 'system';
  /** The printer as set: `192.168.1.50:9100`, `/dev/usb/lp0`, a system printer's name. */
  target: string;
  /** Where the job really goes: the IP address and port, the device's real path, the system printer; null when refused first. */
  resolved: string | null;
  printed: boolean;
  /** Why it did not print: PRINTER_PATH_REFUSED, PRINTER_ADDRESS_REFUSED, ..., or PRINTER_FAILED with the printer's words. */
  error: ApiErrorBody | null;
}

/** A receipt print and, on a cash sale's first print, the drawer kick sent before it. */
export interface PrintOutcome {
  receipt: PrintJobSummary;
  drawer: PrintJobSummary | null;
}

const TCP_ADDRESS = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::(\d{1,5}))?$/;
const DEVICE_PATH = /^(?:\/dev\/[A-Za-z0-9._/-]+|\\\\\.\\COM\d+)$/;
const SYSTEM_PRINTER = /^[A-Za-z0-9._@-]*$/;

function printerAddressProblem(printer: { kind: PrinterKind; address: string }): string | null {
  const { kind, address } = printer;
  if (kind === 'tcp') {
    const match = TCP_ADDRESS.exec(address);
    const port = match?.[1] === undefined ? 9100 : Number(match[1]);
    return match && port >= 1 && port <= 65535 ? null : 'a network printer needs its IP address or name, with a port if not 9100 (e.g. 192.168.1.50:9100)';
  }
  if (kind === 'device') return DEVICE_PATH.test(address) ? null : 'a USB or serial printer needs its device path (e.g. /dev/usb/lp0 or /dev/ttyUSB0)';
  if (kind === 'system') return SYSTEM_PRINTER.test(address) ? null : 'a system printer name has only letters, digits, dots, dashes and underscores (leave it empty for the default printer)';
  return null;
}

export const printingSettingsInput = z
  .object({
    paperWidth: z.literal([58, 80], { error: 'the paper is 58 or 80 mm wide' }),
    printer: z
      .object({
        kind: z.enum(['tcp', 'device', 'system', 'none'], { error: 'the printer is tcp, device, system or none' }),
        address: z.string().trim().max(200, 'at most 200 characters'),
        anyNetwork: z.boolean({ error: 'anyNetwork is true or false' }).default(false),
      })
      .strict(),
    topMsg: z.string().trim().max(200, 'at most 200 characters'),
    btmMsg: z.string().trim().max(200, 'at most 200 characters'),
    logo: z
      .string()
      .max(200_000, 'the logo is too large: use a PNG of at most 384x384 pixels')
      .regex(/^data:image\/png;base64,/, 'the logo must be a PNG data URL (data:image/png;base64,...)')
      .nullable(),
  })
  .strict()
  .superRefine((settings, ctx) => {
    const problem = printerAddressProblem(settings.printer);
    if (problem) ctx.addIssue({ code: 'custom', path: ['printer', 'address'], message: problem });
  })
  .transform((settings) => (settings.printer.kind === 'none' ? { ...settings, printer: { kind: 'none' as const, address: '', anyNetwork: false } } : settings));

/** KRA's master-data lists the till keeps, each pulled from its own lastReqDt watermark. */
export const MASTER_LISTS = ['codes', 'itemClasses', 'notices', 'branches'] as const;
export type MasterList = (typeof MASTER_LISTS)[number];

export interface MasterListStatus {
  list: MasterList;
  /** KRA's time of the last successful pull (YYYYMMDDhhmmss, Nairobi); null before the first. */
  lastReqDt: string | null;
  syncedAt: string | null;
  count: number;
}

export interface MasterListSync {
  list: MasterList;
  /** updated: KRA sent records; unchanged: KRA had nothing new (001); failed: the watermark stays. */
  outcome: 'updated' | 'unchanged' | 'failed';
  received: number;
  error: { code: string; message: string } | null;
}

export interface CodeEntry {
  code: string;
  name: string;
  description: string | null;
  sortOrder: number | null;
  /** For class 04, the tax rate in percent. */
  userDefined1: string | null;
}

/** A tax class's rate in this environment, in hundredths of a percent (1600 is 16%). */
export interface TaxRateEntry {
  taxClass: 'A' | 'B' | 'C' | 'D' | 'E';
  /** What KRA's code list (cdCls 04) says; null when the list does not carry the class. */
  kraRate: number | null;
  /** A manager's override for this environment, or null. */
  override: number | null;
  /** What invoices use: the override, else KRA's rate; null: the class is not sold. */
  rate: number | null;
}

export interface CodeListing {
  /** kra: synced from selectCodeList; builtIn: Mauzo's copy, until the first sync. */
  source: 'kra' | 'builtIn';
  codes: CodeEntry[];
}

export interface NoticeEntry {
  noticeNo: number;
  title: string | null;
  content: string | null;
  url: string | null;
  registeredAt: string | null;
}

export interface TaxpayerLookup {
  tin: string;
  name: string | null;
  /** KRA's taxprSttsCd as sent ("A" is active). */
  status: string | null;
  location: { county: string | null; subCounty: string | null; locality: string | null; description: string | null };
}

export interface SavedCustomer {
  customerNo: string;
  tin: string;
  name: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  remark: string | null;
  /** False when KRA could not be reached: the customer is kept here and must be sent again. */
  sentToKra: boolean;
  kraError: string | null;
}

/** Where a request queued for KRA stands: waiting (not answered yet), accepted, or refused with KRA's words. */
export interface KraJobStatus {
  state: 'waiting' | 'accepted' | 'refused';
  /** The number of its KRA sequence (a purchase's invcNo), once given. */
  number: number | null;
  /** KRA's words on a refusal; on a job still waiting, why the last try failed. */
  error: string | null;
}

export interface PurchaseLine {
  /** The supplier's line number, to map in purchases.confirm. */
  itemSeq: number;
  supplierItemCode: string | null;
  name: string | null;
  /** Hundredths, in the supplier's unit. */
  quantity: number;
  quantityUnit: string | null;
  /** VAT-inclusive cents. */
  unitPrice: number;
  total: number;
  taxClass: string | null;
  /** The item of ours it was confirmed as. */
  itemCode: string | null;
}

/** A sale a supplier declared to KRA with this store as the buyer, and what the store made of it. */
export interface PurchaseSummary {
  purchaseId: number;
  supplier: { tin: string; name: string | null; branchId: string | null; invoiceNo: number; sdcId: string | null };
  /** The supplier's document: a sale to us, or a credit note on one. */
  kind: 'sale' | 'creditNote';
  /** YYYYMMDD, the supplier's sale date. */
  salesDate: string | null;
  total: number;
  taxTotal: number;
  /** KRA's payment type (code class 07) as the supplier declared it. */
  paymentType: string | null;
  lines: PurchaseLine[];
  state: 'received' | 'confirmed' | 'rejected';
  fetchedAt: string;
  decidedAt: string | null;
  /** The insertTrnsPurchase request, once confirmed. */
  kra: KraJobStatus | null;
}

export interface InboundFetch {
  /** Records KRA listed. */
  listed: number;
  /** Of those, how many were new here. */
  added: number;
}

export const IMPORT_STATES = ['unsent', 'waiting', 'approved', 'cancelled'] as const;

/** A line of a customs declaration for this taxpayer's imports. */
export interface ImportSummary {
  taskCode: string;
  /** YYYYMMDD. */
  declarationDate: string;
  itemSeq: number;
  declarationNo: string | null;
  hsCode: string | null;
  name: string | null;
  /** Code class 26 (1 unsent, 2 waiting, 3 approved, 4 cancelled); 'other' for a code KRA added since. */
  state: (typeof IMPORT_STATES)[number] | 'other';
  statusCode: string;
  originCountry: string | null;
  /** Hundredths, in the customs unit. */
  quantity: number;
  quantityUnit: string | null;
  supplierName: string | null;
  agentName: string | null;
  /** Cents of the invoice currency. */
  invoiceAmount: number | null;
  invoiceCurrency: string | null;
  /** The item of ours it was approved (or cancelled) as. */
  itemCode: string | null;
  decidedAt: string | null;
  /** The updateImportItem request, once decided. */
  kra: KraJobStatus | null;
}

export const STAFF_ROLES = ['cashier', 'supervisor', 'manager'] as const;

export interface BranchUser extends UserSummary {
  active: boolean;
  createdAt: string;
  /** The saveBhfUser request that told KRA of the user. */
  kra: KraJobStatus | null;
}

const purchaseId = z.number().int('a purchase id is a whole number').positive();
const declarationLine = {
  taskCode: z.string().trim().min(1, 'the customs task code, as imports.list shows it').max(50),
  declarationDate: z.string().regex(/^\d{8}$/, 'the declaration date exactly as imports.list shows it (8 digits)'),
  itemSeq: z.number().int('a line number is a whole number').positive(),
};

const customerPin = z
  .string()
  .trim()
  .toUpperCase()
  .regex(KRA_PIN, 'a KRA PIN is a letter, 9 digits and a letter, e.g. P051234567M');
const optionalText = (max: number) => z.string().trim().max(max, `at most ${max} characters`).optional();

const saleId = z.number().int('a sale id is a whole number').positive();
const userId = z.number().int('a user id is a whole number').positive();
const pinInput = z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits');

export const ITEM_REGISTRATIONS = ['waiting', 'accepted', 'refused'] as const;

/** An item as a manager keeps it: its KRA fields and where KRA stands on it. */
export interface ItemDetail {
  /** KRA's item code: origin, type, packaging unit, quantity unit and a 7-digit number. */
  code: string;
  name: string;
  barcode: string | null;
  /** VAT-inclusive cents. */
  unitPrice: number;
  taxClass: 'A' | 'B' | 'C' | 'D' | 'E';
  /** KRA's item classification (selectItemClsList). */
  itemClass: string;
  /** Code class 24: 1 raw material, 2 finished product, 3 service. */
  itemType: '1' | '2' | '3';
  /** Code class 05. */
  origin: string;
  /** Code class 17. */
  packagingUnit: string;
  /** Code class 10. */
  quantityUnit: string;
  active: boolean;
  /** KRA has accepted a version of the item: it may be sold. */
  registered: boolean;
  /** waiting: not yet accepted; refused: KRA refused its latest version, in kraError's words. */
  registration: (typeof ITEM_REGISTRATIONS)[number];
  kraError: string | null;
  updatedAt: string | null;
}

export interface ItemPage {
  total: number;
  items: ItemDetail[];
}

export interface ItemImportProblem {
  /** The CSV row, counted as a spreadsheet does: the header is row 1. */
  row: number;
  /** The CSV column (or `csv` for the file's shape). */
  field: string;
  message: string;
}

export interface ItemImportResult {
  /** Rows written (0 on a dry run or when any row is wrong: an import is all or nothing). */
  imported: number;
  /** Of the good rows, how many are new items and how many change existing ones. */
  created: number;
  updated: number;
  dryRun: boolean;
  /** At most 1000; errorCount has them all. */
  errors: ItemImportProblem[];
  errorCount: number;
}

const itemTypeCode = z.enum(['1', '2', '3'], { error: 'an item type is 1 (raw material), 2 (finished product) or 3 (service)' });
const unitCode = (what: string) =>
  z.string({ error: `the ${what} is needed` }).trim().toUpperCase().regex(/^[A-Z0-9]{1,3}$/, `a KRA ${what} code, e.g. ${what === 'packaging unit' ? 'NT (net) or CT (carton)' : 'NO (number) or KG'}`);

/** An item's own fields, each checked as KRA's saveItem needs it. */
const itemShape = {
  name: z.string({ error: "the item's name is needed" }).trim().min(1, "the item's name is needed").max(200, "at most 200 characters (KRA's limit)"),
  barcode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z.-]{1,20}$/, 'a barcode is 1 to 20 digits or letters, as the scanner reads it')
    .nullable(),
  /** VAT-inclusive cents. */
  unitPrice: z.number({ error: 'the price is needed' }).int('whole cents').min(1, 'the price must be above 0').max(10_000_000_000, 'at most KES 100,000,000'),
  taxClass: z
    .string({ error: 'the tax class is needed' })
    .trim()
    .toUpperCase()
    .pipe(z.enum(['A', 'B', 'C', 'D', 'E'], { error: 'a KRA tax class: A (exempt), B (16%), C (zero rated), D (non-VAT) or E (8%)' })),
  itemClass: z
    .string({ error: 'the KRA item class is needed' })
    .trim()
    .regex(/^\d{8,10}$/, "a KRA item class is 8 to 10 digits from KRA's list, e.g. 50161509 (sugars)"),
  itemType: itemTypeCode,
  origin: z.string({ error: 'the country of origin is needed' }).trim().toUpperCase().regex(/^[A-Z]{2}$/, 'two letters, e.g. KE (Kenya) or CN (China)'),
  packagingUnit: unitCode('packaging unit'),
  quantityUnit: unitCode('quantity unit'),
  active: z.boolean({ error: 'active is true or false' }),
};

/** A new item as a manager types it (items.create) or a CSV row gives it (items.importCsv). */
export const itemFieldsInput = z
  .object({ ...itemShape, barcode: itemShape.barcode.default(null), active: itemShape.active.default(true) })
  .strict();

export type ItemFields = z.output<typeof itemFieldsInput>;

const itemCodeInput = z.string().trim().toUpperCase().min(1, 'the item code, as items.list shows it').max(20, 'at most 20 characters');

/** Code class 35, KRA's reasons for a stock adjustment, with the way each moves the stock. */
export const ADJUSTMENT_DIRECTIONS = {
  '01': 'out', // cargo transit out
  '02': 'in', // cargo transit in
  '03': 'in', // adjustment in
  '04': 'out', // adjustment out
  '05': 'out', // discarding
  '06': 'out', // processing: raw material used
  '07': 'in', // processing: the result
} as const;
export type AdjustmentReason = keyof typeof ADJUSTMENT_DIRECTIONS;

/** One change to an item's stock, and where KRA stands on it (the insertStockIO that reports it). */
export interface StockMoveSummary {
  id: number;
  occurredAt: string;
  /** Hundredths: positive in, negative out. */
  quantity: number;
  /** KRA's stock in/out type (code class 12): 03 return, 06 adjustment in, 11 sale, 16 adjustment out... */
  ioType: string;
  /** For adjustments, code class 35. */
  reasonCode: string | null;
  note: string | null;
  saleId: number | null;
  purchaseId: number | null;
  userName: string | null;
  /** A sale's movement waits for KRA to sign the sale first; `number` is its sarNo. */
  kra: KraJobStatus;
}

export interface StockHistory {
  itemCode: string;
  name: string;
  /** On hand here, hundredths. */
  stock: number;
  /** What KRA has accepted, hundredths. */
  kraStock: number;
  moves: StockMoveSummary[];
}

export const api = {
  'system.health': method<Health>()({ input: none, access: 'public', errors: [] }),
  'session.login': method<{ token: string; user: UserSummary }>()({
    input: z.object({ pin: pinInput }).strict(),
    access: 'public',
    errors: ['WRONG_PIN', 'PIN_LOCKED'],
  }),
  'session.logout': method<{ loggedOut: true }>()({ input: none, access: 'cashier', errors: [] }),
  'sync.status': method<SyncStatus>()({ input: none, access: 'cashier', errors: [] }),
  'clock.reanchor': method<ClockReanchored>()({
    input: none,
    access: 'manager',
    errors: ['KRA_UNREACHABLE', 'CLOCK_AHEAD', 'CLOCK_BEHIND', 'CLOCK_ANCHOR_NOT_NEEDED'],
  }),
  'sync.parked': method<ParkedSale[]>()({ input: none, access: 'manager', errors: [] }),
  'sync.redrive': method<{ saleId: number }>()({
    input: z.object({ saleId: z.number().int().positive() }).strict(),
    access: 'manager',
    errors: ['SALE_NOT_PARKED'],
  }),
  'sync.resync': method<ResyncResult>()({ input: none, access: 'manager', errors: ['SYNC_NOT_STOPPED', 'KRA_UNREACHABLE'] }),
  'settings.storage.get': method<StorageSettings>()({ input: none, access: 'cashier', errors: [] }),
  'settings.storage.set': method<StorageSettings>()({
    input: z.object({ diskMarginMb: z.number().int('whole megabytes').min(1).max(100_000) }).strict(),
    access: 'manager',
    errors: [],
  }),
  'sync.parkedJobs': method<ParkedJob[]>()({ input: none, access: 'manager', errors: [] }),
  'sync.redriveJob': method<{ jobId: number }>()({
    input: z.object({ jobId: z.number().int('a job id is a whole number').positive() }).strict(),
    access: 'manager',
    errors: ['JOB_NOT_PARKED'],
  }),
  'sale.complete': method<CompletedSale>()({
    input: saleInput,
    access: 'cashier',
    errors: [
      'ITEM_NOT_FOUND',
      'ITEM_NOT_REGISTERED',
      'ITEM_REFUSED_BY_KRA',
      'QUANTITY_NOT_WHOLE',
      'ITEM_WITHDRAWN',
      'TENDER_SHORT',
      'CHANGE_NOT_IN_CASH',
      'MPESA_CODE_REQUIRED',
      'MPESA_CODE_USED',
      'CUSTOMER_REQUIRED',
      'DISCOUNT_NOT_ALLOWED',
      'DISCOUNT_EXCEEDS_LINE',
      'WATCHDOG_BLOCKED',
      'CLOCK_BEHIND',
      'CLOCK_AHEAD',
      'DEVICE_NOT_INITIALISED',
      'CLIENT_KEY_REUSED',
      'TAX_CLASS_NOT_LISTED',
    ],
  }),
  'sale.refund': method<CompletedSale>()({
    input: refundInput,
    access: 'cashier',
    errors: [
      'SALE_NOT_FOUND',
      'REFUND_OF_REFUND',
      'REFUND_EXCEEDS_SALE',
      'REFUND_NEEDS_APPROVAL',
      'REFUND_TENDER_MISMATCH',
      'CUSTOMER_REQUIRED',
      'MPESA_CODE_REQUIRED',
      'MPESA_CODE_USED',
      'WATCHDOG_BLOCKED',
      'CLOCK_BEHIND',
      'CLOCK_AHEAD',
      'DEVICE_NOT_INITIALISED',
    ],
  }),
  'ledger.verify': method<LedgerVerdict>()({ input: none, access: 'manager', errors: [] }),
  'session.authorize': method<Approval>()({
    input: approvalRequest,
    access: 'cashier',
    errors: ['WRONG_PIN', 'PIN_LOCKED'],
  }),
  'session.changePin': method<{ changed: true }>()({
    input: z.object({ oldPin: pinInput, newPin: pinInput }).strict(),
    access: 'cashier',
    errors: ['WRONG_PIN', 'PIN_LOCKED', 'PIN_IN_USE'],
  }),
  'items.search': method<CatalogItem[]>()({
    input: z
      .object({ query: z.string().max(60, 'at most 60 characters'), limit: z.number().int().min(1).max(50).default(20) })
      .strict(),
    access: 'cashier',
    errors: [],
  }),
  'items.lookup': method<CatalogItem>()({
    input: z.object({ code: z.string().trim().min(1, 'scan or type a barcode or item code').max(40) }).strict(),
    access: 'cashier',
    errors: ['ITEM_NOT_FOUND'],
  }),
  'items.quickKeys': method<CatalogItem[]>()({ input: none, access: 'cashier', errors: [] }),
  /** A count that differs from the books: opening stock, breakage, expiry... KRA hears of it as 06 in or 16 out. */
  'stock.adjust': method<{ itemCode: string; stock: number; move: StockMoveSummary }>()({
    input: z
      .object({
        itemCode: z.string().trim().toUpperCase().min(1, 'the item code, as items.search shows it').max(20, 'at most 20 characters'),
        /** Hundredths, signed: 1200 puts 12 in, -150 takes 1.5 out. */
        quantity: z
          .number({ error: 'the quantity is needed' })
          .int('hundredths of a unit: 150 is 1.5')
          .min(-100_000_00, 'at most 100,000 at a time')
          .max(100_000_00, 'at most 100,000 at a time')
          .refine((quantity) => quantity !== 0, 'not 0: positive puts stock in, negative takes it out'),
        reasonCode: z.enum(Object.keys(ADJUSTMENT_DIRECTIONS) as [AdjustmentReason, ...AdjustmentReason[]], {
          error: 'a KRA adjustment reason (code class 35): 02, 03 or 07 put stock in; 01, 04, 05 or 06 take it out',
        }),
        note: z.string().trim().max(200, 'at most 200 characters').optional(),
      })
      .strict(),
    access: 'manager',
    errors: ['ITEM_NOT_FOUND', 'ITEM_HAS_NO_STOCK', 'ADJUSTMENT_REASON_MISMATCH', 'TAX_CLASS_NOT_LISTED'],
  }),
  'stock.moves': method<StockHistory>()({
    input: z
      .object({
        itemCode: z.string().trim().toUpperCase().min(1, 'the item code, as items.search shows it').max(20, 'at most 20 characters'),
        limit: z.number().int().min(1).max(200, 'at most 200 a page').default(50),
        /** A move id: the page of moves older than it. */
        before: z.number().int().positive().optional(),
      })
      .strict(),
    access: 'manager',
    errors: ['ITEM_NOT_FOUND'],
  }),
  'cart.hold': method<{ holdId: number; label: string }>()({
    input: z
      .object({ label: z.string().trim().min(1, 'name the hold, e.g. after the customer').max(40), cart: openCart })
      .strict(),
    access: 'cashier',
    errors: [],
  }),
  'cart.holds': method<HoldSummary[]>()({ input: none, access: 'cashier', errors: [] }),
  'cart.recall': method<RecalledCart>()({
    input: z.object({ holdId: z.number().int().positive() }).strict(),
    access: 'cashier',
    errors: ['HOLD_NOT_FOUND'],
  }),
  'cart.void': method<{ voided: true }>()({
    input: z
      .object({ reason: z.string().trim().min(3, 'say why, in a few words').max(200), cart: openCart })
      .strict(),
    access: 'cashier',
    errors: [],
  }),
  'receipt.get': method<ReceiptDocument>()({
    input: z.object({ saleId, copy: z.boolean().default(false) }).strict(),
    access: 'cashier',
    errors: ['SALE_NOT_FOUND', 'DEVICE_NOT_INITIALISED'],
  }),
  'receipt.print': method<PrintOutcome>()({
    input: z.object({ saleId }).strict(),
    access: 'cashier',
    errors: ['SALE_NOT_FOUND', 'DEVICE_NOT_INITIALISED', 'PRINTER_NOT_CONFIGURED'],
  }),
  'receipt.reprintLast': method<PrintOutcome>()({
    input: none,
    access: 'cashier',
    errors: ['SALE_NOT_FOUND', 'DEVICE_NOT_INITIALISED', 'PRINTER_NOT_CONFIGURED'],
  }),
  'receipt.pdf': method<{ fileName: string; base64: string }>()({
    input: z.object({ saleId, paper: z.enum(['roll80', 'a4'], { error: 'the paper is roll80 or a4' }) }).strict(),
    access: 'cashier',
    errors: ['SALE_NOT_FOUND', 'DEVICE_NOT_INITIALISED'],
  }),
  'print.queue': method<PrintJobSummary[]>()({ input: none, access: 'cashier', errors: [] }),
  'print.retry': method<PrintJobSummary>()({
    input: z.object({ jobId: z.number().int('a job id is a whole number').positive() }).strict(),
    access: 'cashier',
    errors: ['PRINT_JOB_NOT_FOUND', 'PRINT_JOB_DONE', 'PRINTER_NOT_CONFIGURED'],
  }),
  'drawer.open': method<PrintJobSummary>()({
    input: z.object({ reason: z.string().trim().max(200, 'at most 200 characters').default('no sale') }).strict(),
    access: 'supervisor',
    errors: ['DRAWER_NOT_AVAILABLE'],
  }),
  'settings.printing.get': method<PrintingSettings>()({ input: none, access: 'cashier', errors: [] }),
  'settings.printing.set': method<PrintingSettings>()({
    input: printingSettingsInput,
    access: 'manager',
    errors: ['PRINTER_PATH_REFUSED', 'PRINTER_DEVICE_MISSING', 'PRINTER_ADDRESS_REFUSED', 'PRINTER_HOST_UNKNOWN'],
  }),
  'print.test': method<PrintTestOutcome>()({ input: none, access: 'manager', errors: ['PRINTER_NOT_CONFIGURED'] }),
  'masterData.sync': method<MasterListSync[]>()({
    input: z
      .object({ lists: z.array(z.enum(MASTER_LISTS, { error: 'a list is codes, itemClasses, notices or branches' })).min(1).optional() })
      .strict(),
    access: 'manager',
    errors: ['DEVICE_NOT_INITIALISED'],
  }),
  'masterData.status': method<MasterListStatus[]>()({ input: none, access: 'cashier', errors: [] }),
  'codes.list': method<CodeListing>()({
    input: z.object({ cdCls: z.string().regex(/^\d{2}$/, 'a code class is two digits, e.g. 04 for tax types') }).strict(),
    access: 'cashier',
    errors: [],
  }),
  'notices.list': method<NoticeEntry[]>()({ input: none, access: 'cashier', errors: [] }),
  'taxRates.list': method<TaxRateEntry[]>()({ input: none, access: 'cashier', errors: [] }),
  /** Overrides KRA's rate of one class in this environment (null: back to KRA's); audited with the reason. */
  'taxRates.override': method<TaxRateEntry[]>()({
    input: z
      .object({
        taxClass: z.enum(['A', 'B', 'C', 'D', 'E'], 'a KRA tax class: A, B, C, D or E'),
        rate: z.number().int('whole hundredths of a percent (800 is 8%)').min(0, 'at least 0').max(10_000, 'at most 10000 (100%)').nullable(),
        reason: z.string().trim().min(1, 'say why the rate differs from KRA\'s list').max(200, 'at most 200 characters'),
      })
      .strict(),
    access: 'manager',
    errors: [],
  }),
  'customers.lookup': method<TaxpayerLookup>()({
    input: z.object({ tin: customerPin }).strict(),
    access: 'cashier',
    errors: ['CUSTOMER_NOT_FOUND', 'KRA_UNREACHABLE', 'KRA_REJECTED', 'DEVICE_NOT_INITIALISED'],
  }),
  'customers.save': method<SavedCustomer>()({
    input: z
      .object({
        tin: customerPin,
        name: z.string().trim().min(1, "the customer's name is needed").max(60, 'at most 60 characters'),
        address: optionalText(300),
        phone: optionalText(20),
        email: z.string().trim().max(50, 'at most 50 characters').email('an email address such as jane@example.com').optional(),
        remark: optionalText(1000),
      })
      .strict(),
    access: 'cashier',
    errors: ['KRA_REJECTED', 'DEVICE_NOT_INITIALISED'],
  }),
  'purchases.fetch': method<InboundFetch>()({
    input: none,
    access: 'manager',
    errors: ['DEVICE_NOT_INITIALISED', 'KRA_UNREACHABLE', 'KRA_REJECTED'],
  }),
  'purchases.list': method<PurchaseSummary[]>()({
    input: z
      .object({ state: z.enum(['received', 'confirmed', 'rejected'], { error: 'the state is received, confirmed or rejected' }).optional() })
      .strict(),
    access: 'manager',
    errors: [],
  }),
  'purchases.confirm': method<PurchaseSummary>()({
    input: z
      .object({
        purchaseId,
        /** Each of the supplier's lines, as one of our registered items. */
        lines: z
          .array(
            z
              .object({
                itemSeq: z.number().int('a line number is a whole number').positive(),
                itemCode: z.string().trim().min(1, 'the code of one of your items').max(20, 'at most 20 characters'),
              })
              .strict(),
          )
          .min(1, "map each of the supplier's lines to one of your items")
          .max(500),
      })
      .strict(),
    access: 'manager',
    errors: ['PURCHASE_NOT_FOUND', 'PURCHASE_DECIDED', 'ITEM_NOT_FOUND', 'ITEM_NOT_REGISTERED', 'TAX_CLASS_NOT_LISTED'],
  }),
  'purchases.reject': method<PurchaseSummary>()({
    input: z
      .object({ purchaseId, reason: z.string().trim().min(3, 'say why, in a few words').max(200, 'at most 200 characters') })
      .strict(),
    access: 'manager',
    errors: ['PURCHASE_NOT_FOUND', 'PURCHASE_DECIDED'],
  }),
  'imports.fetch': method<InboundFetch>()({
    input: none,
    access: 'manager',
    errors: ['DEVICE_NOT_INITIALISED', 'KRA_UNREACHABLE', 'KRA_REJECTED'],
  }),
  'imports.list': method<ImportSummary[]>()({ input: none, access: 'manager', errors: [] }),
  'imports.decide': method<ImportSummary>()({
    input: z
      .object({
        ...declarationLine,
        decision: z.enum(['approve', 'cancel'], { error: 'the decision is approve or cancel' }),
        /** KRA wants one of our items on every answer, a cancellation too. */
        itemCode: z.string().trim().min(1, 'the code of the item of yours this import is').max(20, 'at most 20 characters'),
        remark: z.string().trim().min(1).max(400, 'at most 400 characters').optional(),
      })
      .strict(),
    access: 'manager',
    errors: ['IMPORT_NOT_FOUND', 'IMPORT_DECIDED', 'ITEM_NOT_FOUND', 'ITEM_NOT_REGISTERED', 'TAX_CLASS_NOT_LISTED'],
  }),
  'users.list': method<BranchUser[]>()({ input: none, access: 'manager', errors: [] }),
  'users.create': method<BranchUser>()({
    input: z
      .object({
        name: z.string().trim().min(1, "the person's name").max(60, 'at most 60 characters'),
        role: z.enum(STAFF_ROLES, { error: 'the role is cashier, supervisor or manager' }),
        pin: pinInput,
      })
      .strict(),
    access: 'manager',
    errors: ['PIN_IN_USE', 'PIN_LOCKED'],
  }),
  /** A new PIN for someone who forgot theirs; they are logged out everywhere. */
  'users.resetPin': method<BranchUser>()({
    input: z.object({ userId, pin: pinInput }).strict(),
    access: 'manager',
    errors: ['USER_NOT_FOUND', 'PIN_IN_USE', 'PIN_LOCKED'],
  }),
  /** A new role, or retired (active false) and back: users are never deleted, the ledger names them. */
  'users.update': method<BranchUser>()({
    input: z
      .object({
        userId,
        role: z.enum(STAFF_ROLES, { error: 'the role is cashier, supervisor or manager' }).optional(),
        active: z.boolean({ error: 'active is true or false' }).optional(),
      })
      .strict()
      .refine((change) => change.role !== undefined || change.active !== undefined, { message: 'give a new role or active', path: ['role'] }),
    access: 'manager',
    errors: ['USER_NOT_FOUND', 'LAST_MANAGER'],
  }),
  'items.list': method<ItemPage>()({
    input: z
      .object({
        query: z.string().max(60, 'at most 60 characters').optional(),
        registration: z.enum(ITEM_REGISTRATIONS, { error: 'registration is waiting, accepted or refused' }).optional(),
        active: z.boolean().optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500, 'at most 500 a page').default(100),
      })
      .strict(),
    access: 'manager',
    errors: [],
  }),
  'items.create': method<ItemDetail>()({
    input: itemFieldsInput,
    access: 'manager',
    errors: ['BARCODE_TAKEN', 'DEVICE_NOT_INITIALISED'],
  }),
  'items.update': method<ItemDetail>()({
    /** Only the fields given change; type, origin and units are part of the code and cannot. */
    input: z.object(itemShape).partial().extend({ code: itemCodeInput }).strict(),
    access: 'manager',
    errors: ['ITEM_NOT_FOUND', 'ITEM_FIELD_FIXED', 'BARCODE_TAKEN'],
  }),
  'items.importCsv': method<ItemImportResult>()({
    input: z
      .object({
        csv: z.string().min(1, 'the CSV file is empty').max(30_000_000, 'at most 30 MB: split the file'),
        dryRun: z.boolean().default(false),
      })
      .strict(),
    access: 'manager',
    errors: ['DEVICE_NOT_INITIALISED'],
    // 30 MB of CSV: a character takes up to three bytes in a JSON string (a quote, a line end or non-ASCII text).
    maxBodyBytes: 128_000_000,
  }),
  ...dayMethods,
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export type InputOf<M extends MethodName> = z.input<Api[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Api[M]['input']>;
export type OutputOf<M extends MethodName> = NonNullable<Api[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(api, name);
}
