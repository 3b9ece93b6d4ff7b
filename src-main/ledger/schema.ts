/**
 * The ledger's tables. Money is integer cents, quantities integer hundredths, instants ISO-8601 UTC.
 * `npm run db:generate` turns changes here into SQL under migrations/.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    role: text('role', { enum: ['cashier', 'supervisor', 'manager', 'installer'] }).notNull(),
    pinHash: text('pin_hash').notNull(),
    /** This user's own scrypt salt; null for a PIN hashed before salts were per user (the store's salt). */
    pinSalt: text('pin_salt'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('users_pin_hash').on(t.pinHash)],
);

/**
 * Wrong PINs counted per source (an address, a logged-in user) and per target (the PIN pad, the
 * approval, one user's own PIN): kept here so that neither a login nor a restart wipes them.
 */
export const pinFailures = sqliteTable('pin_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: text('last_failure_at').notNull(),
  lockedUntil: text('locked_until'),
});

/** The key a till sent with sale.complete, and the sale it made: a retried request gets that sale back. */
export const saleRequests = sqliteTable('sale_requests', {
  clientKey: text('client_key').primaryKey(),
  /** A hash of the request, so that the same key with a different cart is refused. */
  requestHash: text('request_hash').notNull(),
  saleId: integer('sale_id')
    .notNull()
    .references(() => sales.id),
});

/** Who did what, when: logins, manager overrides, settings changes. Append-only. */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  userId: integer('user_id').references(() => users.id),
  action: text('action').notNull(),
  detail: text('detail', { mode: 'json' }).notNull().default(sql`'{}'`),
});

/** This till's OSCU device as KRA initialised it (selectInitOsdcInfo). One row per environment. */
export const devices = sqliteTable('devices', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  environment: text('environment', { enum: ['demo', 'sandbox', 'production'] }).notNull().unique(),
  tin: text('tin').notNull(),
  branchId: text('branch_id').notNull(),
  serialNo: text('serial_no').notNull(),
  sdcId: text('sdc_id').notNull(),
  mrcNo: text('mrc_no').notNull(),
  deviceId: text('device_id').notNull(),
  cmcKey: text('cmc_key').notNull(),
  taxpayerName: text('taxpayer_name').notNull(),
  branchName: text('branch_name').notNull(),
  initialisedAt: text('initialised_at').notNull(),
});

/** The demo catalogue until the catalogue issue brings KRA-registered items of the store's own. */
export const items = sqliteTable('items', {
  code: text('code').primaryKey(),
  classCode: text('class_code').notNull(),
  name: text('name').notNull(),
  barcode: text('barcode').unique(),
  packagingUnit: text('packaging_unit').notNull(),
  quantityUnit: text('quantity_unit').notNull(),
  taxClass: text('tax_class', { enum: ['A', 'B', 'C', 'D', 'E'] }).notNull(),
  unitPrice: integer('unit_price').notNull(),
  /** KRA has accepted the item (saveItem): only then may it be sold. */
  registered: integer('registered', { mode: 'boolean' }).notNull().default(false),
  /** Code class 24: 1 raw material, 2 finished product, 3 service (no stock). */
  itemType: text('item_type', { enum: ['1', '2', '3'] }).notNull().default('2'),
  /** Country of origin, code class 05 (ISO-2). */
  originCountry: text('origin_country').notNull().default('KE'),
  /** KRA's useYn: an item withdrawn from sale stays in the ledger for the sales that name it. */
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  /** KRA's words when it refused the item's latest version; null when accepted or not yet sent. */
  kraError: text('kra_error'),
  /** On hand here, in hundredths of the quantity unit; may go below zero when the count is wrong. */
  stock: integer('stock').notNull().default(0),
  /** What KRA has been told is on hand (the sum of accepted insertStockIO): saveStockMaster's rsdQty. */
  kraStock: integer('kra_stock').notNull().default(0),
  updatedAt: text('updated_at'),
});

/**
 * Sales and credit notes. Append-only (triggers in the migration refuse deletes and edits); the KRA
 * signature columns are filled once, by the sync worker. `hash` chains each sale to the one before.
 */
