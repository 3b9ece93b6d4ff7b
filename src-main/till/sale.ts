/**
 * sale.complete: check the cart, price and tax it, take the payment, and commit it to the ledger in
 * one transaction with its outbox row. The cashier sees it acknowledged only after the commit.
 */
import { createHash } from 'node:crypto';
import { ApiError, MAX_SALE_TOTAL, roleAllows, type ApprovalAction, type CompletedSale, type ParsedInputOf, type UserSummary } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import { MEASURED_QUANTITY_UNITS } from '../../src-shared/etims/codes';
import { formatKes } from '../../src-shared/money';
import { priceInvoice, TaxError, type Discount, type PricedInvoice, type TaxRates } from '../../src-shared/tax';
import { appendAudit } from '../ledger/audit';
import type { LedgerDb } from '../ledger/open';
import { recordSaleRequest, saleRequestByKey } from '../ledger/sale-requests';
import { commitSale, itemsByCode, mpesaCodeUsed, saleWithLines, type NewLine, type SaleRow } from '../ledger/sales';
import { saleBody, type SoldItem } from '../oscu/sale-body';
import { recordDocumentStock } from '../stock/documents';
import { classNotListed } from '../catalog/tax-rates';
import { dominantPaymentType, settle } from './tenders';

type SaleRequest = ParsedInputOf<'sale.complete'>;

export interface StoreIdentity {
  tillId: string;
  tradeName: string;
  address: string;
  topMsg: string | null;
  btmMsg: string | null;
}

export interface SaleDeps {
  db: LedgerDb;
  clock: Clock;
  taxRates: () => TaxRates;
  store: () => StoreIdentity;
  /** Throws when no invoice may be issued now (no device, watchdog block, clock behind). */
  assertMaySell: () => void;
  /** Spends a supervisor's approval granted at this cashier's till for this use; false when it is not a live one for it. */
  consumeApproval: (token: string | undefined, use: ApprovalUse) => boolean;
  onCommitted: (saleId: number) => void;
}

/** What a sale or credit note asks of a supervisor's approval. */
export interface ApprovalUse {
  cashierId: number;
  /** Any of these will do: a sale with both discounts and price overrides takes either. */
  actions: readonly ApprovalAction[];
  /** Cents taken off the sale, or paid back by the credit note. */
  amount: number;
  /** The sale a credit note credits; null for a sale. */
  saleId: number | null;
}

export function completeSale(deps: SaleDeps, input: SaleRequest, cashier: UserSummary): CompletedSale {
  const request = input.clientKey === undefined ? null : { clientKey: input.clientKey, requestHash: requestHash(input) };
  const earlier = request && earlierAnswer(deps, request);
  if (earlier) return earlier;
  deps.assertMaySell();
  const items = soldItems(deps.db, input);
  requireSaneSize(input, items);
  const priced = price(input, items, deps.taxRates());
  const change = settle(input.tenders, priced.total, input.customer !== undefined);
  requireFreshMpesaCodes(deps.db, input.tenders);
  // Last, so that a sale refused for another reason does not spend the supervisor's approval.
  requireApprovalForOverrides(deps, input, cashier, reductionOf(input, items, priced, deps.taxRates()));
  const priceOverrides = overridesOf(input, items);
  const doc: TillDocument = { kind: 'S', cashier, customer: input.customer ?? null, priced, items, tenders: input.tenders, change, original: null, request, priceOverrides };
  return recordDocument(deps, doc);
}

/** Lines sold at another price than the catalogue's, and what that took off the catalogue price, for the X and Z reports. */
function overridesOf(input: SaleRequest, items: readonly { unitPrice: number }[]): { count: number; amount: number } {
  const overridden = input.lines.flatMap((line, i) => (line.priceOverride === undefined ? [] : [{ line, catalogue: items[i]!.unitPrice }]));
  const amount = overridden.reduce((sum, { line, catalogue }) => sum + Math.round(((catalogue - line.priceOverride!) * line.quantity) / 100), 0);
  return { count: overridden.length, amount };
}

