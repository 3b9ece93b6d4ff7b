/**
 * Puts the fixed receipt sale into a real ledger: the device, the staff, the sale row with its frozen
 * KRA body, its lines and tenders, and (when asked) KRA's signature filled in afterwards, as the sync
 * worker does.
 */
import { eq } from 'drizzle-orm';
import type { LedgerDb } from '../../src-main/ledger/open';
import { devices, saleLines, sales, tenders, users } from '../../src-main/ledger/schema';
import type { KraSeal } from '../../src-shared/receipt';
import { TAX_CLASSES } from '../../src-shared/tax';
import { STORE, type FixtureSale } from './receipt-fixtures';

export function seedStaffAndDevice(db: LedgerDb): { cashierId: number; supervisorId: number; managerId: number } {
  db.insert(devices)
    .values({
      environment: 'demo',
      tin: STORE.sellerPin,
      branchId: STORE.branchId,
      serialNo: 'DEMO-SERIAL-1',
      sdcId: 'KRACU0100000001',
      mrcNo: 'WIS01006430',
      deviceId: 'dev-1',
      cmcKey: 'secret',
      taxpayerName: 'MAMA MBOGA ENTERPRISES',
      branchName: 'Moi Avenue',
      initialisedAt: '2026-11-01T08:00:00.000Z',
    })
    .run();
  const at = '2026-11-01T08:00:00.000Z';
  const cashier = db.insert(users).values({ name: 'Wanjiru', role: 'cashier', pinHash: 'hash-cashier', createdAt: at }).returning().get();
  const supervisor = db.insert(users).values({ name: 'Otieno', role: 'supervisor', pinHash: 'hash-supervisor', createdAt: at }).returning().get();
  const manager = db.insert(users).values({ name: 'Achieng', role: 'manager', pinHash: 'hash-manager', createdAt: at }).returning().get();
  return { cashierId: cashier.id, supervisorId: supervisor.id, managerId: manager.id };
}

/** Inserts the sale as committed (unsigned) and returns its id. */
export function insertFixtureSale(db: LedgerDb, fixture: FixtureSale, cashierId: number, originalSaleId: number | null = null): number {
  const { sale } = fixture;
  const rates = Object.fromEntries(TAX_CLASSES.map((c) => [`taxRt${c}`, fixture.byClass[c].rate / 100]));
  const row = db
    .insert(sales)
    .values({
      receiptNo: sale.receiptNo,
      kind: sale.kind,
      originalSaleId,
      refundReason: sale.refund?.reasonCode ?? null,
      committedAt: sale.committedAt,
      cashierId,
      customerTin: sale.customer.tin,
      customerName: sale.customer.name,
      total: sale.total,
      taxableTotal: sale.taxableTotal,
      taxTotal: sale.taxTotal,
      changeGiven: sale.changeGiven,
      payload: {
        trdInvcNo: sale.tradeInvoiceNo,
        rcptTyCd: sale.kind,
        ...rates,
        receipt: { trdeNm: STORE.tradeName, adrs: STORE.address, topMsg: STORE.topMsg, btmMsg: STORE.btmMsg },
      },
      prevHash: '0'.repeat(64),
      hash: `${sale.receiptNo}`.padStart(64, '0'),
    })
    .returning()
    .get();
  db.insert(saleLines).values(fixture.ledgerLines.map((line) => ({ ...line, saleId: row.id, originalSeq: null }))).run();
  db.insert(tenders).values(sale.tenders.map((t, i) => ({ ...t, seq: i + 1, saleId: row.id }))).run();
  return row.id;
}

/** KRA's answer arriving for the sale. */
export function signSale(db: LedgerDb, saleId: number, seal: KraSeal, invoiceNo: number): void {
  db.update(sales)
    .set({
      invcNo: invoiceNo,
      curRcptNo: seal.cuReceiptNo,
      totRcptNo: seal.totalReceiptNo,
      intrlData: seal.internalData,
      rcptSign: seal.signature,
      sdcDateTime: seal.scuDateTime,
      signedAt: '2026-11-24T09:00:16.000Z',
    })
    .where(eq(sales.id, saleId))
    .run();
}
