/**
 * buildReceipt: a sale (and KRA's seal, when it has one) as the receipt spec 5 describes, in the
 * order of spec 5.2, for a signed tax invoice, a credit note (5.5), a copy (5.4) or a provisional
 * receipt (12.9) that can never pass for a tax invoice.
 */
import { toKraDateTime } from '../etims/time';
import { formatKes, formatQuantity } from '../money';
import { TAX_CLASSES, type TaxClass } from '../tax';
import type {
  Align,
  Block,
  KraSeal,
  ReceiptDocument,
  ReceiptInput,
  ReceiptLabel,
  ReceiptTender,
  Section,
  TaxTableBlock,
  TextSize,
} from './model';
import { qrUrl } from './verification';

export const PROVISIONAL_SALE_TITLE = 'PROVISIONAL — NOT YET A TAX INVOICE';
export const PROVISIONAL_CREDIT_TITLE = 'PROVISIONAL — NOT YET A CREDIT NOTE';
export const CREDIT_NOTE_STATEMENT = 'CREDIT NOTE IS APPROVED ONLY FOR ORIGINAL SALES RECEIPT';
export const DEMO_BANNER = 'DEMO — NOT A VALID TAX INVOICE';

/** Credit-note reasons, code class 32 (spec 3.7). */
const REFUND_REASONS: Record<string, string> = {
  '01': 'Missing Quantity',
  '02': 'Missing data',
  '03': 'Damaged',
  '04': 'Wasted',
  '05': 'Raw Material Shortage',
  '06': 'Refund',
  '07': 'Wrong Customer PIN',
  '08': 'Wrong Customer name',
  '09': 'Wrong Amount/price',
  '10': 'Wrong Quantity',
  '11': 'Wrong Item(s)',
  '12': 'Wrong tax type',
  '13': 'Other reason',
};

const TENDER_NAMES: Record<ReceiptTender['kind'], string> = { cash: 'CASH', mpesa: 'M-PESA', card: 'CARD', credit: 'CREDIT' };

export function buildReceipt(input: ReceiptInput): ReceiptDocument {
  const { sale, seal, copy } = input;
  const creditNote = sale.kind === 'R';
  const demo = input.environment.kind === 'demo';
  const label = seal ? receiptLabel(creditNote, copy) : null;
  const verificationUrl = seal
    ? qrUrl(input.environment, { pin: input.store.sellerPin, branchId: input.store.branchId }, seal.signature)
    : null;
  const title = seal ? (creditNote ? 'CREDIT NOTE' : 'TAX INVOICE') : creditNote ? PROVISIONAL_CREDIT_TITLE : PROVISIONAL_SALE_TITLE;
  const context: Context = { ...input, creditNote, demo, label, title, verificationUrl };
  return {
    saleId: sale.id,
    receiptNo: sale.receiptNo,
    tradeInvoiceNo: sale.tradeInvoiceNo,
    kind: creditNote ? 'credit-note' : 'sale',
    status: seal ? 'signed' : 'provisional',
    copy,
    demo,
    label,
    title,
    watermark: watermark(demo, seal === null, copy),
    verificationUrl,
    blocks: [
      ...header(context),
      ...titleBlocks(context),
      ...parties(context),
      ...items(context),
      ...totals(context),
      ...taxes(context),
      ...(seal && label ? scuInformation(seal, label) : []),
      ...footer(context),
    ],
  };
}

interface Context extends ReceiptInput {
  creditNote: boolean;
  demo: boolean;
  label: ReceiptLabel | null;
  title: string;
  verificationUrl: string | null;
}

function receiptLabel(creditNote: boolean, copy: boolean): ReceiptLabel {
  if (creditNote) return copy ? 'CC' : 'NC';
  return copy ? 'CS' : 'NS';
}

function watermark(demo: boolean, provisional: boolean, copy: boolean): string | null {
  const words = [demo && 'DEMO', provisional && 'PROVISIONAL', copy && 'COPY'].filter((w): w is string => typeof w === 'string');
  return words.length === 0 ? null : words.join(' ');
}

function text(section: Section, value: string, style: { align?: Align; bold?: boolean; size?: TextSize } = {}): Block {
  return { type: 'text', section, text: value, align: style.align ?? 'center', bold: style.bold ?? false, size: style.size ?? 'normal' };
}