/** What the cart asks for, whatever the approval or the key it came with, in a canonical form. */
function requestHash(input: SaleRequest): string {
  const { lines, cartDiscount, tenders, customer } = input;
  return createHash('sha256').update(JSON.stringify({ lines, cartDiscount, tenders, customer })).digest('hex');
}

/** A request sent again under the same key gets the sale the first one made; a different cart under it is refused. */
function earlierAnswer(deps: SaleDeps, request: { clientKey: string; requestHash: string }): CompletedSale | null {
  const earlier = saleRequestByKey(deps.db, request.clientKey);
  if (!earlier) return null;
  if (earlier.requestHash !== request.requestHash) {
    throw new ApiError('CLIENT_KEY_REUSED', 'clientKey: this key was sent with a different cart; a new cart needs a new key', { field: 'clientKey' });
  }
  return completedSaleOf(deps, earlier.saleId);
}

function completedSaleOf(deps: SaleDeps, saleId: number): CompletedSale {
  const { sale, lines } = saleWithLines(deps.db, saleId)!;
  return {
    saleId: sale.id,
    receiptNo: sale.receiptNo,
    kind: sale.kind === 'S' ? 'sale' : 'creditNote',
    tradeInvoiceNo: tradeInvoiceNumber(deps.store().tillId, sale.receiptNo),
    committedAt: sale.committedAt,
    lines: lines.map(({ seq, itemCode, name, quantity, unitPrice, discount, total, taxClass }) => ({ seq, itemCode, name, quantity, unitPrice, discount, total, taxClass })),
    total: sale.total,
    taxableTotal: sale.taxableTotal,
    taxTotal: sale.taxTotal,
    paid: sale.total + sale.changeGiven,
    change: sale.changeGiven,
    status: sale.rcptSign === null ? 'provisional' : 'signed',
  };
}

/** No line, and no sale, above MAX_SALE_TOTAL, so that every sum stays exact. */
function requireSaneSize(input: SaleRequest, items: readonly { unitPrice: number }[]): void {
  let sum = 0;
  input.lines.forEach((line, i) => {
    sum += ((line.priceOverride ?? items[i]!.unitPrice) * line.quantity) / 100;
    if (sum > MAX_SALE_TOTAL) {
      const field = `lines.${i}.quantity`;
      throw new ApiError('INVALID_INPUT', `${field}: a sale comes to at most KES 1,000,000,000; split it into several sales`, {
        field,
        params: { field, reason: 'a sale comes to at most KES 1,000,000,000; split it into several sales' },
      });
    }
  });
}

export interface TillDocument {
  kind: 'S' | 'R';
  cashier: UserSummary;
  customer: { tin: string; name: string } | null;
  priced: PricedInvoice;
  items: readonly SoldItem[];
  tenders: SaleRequest['tenders'];
  change: number;
  /** For a credit note: the sale it credits, the reason code and each line's original line. */
  original: { saleId: number; reasonCode: string; lineSeqs: readonly number[] } | null;
  priceOverrides?: { count: number; amount: number };
  /** The till's key for the request, kept with the sale so that the same request sent again gets it back. */
  request?: { clientKey: string; requestHash: string } | null;
}

