/**
 * Stock on hand and what KRA is told of it (spec 2.17): every change to the shelf is one movement,
 * recorded in the caller's transaction with one insertStockIO job (its own gapless sarNo); once KRA
 * accepts the IO, each item's saveStockMaster declares the new running total. Spec order: the sale,
 * then its insertStockIO, then saveStockMaster.
 */
import { eq, sql } from 'drizzle-orm';
import type { Clock } from '../../src-shared/clock';
import { ADJUSTMENT_REASONS, STOCK_IO_TYPES, type StockDirection } from '../../src-shared/etims/codes';
import { toKraDate } from '../../src-shared/etims/time';
import type { StockIoRequest, StockLineRequest, StockMasterRequest } from '../../src-shared/etims/wire';
import { centsToWire, hundredthsToWire, wireToCents } from '../../src-shared/money';
import { priceInvoice, type TaxRates } from '../../src-shared/tax';
import type { ItemRow } from '../ledger/items';
import { queueJob, supersedeJobs, type JobEndpoint } from '../ledger/kra-jobs';
import type { LedgerWriter } from '../ledger/open';
import { insertStockMoves, moveStock } from '../ledger/stock';
import { items, stockMoves } from '../ledger/schema';
import type { JobEffects } from '../sync/jobs';
import { classNotListed } from '../catalog/tax-rates';

/** A stock line's money as KRA's JSON carries it (2-dp numbers), e.g. from a sale's frozen itemList. */
export interface WireAmounts {
  prc: number;
  splyAmt: number;
  totDcAmt: number;
  taxblAmt: number;
  taxAmt: number;
  totAmt: number;
}

export interface StockLine {
  item: ItemRow;
  /** Hundredths of the quantity unit, > 0; the movement's type says in or out. */
  quantity: number;
  /** Without them the line is priced at the item's VAT-inclusive price. */
  amounts?: WireAmounts;
}

export interface Registrar {
  id: string;
  name: string;
}

export interface StockMovement {
  /** sarTyCd, code class 12: 01-06 in, 11-16 out. */
  ioType: string;
  lines: readonly StockLine[];
  at: Date;
  rates: TaxRates;
  registrar: Registrar;
  /** regTyCd: A automatic (from a sale, a KRA purchase...), M manual. */
  registration: 'A' | 'M';
  saleId?: number;
  purchaseId?: number;
  userId?: number;
  /** Code class 35, for adjustments. */
  reasonCode?: string;
  note?: string;
  /** The IO waits until KRA has signed this sale. */
  afterSaleId?: number;
  /** The other party: a supplier, or the branch stock moved from or to. */
  counterparty?: { tin: string; name: string; branchId: string | null };
}

export function directionOf(ioType: string): StockDirection {
  const type = STOCK_IO_TYPES.find((t) => t.code === ioType);
  if (!type) throw new RangeError(`stock IO type ${ioType} is not in code class 12 (01-06 in, 11-16 out)`);
  return type.direction;
}

const isGoods = (item: ItemRow) => item.itemType !== '3';

/**
 * Moves the stock of the movement's goods, records one stock_moves row per line and queues ONE
 * insertStockIO job for them, all in `tx`. Services hold no stock: returns null when every line is one.
 */
export function recordStockMovement(tx: LedgerWriter, move: StockMovement): number | null {
  const sign = directionOf(move.ioType) === 'in' ? 1 : -1;
  const goods = move.lines.filter((line) => isGoods(line.item));
  for (const line of goods) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
      throw new RangeError(`stock of ${line.item.code}: quantity ${line.quantity} is not a positive whole number of hundredths`);
    }
  }
  if (goods.length === 0) return null;
  const jobId = queueJob(
    tx,
    { endpoint: 'insertStockIO', subject: subjectOf(move), payload: stockIoBody(move, goods), numbering: 'sar', ...(move.afterSaleId ? { afterSaleId: move.afterSaleId } : {}) },
    move.at,
  );
  moveStock(tx, goods.map((line) => ({ itemCode: line.item.code, quantity: sign * line.quantity })));
  const occurredAt = move.at.toISOString();
  insertStockMoves(
    tx,
    goods.map((line) => ({
      occurredAt,
      itemCode: line.item.code,
      quantity: sign * line.quantity,
      ioType: move.ioType,
      reasonCode: move.reasonCode ?? null,
      note: move.note ?? null,
      saleId: move.saleId ?? null,
      purchaseId: move.purchaseId ?? null,
      userId: move.userId ?? null,
      jobId,
    })),
  );
  return jobId;
}

function subjectOf(move: StockMovement): string {
  if (move.saleId) return `sale ${move.saleId}`;
  if (move.purchaseId) return `purchase ${move.purchaseId}`;
  return `stock ${move.ioType} ${move.lines.map((l) => l.item.code).join(' ')}`.slice(0, 200);
}

