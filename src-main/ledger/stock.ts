/** The stock on hand and its movements: the writes every sale, credit note, purchase and adjustment makes. */
import { insertRows, keptStatement } from './prepared';
import type { LedgerWriter } from './open';
import { stockMoves } from './schema';

export type NewStockMove = typeof stockMoves.$inferInsert;

/** Adds each quantity (hundredths, negative for out) to its item's stock on hand. */
export function moveStock(tx: LedgerWriter, moves: readonly { itemCode: string; quantity: number }[]): void {
  const update = keptStatement(tx, 'items stock move', () => 'UPDATE items SET stock = stock + ? WHERE code = ?');
  for (const move of moves) update.run(move.quantity, move.itemCode);
}

/** The movements' rows, all in one statement. */
export function insertStockMoves(tx: LedgerWriter, rows: readonly NewStockMove[]): void {
  insertRows(tx, stockMoves, rows);
}
