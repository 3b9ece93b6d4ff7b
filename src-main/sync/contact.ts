import type { Clock } from '../../src-shared/clock';
import { withoutFsync, type LedgerDb } from '../ledger/open';
import { readSetting, writeSetting } from '../ledger/settings';

const LAST_CONTACT = 'kra.lastContactAt';

/**
 * Remembers when KRA last answered. The time is persisted so the 24-hour rule survives a restart;
 * whether the latest attempt got through is only known for this run.
 */
export class KraContact {
  private reachableNow = false;
  private lastErrorNow: { code: string; message: string } | null = null;

  constructor(
    private readonly db: LedgerDb,
    private readonly clock: Clock,
  ) {}

  answered(): void {
    this.reachableNow = true;
    this.lastErrorNow = null;
    withoutFsync(this.db, () => writeSetting(this.db, LAST_CONTACT, this.clock.now().toISOString()));
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
    const stored = readSetting(this.db, LAST_CONTACT);
    return stored ? new Date(stored) : null;
  }
}