export const sales = sqliteTable('sales', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  receiptNo: integer('receipt_no').notNull().unique(),
  kind: text('kind', { enum: ['S', 'R'] }).notNull(),
  originalSaleId: integer('original_sale_id'),
  refundReason: text('refund_reason'),
  committedAt: text('committed_at').notNull(),
  cashierId: integer('cashier_id').notNull().references(() => users.id),
  customerTin: text('customer_tin'),
  customerName: text('customer_name'),
  total: integer('total').notNull(),
  taxableTotal: integer('taxable_total').notNull(),
  taxTotal: integer('tax_total').notNull(),
  changeGiven: integer('change_given').notNull(),
  /** The saveTrnsSalesOsdc body, frozen at commit, without invcNo: every resend is the same request. */
  payload: text('payload', { mode: 'json' }).notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
  invcNo: integer('invc_no'),
  curRcptNo: integer('cur_rcpt_no'),
  totRcptNo: integer('tot_rcpt_no'),
  intrlData: text('intrl_data'),
  rcptSign: text('rcpt_sign'),
  sdcDateTime: text('sdc_date_time'),
  signedAt: text('signed_at'),
});

export const saleLines = sqliteTable('sale_lines', {
  saleId: integer('sale_id').notNull().references(() => sales.id),
  seq: integer('seq').notNull(),
  /** On a credit note: the line of the original sale this line credits. */
  originalSeq: integer('original_seq'),
  itemCode: text('item_code').notNull(),
  name: text('name').notNull(),
  quantity: integer('quantity').notNull(),
  unitPrice: integer('unit_price').notNull(),
  discount: integer('discount').notNull(),
  total: integer('total').notNull(),
  taxClass: text('tax_class', { enum: ['A', 'B', 'C', 'D', 'E'] }).notNull(),
  /** The class's rate when sold, hundredths of a percent (1600 = 16%). */
  rate: integer('rate').notNull(),
  taxable: integer('taxable').notNull(),
  tax: integer('tax').notNull(),
}, (t) => [uniqueIndex('sale_lines_seq').on(t.saleId, t.seq)]);

export const tenders = sqliteTable('tenders', {
  saleId: integer('sale_id').notNull().references(() => sales.id),
  seq: integer('seq').notNull(),
  kind: text('kind', { enum: ['cash', 'mpesa', 'card', 'credit'] }).notNull(),
  amount: integer('amount').notNull(),
  reference: text('reference'),
}, (t) => [
  uniqueIndex('tenders_seq').on(t.saleId, t.seq),
  // An M-Pesa code pays once; a card's approval code may come round again on another day.
  uniqueIndex('tenders_mpesa_reference').on(t.kind, t.reference).where(sql`${t.kind} = 'mpesa'`),
]);

/**
 * The queue to KRA: one row per sale, sent strictly in sale order by one sender. `invcNo` is given at
 * the first send and kept across timeouts; `unknown` means a request may have reached KRA unanswered.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    saleId: integer('sale_id').primaryKey().references(() => sales.id),
    state: text('state', { enum: ['pending', 'unknown', 'signed', 'parked'] }).notNull(),
    invcNo: integer('invc_no'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    updatedAt: text('updated_at').notNull(),
  },
  // The sender and the status bar look for the few unsigned rows among many signed ones.
  (t) => [index('outbox_state').on(t.state, t.saleId)],
);

/** Every request to KRA and its answer, with timing. */
export const kraExchanges = sqliteTable('kra_exchanges', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  startedAt: text('started_at').notNull(),
  durationMs: integer('duration_ms').notNull(),
  endpoint: text('endpoint').notNull(),
  request: text('request').notNull(),
  httpStatus: integer('http_status'),
  response: text('response'),
  resultCd: text('result_cd'),
  outcome: text('outcome').notNull(),
});

/** Named gapless counters (KRA's invcNo and others). */
export const counters = sqliteTable('counters', {
  name: text('name').primaryKey(),
  next: integer('next').notNull(),
});

