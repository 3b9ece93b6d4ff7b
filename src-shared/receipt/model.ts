/**
 * The receipt as a document: what it says, in order, independent of paper width. ESC/POS, PDF and
 * the till's preview all render this; none of them decides content.
 */
import type { TaxClass } from '../tax';

export type Align = 'left' | 'center' | 'right';

/** normal; tall = double height; large = double width and height; huge = triple. */
export type TextSize = 'normal' | 'tall' | 'large' | 'huge';

/** Where a block belongs, so a wide page (A4) can arrange sections side by side or as tables. */
export type Section = 'header' | 'title' | 'parties' | 'items' | 'totals' | 'taxes' | 'scu' | 'footer';

export interface TextBlock {
  type: 'text';
  section: Section;
  text: string;
  align: Align;
  bold: boolean;
  size: TextSize;
}

/** A label on the left and a value on the right, e.g. `TOTAL ... 1,160.00`. */
export interface RowBlock {
  type: 'row';
  section: Section;
  left: string;
  right: string;
  bold: boolean;
  size: 'normal' | 'tall';
}

/** One sold item: its name, `quantity x unit price`, the amount with its tax class, and any discount. */
export interface ItemBlock {
  type: 'item';
  section: Section;
  name: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  discount: string | null;
}

export interface RuleBlock {
  type: 'rule';
  section: Section;
  style: 'single' | 'double';
}

export interface TaxTableRow {
  taxClass: TaxClass;
  /** `B-16.00%`, `A-EXEMPT`... */
  label: string;
  taxable: string;
  tax: string;
  total: string;
}

/** All five classes, every time (spec 5.2.6), and their sum. */
export interface TaxTableBlock {
  type: 'taxTable';
  section: Section;
  rows: TaxTableRow[];
  total: { taxable: string; tax: string; total: string };
}

export interface QrBlock {
  type: 'qr';
  section: Section;
  /** The exact KRA verification URL the code encodes. */
  url: string;
}

export interface LogoBlock {
  type: 'logo';
  section: Section;
  /** `data:image/png;base64,...` */
  dataUrl: string;
}

export interface CutBlock {
  type: 'cut';
  section: Section;
}

export type Block = TextBlock | RowBlock | ItemBlock | RuleBlock | TaxTableBlock | QrBlock | LogoBlock | CutBlock;

/** Receipt labels of spec 3.4: Normal/Copy x Sale/Credit note. */
export type ReceiptLabel = 'NS' | 'NC' | 'CS' | 'CC';

export interface ReceiptDocument {
  saleId: number;
  receiptNo: number;
  tradeInvoiceNo: string;
  kind: 'sale' | 'credit-note';
  /** Provisional until KRA has signed the sale: no SCU block, no QR code. */
  status: 'signed' | 'provisional';
  copy: boolean;
  demo: boolean;
  label: ReceiptLabel | null;
  title: string;
  /** Printed across a PDF page so the document cannot pass for something it is not. */
  watermark: string | null;
  verificationUrl: string | null;
  blocks: Block[];
}

/** The store as the receipt names it. */
export interface StoreProfile {
  tradeName: string;
  address: string;
  /** The seller's KRA PIN. */
  sellerPin: string;
  branchId: string;
  phone: string | null;
  topMsg: string | null;
  btmMsg: string | null;
  /** A PNG data URL, printed above the trade name. */
  logo: string | null;
}

export interface ReceiptLine {
  name: string;
  /** Hundredths. */
  quantity: number;
  /** Cents, VAT-inclusive. */
  unitPrice: number;
  /** Cents taken off this line. */
  discount: number;
  /** Cents after the discount. */
  total: number;
  taxClass: TaxClass;
}

export interface ReceiptTender {
  kind: 'cash' | 'mpesa' | 'card' | 'credit';
  amount: number;
  reference: string | null;
}

export interface ClassTotal {
  /** Hundredths of a percent. */
  rate: number;
  taxable: number;
  tax: number;
  total: number;
}

/** A sale or credit note as the ledger holds it, in cents and hundredths, amounts positive. */
export interface ReceiptSale {
  id: number;
  receiptNo: number;
  tradeInvoiceNo: string;
  kind: 'S' | 'R';
  /** ISO-8601 UTC. */
  committedAt: string;
  cashierName: string;
  customer: { tin: string | null; name: string | null };
  lines: ReceiptLine[];
  byClass: Record<TaxClass, ClassTotal>;
  total: number;
  taxableTotal: number;
  taxTotal: number;
  tenders: ReceiptTender[];
  changeGiven: number;
  /** For a credit note: why, and the sale it credits (with KRA's receipt number when signed). */
  refund: { reasonCode: string | null; original: { tradeInvoiceNo: string; cuReceiptNo: number | null } } | null;
}

/** What KRA's control unit returned for the sale (saveTrnsSalesOsdc), with the device it signed on. */
export interface KraSeal {
  /** `sdcId`: the control unit's serial. */
  scuId: string;
  mrcNo: string;
  /** `curRcptNo`: this receipt type's counter on the control unit. */
  cuReceiptNo: number;
  /** `totRcptNo`: the control unit's counter over all receipt types. */
  totalReceiptNo: number;
  /** `intrlData`. */
  internalData: string;
  /** `rcptSign`. */
  signature: string;
  /** `sdcDateTime`: YYYYMMDDhhmmss, Nairobi time, from the control unit's clock. */
  scuDateTime: string;
}

export type ReceiptEnvironment =
  | { kind: 'production' }
  | { kind: 'sandbox' }
  /** Demo mode's receipts point at the local simulator's copy of KRA's verification page. */
  | { kind: 'demo'; verificationBaseUrl: string };

export interface ReceiptInput {
  store: StoreProfile;
  sale: ReceiptSale;
  /** Null until KRA has signed the sale. */
  seal: KraSeal | null;
  environment: ReceiptEnvironment;
  copy: boolean;
}
