/**
 * sale.refund: a credit note against one sale (spec 2.14): the same buyer, the original's prices,
 * discounts and tax rates, never more than was sold counting earlier credit notes, and the money
 * paid back exactly. KRA receives it after the original, with orgInvcNo set by the sync worker.
 */
import { ApiError, roleAllows, type CompletedSale, type ParsedInputOf, type UserSummary } from '../../src-shared/api';
import { formatKes, mulDiv } from '../../src-shared/money';
import { priceInvoice, TAX_CLASSES, type TaxRates } from '../../src-shared/tax';
import { itemsByCode, creditedQuantities, saleWithLines } from '../ledger/sales';
import { recordDocument, requireFreshMpesaCodes, type SaleDeps } from './sale';
import { settle } from './tenders';

type RefundRequest = ParsedInputOf<'sale.refund'>;

export function refundSale(deps: SaleDeps, input: RefundRequest, cashier: UserSummary): CompletedSale {
  deps.assertMaySell();
  const original = saleWithLines(deps.db, input.originalSaleId);
  if (!original) {
    throw new ApiError('SALE_NOT_FOUND', `originalSaleId: no sale ${input.originalSaleId}`, { field: 'originalSaleId' });
  }
  if (original.sale.kind !== 'S') {
    throw new ApiError('REFUND_OF_REFUND', 'originalSaleId: that receipt is a credit note', { field: 'originalSaleId' });
  }
  const taken = creditedLines(deps.db, input, original.lines);
  const priced = priceInvoice(
    taken.map(({ line, quantity }) => ({
      unitPrice: line.unitPrice,
      quantity,
      taxClass: line.taxClass,
      discount: { amount: mulDiv(line.discount, quantity, line.quantity) },
    })),
    ratesOf(original.lines, deps.taxRates()),
  );
  const customer = original.sale.customerTin ? { tin: original.sale.customerTin, name: original.sale.customerName ?? '' } : null;
  if (input.tenders.reduce((sum, t) => sum + t.amount, 0) !== priced.total) {
    throw new ApiError('REFUND_TENDER_MISMATCH', `tenders: pay back exactly ${priced.total} cents`, {
      field: 'tenders',
      params: { total: formatKes(priced.total) },
    });
  }
  settle(input.tenders, priced.total, customer !== null);
  requireFreshMpesaCodes(deps.db, input.tenders);
  const use = { cashierId: cashier.id, actions: ['refund' as const], amount: priced.total, saleId: original.sale.id };
  if (!roleAllows(cashier.role, 'supervisor') && !deps.consumeApproval(input.approval, use)) {
    throw new ApiError('REFUND_NEEDS_APPROVAL', "approval: a refund needs a supervisor's approval", { field: 'approval' });
  }
  const items = itemsByCode(deps.db, taken.map(({ line }) => line.itemCode));
  return recordDocument(deps, {
    kind: 'R',
    cashier,
    customer,
    priced,
    items: taken.map(({ line }) => {
      const item = items.get(line.itemCode);
      return {
        code: line.itemCode,
        name: line.name,
        classCode: item?.classCode ?? '',
        barcode: item?.barcode ?? null,
        packagingUnit: item?.packagingUnit ?? '',
        quantityUnit: item?.quantityUnit ?? '',
      };
    }),
    tenders: input.tenders,
    change: 0,
    original: { saleId: original.sale.id, reasonCode: input.reasonCode, lineSeqs: taken.map(({ line }) => line.seq) },
  });
}

type OriginalLine = NonNullable<ReturnType<typeof saleWithLines>>['lines'][number];

function creditedLines(db: SaleDeps['db'], input: RefundRequest, lines: readonly OriginalLine[]) {
  const already = creditedQuantities(db, input.originalSaleId);
  const asked = new Map<number, number>();
  return input.lines.map(({ seq, quantity }, i) => {
    const line = lines.find((l) => l.seq === seq);
    if (!line) throw new ApiError('SALE_NOT_FOUND', `lines.${i}.seq: the sale has no line ${seq}`, { field: `lines.${i}.seq` });
    const left = line.quantity - (already.get(seq) ?? 0) - (asked.get(seq) ?? 0);
    if (quantity > left) {
      throw new ApiError('REFUND_EXCEEDS_SALE', `lines.${i}.quantity: only ${left / 100} of ${line.name} is left to refund`, {
        field: `lines.${i}.quantity`,
        params: { left: left / 100 },
      });
    }
    asked.set(seq, (asked.get(seq) ?? 0) + quantity);
    return { line, quantity };
  });
}

/** The rates the sale was taxed at, whatever KRA's rates are today; today's for classes it did not use. */
function ratesOf(lines: readonly OriginalLine[], today: TaxRates): TaxRates {
  const rates = { ...today };
  for (const cls of TAX_CLASSES) {
    const line = lines.find((l) => l.taxClass === cls);
    if (line) rates[cls] = line.rate;
  }
  return rates;
}
