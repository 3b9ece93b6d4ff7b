/**
 * Whether the record KRA holds under an invcNo is this very sale: its receipt number, its time,
 * its totals and its lines. A ledger behind KRA (a restored backup, a copied data folder, a second
 * till on one device) finds another sale's record there, whose signature must never be adopted.
 */
import type { KraSaleRecord } from './port';

type Frozen = Record<string, unknown>;

/** KRA answers amounts as numbers or text, with any number of decimals: compare them in cents. */
function sameAmount(ours: unknown, theirs: unknown): boolean {
  const a = Number(ours);
  const b = Number(theirs);
  return Number.isFinite(a) && Number.isFinite(b) && Math.round(a * 100) === Math.round(b * 100);
}

export function isSameSale(frozen: Frozen, record: KraSaleRecord): boolean {
  const lines = Array.isArray(frozen.itemList) ? (frozen.itemList as Frozen[]) : [];
  return (
    frozen.trdInvcNo === record.trdInvcNo &&
    frozen.cfmDt === record.cfmDt &&
    sameAmount(frozen.totAmt, record.totAmt) &&
    sameAmount(frozen.totTaxblAmt, record.totTaxblAmt) &&
    sameAmount(frozen.totTaxAmt, record.totTaxAmt) &&
    lines.length === record.itemList.length &&
    lines.every((line, i) => {
      const theirs = record.itemList[i]!;
      return line.itemCd === theirs.itemCd && sameAmount(line.qty, theirs.qty) && sameAmount(line.prc, theirs.prc) && sameAmount(line.totAmt, theirs.totAmt);
    })
  );
}
