/**
 * stock.adjust: a manager's count that differs from the books (opening stock, breakage, expiry),
 * told to KRA as an adjustment in (06) or out (16); stock.moves: an item's movements and KRA's answers.
 */
import { eq } from 'drizzle-orm';
import { ADJUSTMENT_DIRECTIONS, ApiError, type ParsedInputOf, type UserSummary } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import type { TaxRates } from '../../src-shared/tax';
import { sessionOf, type Handlers } from '../api/handlers';
import { appendAudit } from '../ledger/audit';
import type { ItemRow } from '../ledger/items';
import type { LedgerDb } from '../ledger/open';
import { items } from '../ledger/schema';
import { movesOf } from './levels';
import { recordStockMovement } from './movements';

export interface StockDeps {
  db: LedgerDb;
  clock: Clock;
  taxRates: () => TaxRates;
  /** A job for KRA was queued: the sender should look now. */
  onQueued: () => void;
}

export function stockHandlers(deps: StockDeps): Handlers<'stock.adjust' | 'stock.moves'> {
  return {
    'stock.adjust': (input, ctx) => {
      adjust(deps, input, sessionOf(ctx).user);
      deps.onQueued();
      const item = itemOrFail(deps.db, input.itemCode);
      return { itemCode: item.code, stock: item.stock, move: movesOf(deps.db, item.code, 1)[0]! };
    },
    'stock.moves': ({ itemCode, limit, before }) => {
      const item = itemOrFail(deps.db, itemCode);
      return { itemCode: item.code, name: item.name, stock: item.stock, kraStock: item.kraStock, moves: movesOf(deps.db, item.code, limit, before) };
    },
  };
}

function adjust(deps: StockDeps, input: ParsedInputOf<'stock.adjust'>, user: UserSummary): void {
  const item = itemOrFail(deps.db, input.itemCode);
  if (item.itemType === '3') {
    throw new ApiError('ITEM_HAS_NO_STOCK', `itemCode: ${item.name} is a service, which holds no stock`, { field: 'itemCode', params: { name: item.name } });
  }
  const direction = input.quantity > 0 ? 'in' : 'out';
  if (ADJUSTMENT_DIRECTIONS[input.reasonCode] !== direction) {
    const way = direction === 'in' ? 'a positive quantity puts stock in' : 'a negative quantity takes stock out';
    throw new ApiError('ADJUSTMENT_REASON_MISMATCH', `reasonCode: reason ${input.reasonCode} takes stock ${ADJUSTMENT_DIRECTIONS[input.reasonCode]}, but ${way}`, {
      field: 'reasonCode',
      params: { reason: input.reasonCode },
    });
  }
  const at = deps.clock.now();
  deps.db.transaction((tx) => {
    recordStockMovement(tx, {
      ioType: direction === 'in' ? '06' : '16',
      lines: [{ item, quantity: Math.abs(input.quantity) }],
      at,
      rates: deps.taxRates(),
      registrar: { id: String(user.id), name: user.name },
      registration: 'M',
      userId: user.id,
      reasonCode: input.reasonCode,
      ...(input.note ? { note: input.note } : {}),
    });
    appendAudit(deps.db, { at, userId: user.id, action: 'stock.adjust', detail: { itemCode: item.code, quantity: input.quantity, reasonCode: input.reasonCode } });
  }, { behavior: 'immediate' });
}

function itemOrFail(db: LedgerDb, code: string): ItemRow {
  const item = db.select().from(items).where(eq(items.code, code)).get();
  if (!item) throw new ApiError('ITEM_NOT_FOUND', `itemCode: no item has the code ${code}`, { field: 'itemCode', params: { code } });
  return item;
}