/** Commits a priced sale or credit note with its frozen KRA body; what the cashier gets back. */
export function recordDocument(deps: SaleDeps, doc: TillDocument): CompletedSale {
  const committedAt = deps.clock.now();
  const store = deps.store();
  const lines = ledgerLines(doc.priced, doc.items, doc.original?.lineSeqs ?? null);
  const commit = () => commitSale(deps.db, (receiptNo) => ({
    sale: {
      receiptNo,
      kind: doc.kind,
      originalSaleId: doc.original?.saleId ?? null,
      refundReason: doc.original?.reasonCode ?? null,
      committedAt: committedAt.toISOString(),
      cashierId: doc.cashier.id,
      customerTin: doc.customer?.tin ?? null,
      customerName: doc.customer?.name ?? null,
      total: doc.priced.total,
      taxableTotal: doc.priced.taxableTotal,
      taxTotal: doc.priced.taxTotal,
      changeGiven: doc.change,
      payload: saleBody({
        kind: doc.kind,
        tradeInvoiceNo: tradeInvoiceNumber(store.tillId, receiptNo),
        committedAt,
        cashier: doc.cashier,
        customer: doc.customer,
        priced: doc.priced,
        items: doc.items,
        paymentType: dominantPaymentType(doc.tenders),
        store,
        refund: doc.original ? { reasonCode: doc.original.reasonCode } : null,
      }),
    },
    lines,
    tenders: doc.tenders.map((t, i) => ({ seq: i + 1, kind: t.kind, amount: t.amount, reference: t.reference ?? null })),
  }));
  const row = commitWithStock(deps, doc, lines, commit);
  deps.onCommitted(row.id);
  return {
    saleId: row.id,
    receiptNo: row.receiptNo,
    kind: doc.kind === 'S' ? 'sale' : 'creditNote',
    tradeInvoiceNo: tradeInvoiceNumber(store.tillId, row.receiptNo),
    committedAt: row.committedAt,
    lines: lines.map(({ taxable: _t, tax: _x, rate: _r, originalSeq: _o, ...line }) => line),
    total: doc.priced.total,
    taxableTotal: doc.priced.taxableTotal,
    taxTotal: doc.priced.taxTotal,
    paid: doc.priced.total + doc.change,
    change: doc.change,
    status: 'provisional',
  };
}

/** The document and the stock it moves, in one transaction (commitSale's own nests in it). */
function commitWithStock(deps: SaleDeps, doc: TillDocument, lines: readonly NewLine[], commit: () => SaleRow): SaleRow {
  return deps.db.transaction((tx) => {
    const row = commit();
    if (doc.request) recordSaleRequest(tx, { ...doc.request, saleId: row.id });
    const registrar = { id: String(doc.cashier.id), name: doc.cashier.name };
    recordDocumentStock(tx, row, lines, { registrar, userId: doc.cashier.id, rates: deps.taxRates() });
    if (doc.priceOverrides?.count) {
      appendAudit(tx, { at: new Date(row.committedAt), userId: doc.cashier.id, action: 'sale.priceOverride', detail: { saleId: row.id, ...doc.priceOverrides } });
    }
    return row;
  }, { behavior: 'immediate' });
}

export function tradeInvoiceNumber(tillId: string, receiptNo: number): string {
  return `${tillId}-${String(receiptNo).padStart(6, '0')}`;
}

function soldItems(db: LedgerDb, input: SaleRequest): (SoldItem & { unitPrice: number; taxClass: NewLine['taxClass'] })[] {
  const found = itemsByCode(db, input.lines.map((l) => l.itemCode));
  return input.lines.map((line, i) => {
    const item = found.get(line.itemCode);
    const field = `lines.${i}.itemCode`;
    if (!item) throw new ApiError('ITEM_NOT_FOUND', `${field}: no item with code ${line.itemCode}`, { field, params: { code: line.itemCode } });
    if (!item.active) throw new ApiError('ITEM_WITHDRAWN', `${field}: ${item.name} is withdrawn from sale`, { field, params: { name: item.name } });
    if (!item.registered) throw notYetAccepted(field, item);
    if (line.quantity % 100 !== 0 && !MEASURED_QUANTITY_UNITS.has(item.quantityUnit)) throw notWhole(`lines.${i}.quantity`, line.quantity, item);
    return item;
  });
}

function notWhole(field: string, quantity: number, item: { name: string; quantityUnit: string }): ApiError {
  const params = { field, name: item.name, unit: item.quantityUnit, quantity: quantity / 100 };
  return new ApiError('QUANTITY_NOT_WHOLE', `${field}: ${item.name} is sold in whole units (${item.quantityUnit}), not ${quantity / 100}: give a whole number (100 is 1)`, { field, params });
}

/** Why KRA has not accepted the item yet: still waiting for its answer, or KRA's words refusing it. */
function notYetAccepted(field: string, item: { name: string; kraError: string | null }): ApiError {
  if (item.kraError !== null) {
    return new ApiError('ITEM_REFUSED_BY_KRA', `${field}: KRA refused ${item.name} (${item.kraError}); a manager must correct the item`, {
      field,
      params: { name: item.name, reason: item.kraError },
    });
  }
  return new ApiError('ITEM_NOT_REGISTERED', `${field}: ${item.name} is waiting for KRA to accept it`, { field, params: { name: item.name } });
}