function row(section: Section, left: string, right: string, style: { bold?: boolean; size?: 'normal' | 'tall' } = {}): Block {
  return { type: 'row', section, left, right, bold: style.bold ?? false, size: style.size ?? 'normal' };
}

const rule = (section: Section, style: 'single' | 'double' = 'single'): Block => ({ type: 'rule', section, style });

/** Amounts on a credit note are shown negative (spec 5.5). */
function signed(context: Context, cents: number): string {
  return formatKes(context.creditNote ? -cents : cents);
}

function header({ store }: Context): Block[] {
  return [
    ...(store.logo ? [{ type: 'logo', section: 'header', dataUrl: store.logo } satisfies Block] : []),
    text('header', store.tradeName, { bold: true, size: 'large' }),
    ...(store.address ? [text('header', store.address)] : []),
    ...(store.phone ? [text('header', `TEL: ${store.phone}`)] : []),
    text('header', `PIN: ${store.sellerPin}`, { bold: true }),
  ];
}

function titleBlocks(context: Context): Block[] {
  const provisional = context.seal === null;
  return [
    ...(context.demo ? [text('title', DEMO_BANNER, { bold: true })] : []),
    rule('title', 'double'),
    text('title', context.title, { bold: true, size: 'large' }),
    ...(context.copy ? [text('title', 'COPY', { bold: true, size: 'huge' })] : []),
    ...(provisional
      ? [text('title', 'KRA has not signed this sale yet. The signed tax invoice, with its QR code, can be printed once KRA has it.')]
      : []),
    rule('title', 'double'),
    ...(context.verificationUrl ? [{ type: 'qr', section: 'title', url: context.verificationUrl } satisfies Block] : []),
    ...(context.store.topMsg ? [text('title', context.store.topMsg)] : []),
  ];
}

function parties(context: Context): Block[] {
  const { sale, seal } = context;
  const refund = sale.refund;
  return [
    rule('parties'),
    row('parties', context.creditNote ? 'CREDIT NOTE NO.' : 'INVOICE NO.', sale.tradeInvoiceNo),
    row('parties', 'DATE', displayDateTime(toKraDateTime(new Date(sale.committedAt)))),
    row('parties', 'CASHIER', sale.cashierName),
    ...(sale.customer.tin ? [row('parties', 'BUYER PIN', sale.customer.tin)] : []),
    ...(sale.customer.name ? [row('parties', 'BUYER NAME', sale.customer.name)] : []),
    ...(refund
      ? [
          row('parties', 'ORIGINAL INVOICE NO.', refund.original.tradeInvoiceNo),
          ...(seal && refund.original.cuReceiptNo !== null
            ? [text('parties', `ORIGINAL CU INVOICE NO.#: ${seal.scuId}/${refund.original.cuReceiptNo} NS`, { align: 'left' })]
            : []),
          ...(refund.reasonCode ? [row('parties', 'REASON', refundReason(refund.reasonCode))] : []),
          text('parties', CREDIT_NOTE_STATEMENT, { bold: true }),
        ]
      : []),
  ];
}

function refundReason(code: string): string {
  const name = REFUND_REASONS[code];
  return name ? `${code} ${name}` : code;
}

function items(context: Context): Block[] {
  return [
    rule('items'),
    ...context.sale.lines.map(
      (line): Block => ({
        type: 'item',
        section: 'items',
        name: line.name,
        quantity: formatQuantity(line.quantity),
        unitPrice: formatKes(line.unitPrice),
        amount: `${signed(context, line.total + line.discount)}${classSuffix(line.taxClass)}`,
        discount: line.discount > 0 ? signed(context, -line.discount) : null,
      }),
    ),
  ];
}

/** The line total's tax-class suffix: `330.00B`, and `A-EX` for exempt as KRA's sample prints it. */
function classSuffix(taxClass: TaxClass): string {
  return taxClass === 'A' ? 'A-EX' : taxClass;
}