/** Carts put aside at the till, to be recalled later (even after a restart). Not part of the ledger. */
export const holds = sqliteTable('holds', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  heldAt: text('held_at').notNull(),
  cashierId: integer('cashier_id').notNull().references(() => users.id),
  label: text('label').notNull(),
  /** The open cart as the till had it: lines, discounts, customer. */
  cart: text('cart', { mode: 'json' }).notNull(),
});

/**
 * The durable print queue: every receipt, copy or drawer kick goes through here, so a printer that
 * fails leaves the job waiting for a reprint instead of losing it.
 */
export const printJobs = sqliteTable('print_jobs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  createdAt: text('created_at').notNull(),
  saleId: integer('sale_id').references(() => sales.id),
  kind: text('kind', { enum: ['receipt', 'copy', 'drawer', 'report'] }).notNull(),
  printer: text('printer').notNull(),
  /** The rendered document (receipt model) or command to send. */
  document: text('document', { mode: 'json' }).notNull(),
  state: text('state', { enum: ['queued', 'printed', 'failed'] }).notNull(),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  printedAt: text('printed_at'),
});

/**
 * How far each KRA master-data list has been pulled: KRA's resultDt of the last successful answer,
 * sent back as lastReqDt (spec 2.0), per environment, taxpayer and branch.
 */
