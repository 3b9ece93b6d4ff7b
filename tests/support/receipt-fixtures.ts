/**
 * One fixed sale (and a credit note against it) with every tax class, a discount, a buyer, split
 * tender and change: the receipt tests, the print tests and the benchmark all build from it.
 */
import type { KraSeal, ReceiptSale, StoreProfile } from '../../src-shared/receipt';
import { DEFAULT_TAX_RATES, priceInvoice, TAX_CLASSES, type ClassTotals, type LineInput, type TaxClass } from '../../src-shared/tax';

export const STORE: StoreProfile = {
  tradeName: 'DUKA LA MAMA MBOGA',
  address: 'Shop 4, Moi Avenue, Nairobi',
  sellerPin: 'P051234567M',
  branchId: '00',
  phone: '0712 345 678',
  topMsg: 'Karibu! Welcome',
  btmMsg: 'Asante kwa kununua. Thank you for shopping with us.',
  logo: null,
};

export const SEAL: KraSeal = {
  scuId: 'KRACU0100000001',
  mrcNo: 'WIS01006430',
  cuReceiptNo: 169,
  totalReceiptNo: 172,
  internalData: 'GRKJVWYCFBPTYQ225X2UEYONVE',
  signature: 'QUII27MATATSHFRB',
  scuDateTime: '20261124120016',
};

export const CREDIT_SEAL: KraSeal = { ...SEAL, cuReceiptNo: 12, totalReceiptNo: 175, internalData: 'HSLKWEPQMZ4T7YBNCXR2DUAFGO', signature: 'ZX3QPLMN8RTWVB2K', scuDateTime: '20261124153002' };

interface FixtureLine extends LineInput {
  code: string;
  name: string;
}

export const SALE_LINES: readonly FixtureLine[] = [
  { code: 'KE2BGNO0000002', name: 'Sugar 1kg', unitPrice: 16500, quantity: 200, taxClass: 'B', discount: { amount: 3000 } },
  { code: 'KE2BQNO0000003', name: 'Fresh milk 500ml', unitPrice: 6500, quantity: 300, taxClass: 'A' },
  { code: 'KE2JYNO0000009', name: 'Paraffin 1L', unitPrice: 16200, quantity: 100, taxClass: 'E' },
  { code: 'KE2BGKG0000007', name: 'Rice (per kg) - Pishori grade 1 long grain', unitPrice: 19999, quantity: 150, taxClass: 'B' },
  { code: 'KE2CTNO0000011', name: 'Exercise book 96pg', unitPrice: 5000, quantity: 200, taxClass: 'D' },
  { code: 'KE2BGNO0000001', name: 'Maize flour 2kg', unitPrice: 18500, quantity: 100, taxClass: 'C' },
];

export interface FixtureSale {
  sale: ReceiptSale;
  /** What the ledger's sale_lines rows hold. */
  ledgerLines: { seq: number; itemCode: string; name: string; quantity: number; unitPrice: number; discount: number; total: number; taxClass: TaxClass; rate: number; taxable: number; tax: number }[];
  byClass: Record<TaxClass, ClassTotals>;
}

function priced(lines: readonly FixtureLine[]): FixtureSale['ledgerLines'] {
  const invoice = priceInvoice(lines, DEFAULT_TAX_RATES);
  return invoice.lines.map((line, i) => ({
    seq: i + 1,
    itemCode: lines[i]!.code,
    name: lines[i]!.name,
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

function byClassOf(lines: FixtureSale['ledgerLines']): Record<TaxClass, ClassTotals> {
  const result = {} as Record<TaxClass, ClassTotals>;
  for (const taxClass of TAX_CLASSES) {
    const of = lines.filter((l) => l.taxClass === taxClass);
    result[taxClass] = {
      rate: DEFAULT_TAX_RATES[taxClass],
      taxable: of.reduce((s, l) => s + l.taxable, 0),
      tax: of.reduce((s, l) => s + l.tax, 0),
      total: of.reduce((s, l) => s + l.total, 0),
    };
  }
  return result;
}

function fixture(
  lines: readonly FixtureLine[],
  rest: Omit<ReceiptSale, 'lines' | 'byClass' | 'total' | 'taxableTotal' | 'taxTotal' | 'tenders' | 'changeGiven'>,
  pay: (total: number) => Pick<ReceiptSale, 'tenders' | 'changeGiven'>,
): FixtureSale {
  const ledgerLines = priced(lines);
  const byClass = byClassOf(ledgerLines);
  const total = ledgerLines.reduce((s, l) => s + l.total, 0);
  const sale: ReceiptSale = {
    ...rest,
    lines: ledgerLines.map(({ name, quantity, unitPrice, discount, total: lineTotal, taxClass }) => ({ name, quantity, unitPrice, discount, total: lineTotal, taxClass })),
    byClass,
    total,
    taxableTotal: ledgerLines.reduce((s, l) => s + l.taxable, 0),
    taxTotal: ledgerLines.reduce((s, l) => s + l.tax, 0),
    ...pay(total),
  };
  return { sale, ledgerLines, byClass };
}

/** Sale T01-000042: paid 500.00 by M-Pesa and 1,000.00 cash. */
export function fixedSale(): FixtureSale {
  return fixture(
    SALE_LINES,
    {
      id: 42,
      receiptNo: 42,
      tradeInvoiceNo: 'T01-000042',
      kind: 'S',
      committedAt: '2026-11-24T09:00:15.000Z',
      cashierName: 'Wanjiru',
      customer: { tin: 'P000111222Q', name: 'Acme Hardware Ltd' },
      refund: null,
    },
    (total) => ({
      tenders: [
        { kind: 'mpesa', amount: 50000, reference: 'QWE1234567' },
        { kind: 'cash', amount: 100000, reference: null },
      ],
      changeGiven: 150000 - total,
    }),
  );
}

/** Credit note T01-000045 for the sugar and the milk of sale 42, refunded in cash. */
export function fixedCreditNote(): FixtureSale {
  return fixture(
    SALE_LINES.slice(0, 2),
    {
      id: 45,
      receiptNo: 45,
      tradeInvoiceNo: 'T01-000045',
      kind: 'R',
      committedAt: '2026-11-24T12:29:40.000Z',
      cashierName: 'Otieno',
      customer: { tin: 'P000111222Q', name: 'Acme Hardware Ltd' },
      refund: { reasonCode: '06', original: { tradeInvoiceNo: 'T01-000042', cuReceiptNo: 169 } },
    },
    (total) => ({ tenders: [{ kind: 'cash', amount: total, reference: null }], changeGiven: 0 }),
  );
}
