import type { Clock } from '../../src-shared/clock';
import { withoutFsync, type LedgerDb } from '../ledger/open';
import { readSetting, writeSetting } from '../ledger/settings';

const LAST_CONTACT = 'kra.lastContactAt';
const PERSIST_EVERY_MS = 1_000;

/**
 * Remembers when KRA last answered. The time is persisted so the 24-hour rule survives a restart;
 * whether the latest attempt got through is only known for this run.
 */
export class KraContact {
  private reachableNow = false;
  private lastErrorNow: { code: string; message: string } | null = null;
  private answeredAt: Date | null = null;
  private persistedAt = -Infinity;

  constructor(
    private readonly db: LedgerDb,
    private readonly clock: Clock,
  ) {}

  answered(): void {
    this.reachableNow = true;
    this.lastErrorNow = null;
    this.answeredAt = this.clock.now();
    // A draining queue hears from KRA every few milliseconds; the 24-hour rule needs the time to the second.
    if (this.answeredAt.getTime() - this.persistedAt < PERSIST_EVERY_MS) return;
    this.persistedAt = this.answeredAt.getTime();
    withoutFsync(this.db, () => writeSetting(this.db, LAST_CONTACT, this.answeredAt!.toISOString()));
  }

  failed(error: { code: string; message: string }): void {
    this.reachableNow = false;
    this.lastErrorNow = error;
  }

  get reachable(): boolean {
    return this.reachableNow;
  }

  get lastError(): { code: string; message: string } | null {
    return this.lastErrorNow;
  }

  get lastContactAt(): Date | null {
    if (this.answeredAt) return this.answeredAt;
    const stored = readSetting(this.db, LAST_CONTACT);
    return stored ? new Date(stored) : null;
  }
}