export const masterDataWatermarks = sqliteTable(
  'master_data_watermarks',
  {
    environment: text('environment', { enum: ['demo', 'sandbox', 'production'] }).notNull(),
    tin: text('tin').notNull(),
    branchId: text('branch_id').notNull(),
    list: text('list', { enum: ['codes', 'itemClasses', 'notices', 'branches', 'purchases', 'imports'] }).notNull(),
    /** YYYYMMDDhhmmss, Nairobi: KRA's own clock. */
    lastReqDt: text('last_req_dt').notNull(),
    syncedAt: text('synced_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.environment, t.tin, t.branchId, t.list] })],
);

/** KRA's code classes (selectCodeList, cdCls). */
export const codeClasses = sqliteTable('code_classes', {
  classCode: text('class_code').primaryKey(),
  name: text('name'),
  description: text('description'),
  inUse: integer('in_use', { mode: 'boolean' }).notNull(),
});

/** The codes of each class; for class 04 `userDefined1` is the tax rate in percent. */
export const codes = sqliteTable(
  'codes',
  {
    classCode: text('class_code').notNull(),
    code: text('code').notNull(),
    name: text('name'),
    description: text('description'),
    inUse: integer('in_use', { mode: 'boolean' }).notNull(),
    sortOrder: integer('sort_order'),
    userDefined1: text('user_defined_1'),
    userDefined2: text('user_defined_2'),
    userDefined3: text('user_defined_3'),
  },
  (t) => [primaryKey({ columns: [t.classCode, t.code] })],
);

/** KRA's item classification (selectItemClsList, UNSPSC-based). */
export const itemClasses = sqliteTable('item_classes', {
  code: text('code').primaryKey(),
  name: text('name'),
  level: integer('level'),
  taxClass: text('tax_class'),
  major: integer('major', { mode: 'boolean' }),
  inUse: integer('in_use', { mode: 'boolean' }).notNull(),
});

/** KRA's notices to taxpayers (selectNoticeList). */
export const notices = sqliteTable('notices', {
  noticeNo: integer('notice_no').primaryKey(),
  title: text('title'),
  content: text('content'),
  url: text('url'),
  registeredBy: text('registered_by'),
  /** YYYYMMDDhhmmss, Nairobi, as KRA wrote it. */
  registeredAt: text('registered_at'),
});

/** The taxpayer's branches as KRA lists them (selectBhfList). */
export const branches = sqliteTable(
  'branches',
  {
    tin: text('tin').notNull(),
    branchId: text('branch_id').notNull(),
    name: text('name'),
    open: integer('open', { mode: 'boolean' }),
    county: text('county'),
    subCounty: text('sub_county'),
    locality: text('locality'),
    location: text('location'),
    manager: text('manager'),
    managerPhone: text('manager_phone'),
    managerEmail: text('manager_email'),
    headOffice: integer('head_office', { mode: 'boolean' }),
  },
  (t) => [primaryKey({ columns: [t.tin, t.branchId] })],
);

/** The branch's customers, saved locally first and then to KRA (saveBhfCustomer). */
export const customers = sqliteTable('customers', {
  /** KRA's custNo (9 characters), given here. */
  customerNo: text('customer_no').primaryKey(),
  tin: text('tin').notNull().unique(),
  name: text('name').notNull(),
  address: text('address'),
  phone: text('phone'),
  email: text('email'),
  remark: text('remark'),
  /** Whether KRA holds the latest version; unsent rows wait for a manager to send them again. */
  sentToKra: integer('sent_to_kra', { mode: 'boolean' }).notNull(),
  lastError: text('last_error'),
  savedAt: text('saved_at').notNull(),
});

/**
 * KRA requests other than sales, in the order they were queued: items, stock movements, purchases,
 * imports, branch users. The payload is the request body, frozen when queued, except the number of
 * the KRA sequence it belongs to (sarNo, purchase invcNo), given at the first send and kept after,
 * as the sales outbox does with invcNo. A job tied to a sale waits until KRA has signed that sale.
 */
export const kraJobs = sqliteTable(
  'kra_jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    endpoint: text('endpoint', {
      enum: ['saveItem', 'insertStockIO', 'saveStockMaster', 'insertTrnsPurchase', 'updateImportItem', 'saveBhfUser'],
    }).notNull(),
    /** What the job is about, for a manager reading the queue: an item code, "sale 12", "purchase 3". */
    subject: text('subject').notNull(),
    payload: text('payload', { mode: 'json' }).notNull(),
    numbering: text('numbering', { enum: ['sar', 'purchase'] }),
    number: integer('number'),
    afterSaleId: integer('after_sale_id').references(() => sales.id),
    state: text('state', { enum: ['pending', 'unknown', 'done', 'parked'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('kra_jobs_state').on(t.state, t.id)],
);

/** Every change to the stock on hand, one row per item: sales, credit notes, purchases, imports, adjustments. */
export const stockMoves = sqliteTable(
  'stock_moves',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    occurredAt: text('occurred_at').notNull(),
    itemCode: text('item_code').notNull().references(() => items.code),
    /** Hundredths of the quantity unit: positive in, negative out. */
    quantity: integer('quantity').notNull(),
    /** KRA's stock in/out type, code class 12 (02 purchase, 06 adjustment in, 11 sale, 16 adjustment out...). */
    ioType: text('io_type').notNull(),
    /** For adjustments: code class 35 (03 adjustment in, 04 adjustment out, 05 discarding...). */
    reasonCode: text('reason_code'),
    note: text('note'),
    saleId: integer('sale_id').references(() => sales.id),
    purchaseId: integer('purchase_id').references(() => purchases.id),
    userId: integer('user_id').references(() => users.id),
    /** The insertStockIO job that tells KRA. */
    jobId: integer('job_id').references(() => kraJobs.id),
  },
  (t) => [index('stock_moves_item').on(t.itemCode, t.id)],
);

/** Sales suppliers declared to KRA with this store as the buyer (selectTrnsPurchaseSalesList), and what we made of them. */
export const purchases = sqliteTable(
  'purchases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    supplierTin: text('supplier_tin').notNull(),
    supplierBranchId: text('supplier_branch_id'),
    supplierName: text('supplier_name'),
    supplierInvoiceNo: integer('supplier_invoice_no').notNull(),
    supplierSdcId: text('supplier_sdc_id'),
    /** The supplier's sale as KRA listed it. */
    record: text('record', { mode: 'json' }).notNull(),
    state: text('state', { enum: ['received', 'confirmed', 'rejected'] }).notNull(),
    fetchedAt: text('fetched_at').notNull(),
    decidedAt: text('decided_at'),
    decidedBy: integer('decided_by').references(() => users.id),
    /** The insertTrnsPurchase job. */
    jobId: integer('job_id').references(() => kraJobs.id),
  },
  (t) => [uniqueIndex('purchases_supplier_invoice').on(t.supplierTin, t.supplierSdcId, t.supplierInvoiceNo)],
);

