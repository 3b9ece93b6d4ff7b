import type { Exchange } from '../oscu/transport';
import { withoutFsync, type LedgerDb } from './open';
import { kraExchanges } from './schema';

/** Every request to KRA and its answer, with timing: what an auditor or a support call needs. */
export function appendKraExchange(db: LedgerDb, exchange: Exchange): void {
  withoutFsync(db, () =>
    db
      .insert(kraExchanges)
      .values({ ...exchange, startedAt: exchange.startedAt.toISOString() })
      .run(),
  );
}
