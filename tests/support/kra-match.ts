import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { centsToWire } from '../../src-shared/money';
import { LEDGER_FILE } from '../../src-main/ledger/open';
import type { SimAdmin } from '../../src-main/kra-sim/launch';

interface OurSale {
  receipt_no: number;
  invc_no: number | null;
  total: number;
  trd_invc_no: string;
  rcpt_sign: string | null;
}

export function ourSales(dataDir: string): OurSale[] {
  const db = new Database(join(dataDir, LEDGER_FILE), { readonly: true });
  try {
    return db
      .prepare("select receipt_no, invc_no, total, json_extract(payload, '$.trdInvcNo') as trd_invc_no, rcpt_sign from sales order by id")
      .all() as OurSale[];
  } finally {
    db.close();
  }
}

/**
 * What KRA accepted equals what we sold: the same count, invcNo 1..n with no gap, each sale once,
 * the same amount, and every one of our sales holding KRA's signature.
 */
export async function assertKraHoldsExactlyOurSales(admin: SimAdmin, tin: string, dataDir: string): Promise<number> {
  const ours = ourSales(dataDir);
  const theirs = (await admin.sales(tin, '00')).sort((a, b) => a.invcNo - b.invcNo);
  assert.equal(theirs.length, ours.length, 'KRA holds as many sales as the ledger');
  assert.deepEqual(theirs.map((s) => s.invcNo), ours.map((_, i) => i + 1), 'invcNo runs 1..n with no gap');
  assert.equal(new Set(theirs.map((s) => s.trdInvcNo)).size, theirs.length, 'no sale reached KRA twice');
  const byTrade = new Map(theirs.map((s) => [s.trdInvcNo, s]));
  for (const sale of ours) {
    const kra = byTrade.get(sale.trd_invc_no);
    assert.ok(kra, `KRA has ${sale.trd_invc_no}`);
    assert.equal(kra.invcNo, sale.invc_no, `${sale.trd_invc_no} has the same invcNo on both sides`);
    assert.equal(kra.totAmt, centsToWire(sale.total), `${sale.trd_invc_no} has the same amount on both sides`);
    assert.equal(sale.rcpt_sign, kra.rcptSign, `${sale.trd_invc_no} holds KRA's signature`);
  }
  return ours.length;
}