function totals(context: Context): Block[] {
  const { sale } = context;
  const amounts = context.creditNote
    ? [
        ...TAX_CLASSES.filter((c) => sale.byClass[c].total !== 0).map((c) =>
          row('totals', `TOTAL ${classLabel(c, sale.byClass[c].rate)}`, signed(context, sale.byClass[c].total)),
        ),
        row('totals', 'TOTAL', signed(context, sale.total), { bold: true, size: 'tall' }),
        row('totals', 'TOTAL TAX', signed(context, sale.taxTotal)),
      ]
    : [
        row('totals', 'SUB TOTAL', signed(context, sale.taxableTotal)),
        row('totals', 'VAT', signed(context, sale.taxTotal)),
        row('totals', 'TOTAL KES', signed(context, sale.total), { bold: true, size: 'tall' }),
      ];
  return [
    rule('totals'),
    ...amounts,
    ...sale.tenders.map((t) => row('totals', tenderName(t), signed(context, t.amount))),
    ...(sale.changeGiven > 0 ? [row('totals', 'CHANGE', formatKes(sale.changeGiven))] : []),
    row('totals', 'ITEMS NUMBER', String(sale.lines.length)),
  ];
}

function tenderName(tender: ReceiptTender): string {
  const name = TENDER_NAMES[tender.kind];
  return tender.reference ? `${name} ${tender.reference}` : name;
}

function taxes(context: Context): Block[] {
  const { sale } = context;
  const table: TaxTableBlock = {
    type: 'taxTable',
    section: 'taxes',
    rows: TAX_CLASSES.map((taxClass) => {
      const totalsOfClass = sale.byClass[taxClass];
      return {
        taxClass,
        label: classLabel(taxClass, totalsOfClass.rate),
        taxable: signed(context, totalsOfClass.taxable),
        tax: signed(context, totalsOfClass.tax),
        total: signed(context, totalsOfClass.total),
      };
    }),
    total: { taxable: signed(context, sale.taxableTotal), tax: signed(context, sale.taxTotal), total: signed(context, sale.total) },
  };
  return [rule('taxes'), table];
}

/** `B-16.00%`, `E-8.00%`, `C-0.00%`, `A-EXEMPT`, `D-NON-VAT`. */
export function classLabel(taxClass: TaxClass, rate: number): string {
  if (taxClass === 'A') return 'A-EXEMPT';
  if (taxClass === 'D') return 'D-NON-VAT';
  return `${taxClass}-${Math.floor(rate / 100)}.${String(rate % 100).padStart(2, '0')}%`;
}

function scuInformation(seal: KraSeal, label: ReceiptLabel): Block[] {
  const when = splitDateTime(seal.scuDateTime);
  return [
    rule('scu'),
    text('scu', 'SCU INFORMATION', { bold: true }),
    row('scu', 'Date', when.date),
    row('scu', 'Time', when.time),
    row('scu', 'SCU ID', seal.scuId),
    row('scu', 'MRC NO.', seal.mrcNo),
    row('scu', 'CU INVOICE NO.', `${seal.scuId}/${seal.cuReceiptNo}`),
    row('scu', 'RECEIPT NUMBER', `${seal.cuReceiptNo}/${seal.totalReceiptNo} ${label}`),
    text('scu', 'Internal Data:', { align: 'left' }),
    text('scu', groupsOfFour(seal.internalData), { align: 'left', bold: true }),
    text('scu', 'Receipt Signature:', { align: 'left' }),
    text('scu', groupsOfFour(seal.signature), { align: 'left', bold: true }),
  ];
}

function footer(context: Context): Block[] {
  return [
    rule('footer'),
    ...(context.store.btmMsg ? [text('footer', context.store.btmMsg)] : []),
    ...(context.copy ? [text('footer', 'COPY', { bold: true, size: 'large' })] : []),
    ...(context.seal === null ? [text('footer', context.title, { bold: true })] : []),
    ...(context.demo ? [text('footer', DEMO_BANNER, { bold: true })] : []),
    { type: 'cut', section: 'footer' },
  ];
}

/** `QUII27MATATSHFRB` -> `QUII-27MA-TATS-HFRB` (spec 5.2.7). */
export function groupsOfFour(value: string): string {
  return (value.match(/.{1,4}/g) ?? []).join('-');
}

/** YYYYMMDDhhmmss -> dd/mm/yyyy and hh:mm:ss; an unreadable value is shown as it came. */
export function splitDateTime(value: string): { date: string; time: string } {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!m) return { date: value, time: '' };
  return { date: `${m[3]}/${m[2]}/${m[1]}`, time: `${m[4]}:${m[5]}:${m[6]}` };
}

function displayDateTime(value: string): string {
  const { date, time } = splitDateTime(value);
  return `${date} ${time}`.trim();
}