function requireApprovalForOverrides(deps: SaleDeps, input: SaleRequest, cashier: UserSummary, reduction: number): void {
  const actions: ApprovalAction[] = [];
  if (input.cartDiscount !== undefined || input.lines.some((l) => l.discount)) actions.push('discount');
  if (input.lines.some((l) => l.priceOverride !== undefined)) actions.push('priceOverride');
  if (actions.length === 0 || roleAllows(cashier.role, 'supervisor')) return;
  if (!deps.consumeApproval(input.approval, { cashierId: cashier.id, actions, amount: reduction, saleId: null })) {
    throw new ApiError('DISCOUNT_NOT_ALLOWED', `approval: a supervisor must approve ${actions.join(' and ')} of ${reduction} cents off this sale`, {
      field: 'approval',
      params: { amount: formatKes(reduction) },
    });
  }
}

/** The cents the cart's discounts and price overrides take off its total at the catalogue's prices. */
function reductionOf(input: SaleRequest, items: readonly { unitPrice: number; taxClass: NewLine['taxClass'] }[], priced: PricedInvoice, rates: TaxRates): number {
  const plain = priceCart({ lines: input.lines.map(({ itemCode, quantity }) => ({ itemCode, quantity })) }, items, rates);
  return Math.max(0, plain.total - priced.total);
}

/** A cart's lines at the catalogue's prices (or the overrides), with their discounts, per spec 4.2. */
export function priceCart(
  cart: Pick<SaleRequest, 'lines' | 'cartDiscount'>,
  items: readonly { unitPrice: number; taxClass: NewLine['taxClass'] }[],
  rates: TaxRates,
): PricedInvoice {
  return priceInvoice(
    cart.lines.map((line, i) => ({
      unitPrice: line.priceOverride ?? items[i]!.unitPrice,
      quantity: line.quantity,
      taxClass: items[i]!.taxClass,
      ...(line.discount ? { discount: line.discount as Discount } : {}),
    })),
    rates,
    cart.cartDiscount as Discount | undefined,
  );
}

function price(input: SaleRequest, items: readonly (SoldItem & { unitPrice: number; taxClass: NewLine['taxClass'] })[], rates: TaxRates): PricedInvoice {
  try {
    return priceCart(input, items, rates);
  } catch (error) {
    if (!(error instanceof TaxError)) throw error;
    const unlisted = error.code === 'UNKNOWN_RATE' ? /^lines\.(\d+)\.taxClass$/.exec(error.field) : null;
    if (unlisted) {
      const item = items[Number(unlisted[1])]!;
      throw classNotListed(item.taxClass, item.name, `lines.${unlisted[1]}.itemCode`);
    }
    const code = error.code.startsWith('DISCOUNT') ? 'DISCOUNT_EXCEEDS_LINE' : 'INVALID_INPUT';
    throw new ApiError(code, `${error.field}: ${error.message}`, { field: error.field });
  }
}

export function requireFreshMpesaCodes(db: LedgerDb, tenders: SaleRequest['tenders']): void {
  const seen = new Set<string>();
  tenders.forEach((tender, i) => {
    if (tender.kind !== 'mpesa' || !tender.reference) return;
    if (seen.has(tender.reference) || mpesaCodeUsed(db, tender.reference)) {
      throw new ApiError('MPESA_CODE_USED', `tenders.${i}.reference: M-Pesa code ${tender.reference} was already used`, {
        field: `tenders.${i}.reference`,
        params: { reference: tender.reference },
      });
    }
    seen.add(tender.reference);
  });
}

function ledgerLines(priced: PricedInvoice, items: readonly SoldItem[], originalSeqs: readonly number[] | null): NewLine[] {
  return priced.lines.map((line, i) => ({
    seq: i + 1,
    originalSeq: originalSeqs?.[i] ?? null,
    itemCode: items[i]!.code,
    name: items[i]!.name,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    discount: line.discountAmount,
    total: line.total,
    taxClass: line.taxClass,
    rate: line.rate,
    taxable: line.taxable,
    tax: line.tax,
  }));
}
