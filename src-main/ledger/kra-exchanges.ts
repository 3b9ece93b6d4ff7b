import type { Exchange } from '../oscu/transport';
import { withoutFsync, type LedgerDb } from './open';
import { kraExchanges } from './schema';

/**
 * Every request to KRA and its answer, with timing: what an auditor or a support call needs.
 *
 * Written just behind the traffic: an exchange is queued when its answer comes, and written as soon
 * as the code waiting for that answer has had its turn. That code may send the next sale first, so
 * that the audit row is not on the path of the outbox; the answered sale's signature is written
 * after its audit row, in a later turn still. A crash in between leaves the sale `unknown`: it is
 * asked of KRA again at the next start, and that question is audited.
 *
 * The till closes the log, writing what is queued, after its senders have stopped and before it
 * closes the ledger; a call that ends after that (abandoned by the closing till) is not recorded.
 */
export class KraExchangeLog {
  private pending: Exchange[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  private closed = false;

  /** A write that fails (a full disk) is reported, never thrown out of the event loop: the exchanges are lost, the sales are not. */
  constructor(
    private readonly db: LedgerDb,
    private readonly onWriteFailed: (error: unknown) => void = () => {},
  ) {}

  record(exchange: Exchange): void {
    if (this.closed) return;
    this.pending.push(exchange);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  close(): void {
    this.flush();
    this.closed = true;
  }

  private flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      withoutFsync(this.db, () =>
        this.db.transaction((tx) => {
          for (const exchange of batch) tx.insert(kraExchanges).values({ ...exchange, startedAt: exchange.startedAt.toISOString() }).run();
        }),
      );
    } catch (error) {
      this.onWriteFailed(error);
    }
  }
}