/** The insertStockIO body without its sarNo, which the sender gives at the first send. */
function stockIoBody(move: StockMovement, goods: readonly StockLine[]): Omit<StockIoRequest, 'sarNo'> {
  const amounts = amountsOf(goods, move.rates);
  const total = (pick: (a: WireAmounts) => number) => centsToWire(amounts.reduce((sum, a) => sum + wireToCents(pick(a)), 0));
  const { registrar, counterparty } = move;
  return {
    orgSarNo: 0,
    regTyCd: move.registration,
    custTin: counterparty?.tin ?? null,
    custNm: counterparty?.name ?? null,
    custBhfId: counterparty?.branchId ?? null,
    sarTyCd: move.ioType,
    ocrnDt: toKraDate(move.at),
    totItemCnt: goods.length,
    totTaxblAmt: total((a) => a.taxblAmt),
    totTaxAmt: total((a) => a.taxAmt),
    totAmt: total((a) => a.totAmt),
    remark: remarkOf(move),
    regrId: registrar.id,
    regrNm: registrar.name,
    modrId: registrar.id,
    modrNm: registrar.name,
    itemList: goods.map((line, i): StockLineRequest => ({
      itemSeq: i + 1,
      itemCd: line.item.code,
      itemClsCd: line.item.classCode,
      itemNm: line.item.name,
      bcd: line.item.barcode,
      pkgUnitCd: line.item.packagingUnit,
      pkg: 1,
      qtyUnitCd: line.item.quantityUnit,
      qty: hundredthsToWire(line.quantity),
      itemExprDt: null,
      taxTyCd: line.item.taxClass,
      ...amounts[i]!,
    })),
  };
}

/** KRA has no field for an adjustment's reason: it goes in the remark, before the note. */
function remarkOf(move: StockMovement): string | null {
  const reason = ADJUSTMENT_REASONS.find((r) => r.code === move.reasonCode)?.name;
  const remark = [reason, move.note].filter(Boolean).join(': ');
  return remark === '' ? null : remark.slice(0, 400);
}

/** Each line's given amounts, or the line priced at the item's price per spec 4.2. */
function amountsOf(goods: readonly StockLine[], rates: TaxRates): WireAmounts[] {
  const unpriced = goods.filter((line) => !line.amounts);
  const unlisted = unpriced.find((line) => rates[line.item.taxClass] === undefined);
  if (unlisted) throw classNotListed(unlisted.item.taxClass, unlisted.item.name, 'itemCode');
  const priced = unpriced.length === 0 ? [] : priceInvoice(unpriced.map((l) => ({ unitPrice: l.item.unitPrice, quantity: l.quantity, taxClass: l.item.taxClass })), rates).lines;
  let next = 0;
  return goods.map((line) => {
    if (line.amounts) return line.amounts;
    const p = priced[next++]!;
    return {
      prc: centsToWire(p.unitPrice),
      splyAmt: centsToWire(p.supplyAmount),
      totDcAmt: centsToWire(p.discountAmount),
      taxblAmt: centsToWire(p.taxable),
      taxAmt: centsToWire(p.tax),
      totAmt: centsToWire(p.total),
    };
  });
}

/**
 * What KRA's answers mean here: an accepted IO moves the stock KRA knows of (kraStock) and queues,
 * in the same transaction, each item's saveStockMaster with the new total, so a master always
 * follows its IO.
 */
export function stockJobEffects(registrar: Registrar, clock: Clock): Partial<Record<JobEndpoint, JobEffects>> {
  return {
    insertStockIO: {
      accepted: (tx, job) => {
        const at = clock.now();
        for (const { itemCode, quantity } of movesOfJob(tx, job.id)) {
          const kraStock = tx
            .update(items)
            .set({ kraStock: sql`${items.kraStock} + ${quantity}` })
            .where(eq(items.code, itemCode))
            .returning({ kraStock: items.kraStock })
            .get()!.kraStock;
          queueStockMaster(tx, itemCode, kraStock, registrar, at);
        }
      },
    },
  };
}

/** The job's lines summed per item (an item may appear on two lines of one IO). */
function movesOfJob(tx: LedgerWriter, jobId: number): { itemCode: string; quantity: number }[] {
  return tx
    .select({ itemCode: stockMoves.itemCode, quantity: sql<number>`sum(${stockMoves.quantity})` })
    .from(stockMoves)
    .where(eq(stockMoves.jobId, jobId))
    .groupBy(stockMoves.itemCode)
    .all();
}

/**
 * Queues the item's declaration of `kraStock` and retires the item's older ones not yet accepted:
 * sent after this IO they would declare a total KRA no longer holds ("rsdQty mismatch").
 */
function queueStockMaster(tx: LedgerWriter, itemCode: string, kraStock: number, registrar: Registrar, at: Date): void {
  const payload: StockMasterRequest = {
    itemCd: itemCode,
    rsdQty: hundredthsToWire(kraStock),
    regrId: registrar.id,
    regrNm: registrar.name,
    modrId: registrar.id,
    modrNm: registrar.name,
  };
  const jobId = queueJob(tx, { endpoint: 'saveStockMaster', subject: itemCode, payload: { ...payload } }, at);
  supersedeJobs(tx, { endpoint: 'saveStockMaster', subject: itemCode, states: ['pending', 'unknown', 'parked'] }, jobId, at);
}