/** Customs declaration lines for this taxpayer's imports (selectImportItemList), and the decision on each. */
export const importItems = sqliteTable(
  'import_items',
  {
    taskCode: text('task_code').notNull(),
    declarationDate: text('declaration_date').notNull(),
    itemSeq: integer('item_seq').notNull(),
    record: text('record', { mode: 'json' }).notNull(),
    /** Code class 26: 1 unsent, 2 waiting, 3 approved, 4 cancelled. */
    status: text('status').notNull(),
    itemCode: text('item_code').references(() => items.code),
    fetchedAt: text('fetched_at').notNull(),
    decidedAt: text('decided_at'),
    decidedBy: integer('decided_by').references(() => users.id),
    jobId: integer('job_id').references(() => kraJobs.id),
  },
  (t) => [primaryKey({ columns: [t.taskCode, t.declarationDate, t.itemSeq] })],
);

/**
 * A till's shift: the drawer from its counted float to its blind count. Its sales are those committed
 * while it was open: ids after `openAfterSaleId` up to `closeSaleId`. Closed once; never edited after.
 */
export const shifts = sqliteTable(
  'shifts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tillId: text('till_id').notNull(),
    openedAt: text('opened_at').notNull(),
    openedBy: integer('opened_by').notNull().references(() => users.id),
    float: integer('float').notNull(),
    /** The last sale committed before the shift opened (0 for none). */
    openAfterSaleId: integer('open_after_sale_id').notNull(),
    /** Likewise for the audit log, where voids, reprints, overrides and no-sale opens are recorded. */
    openAfterAuditId: integer('open_after_audit_id').notNull(),
    closedAt: text('closed_at'),
    closedBy: integer('closed_by').references(() => users.id),
    /** The last sale committed before the shift closed. */
    closeSaleId: integer('close_sale_id'),
    closeAuditId: integer('close_audit_id'),
    /** The blind count: pieces by denomination in shillings, e.g. {"1000": 3, "50": 2}. */
    countedPieces: text('counted_pieces', { mode: 'json' }),
    counted: integer('counted'),
    expected: integer('expected'),
  },
  // At most one open shift per till: the index holds one row with a null closed_at per till.
  (t) => [uniqueIndex('shifts_one_open').on(t.tillId).where(sql`closed_at IS NULL`)],
);

/** Cash put into or taken out of the drawer during a shift, with the reason. Append-only. */
export const cashMoves = sqliteTable(
  'cash_moves',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    shiftId: integer('shift_id').notNull().references(() => shifts.id),
    at: text('at').notNull(),
    userId: integer('user_id').notNull().references(() => users.id),
    kind: text('kind', { enum: ['payIn', 'payOut'] }).notNull(),
    /** Cents. */
    amount: integer('amount').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [index('cash_moves_shift').on(t.shiftId)],
);

/**
 * Z reports: one per business day, numbered without gaps, never changed (triggers in the migration).
 * The day's sales are the ids after the previous Z's `lastSaleId` up to this one's. Each Z chains to
 * the one before and to the hash of the last sale it covers, so a verifier can walk both.
 */
export const zReports = sqliteTable('z_reports', {
  number: integer('number').primaryKey(),
  tillId: text('till_id').notNull(),
  /** YYYY-MM-DD, Nairobi: the date the business day opened. */
  businessDate: text('business_date').notNull().unique(),
  openedAt: text('opened_at').notNull(),
  takenAt: text('taken_at').notNull(),
  takenBy: integer('taken_by').notNull().references(() => users.id),
  lastSaleId: integer('last_sale_id').notNull(),
  lastShiftId: integer('last_shift_id').notNull(),
  lastAuditId: integer('last_audit_id').notNull(),
  lastSaleHash: text('last_sale_hash').notNull(),
  /** The report's figures as taken, in cents. */
  figures: text('figures', { mode: 'json' }).notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});
