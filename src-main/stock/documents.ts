/**
 * A sale takes its goods off the shelf (sarTyCd 11), a credit note puts them back (03, a return),
 * in the document's own commit. KRA hears of it only after it has signed the document (spec 2.17).
 */
import type { TaxRates } from '../../src-shared/tax';
import type { LedgerWriter } from '../ledger/open';
import { itemsByCode } from '../ledger/sales';
import { recordStockMovement, type Registrar, type WireAmounts } from './movements';

export interface CommittedDocument {
  id: number;
  kind: 'S' | 'R';
  committedAt: string;
  /** The frozen saveTrnsSalesOsdc body: its itemList carries each line's amounts. */
  payload: unknown;
}

interface BodyLine {
  itemCd: string;
  prc: number;
  splyAmt: number;
  dcAmt: number;
  taxblAmt: number;
  taxAmt: number;
  totAmt: number;
}

export function recordDocumentStock(
  tx: LedgerWriter,
  doc: CommittedDocument,
  lines: readonly { itemCode: string; quantity: number }[],
  context: { registrar: Registrar; userId: number; rates: TaxRates },
): number | null {
  const body = (doc.payload as { itemList: BodyLine[] }).itemList;
  const found = itemsByCode(tx, [...new Set(lines.map((line) => line.itemCode))]);
  return recordStockMovement(tx, {
    ioType: doc.kind === 'S' ? '11' : '03',
    // An item since removed from the catalogue has no shelf left to move.
    lines: lines.flatMap((line, i) => {
      const item = found.get(line.itemCode);
      return item ? [{ item, quantity: line.quantity, amounts: amountsOf(body[i]!) }] : [];
    }),
    at: new Date(doc.committedAt),
    rates: context.rates,
    registrar: context.registrar,
    registration: 'A',
    saleId: doc.id,
    userId: context.userId,
    afterSaleId: doc.id,
  });
}

function amountsOf(line: BodyLine): WireAmounts {
  return { prc: line.prc, splyAmt: line.splyAmt, totDcAmt: line.dcAmt, taxblAmt: line.taxblAmt, taxAmt: line.taxAmt, totAmt: line.totAmt };
}
