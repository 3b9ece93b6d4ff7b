import type { Clock } from '../../src-shared/clock';
import { withoutFsync, type LedgerDb } from '../ledger/open';
import { readSetting, writeSetting } from '../ledger/settings';

const LAST_CONTACT = 'kra.lastContactAt';
const OFFLINE_RUNNING = 'kra.offlineRunningMs';
const PERSIST_EVERY_MS = 1_000;

/**
 * Remembers when KRA last answered, and how long the till has run since, on the running clock: a
 * wall clock set back cannot shrink that, and it is persisted so a restart does not reset it.
 * Whether the latest attempt got through, and KRA's own time, are only trusted for this run: after a
 * restart the till may have been off for any length of time.
 */
export class KraContact {
  private reachableNow = false;
  private lastErrorNow: { code: string; message: string } | null = null;
  private answeredAt: Date | null = null;
  private persistedAt = -Infinity;
  /** Running time since KRA's last answer: `offlineBefore` as of the running clock's `since`. */
  private offlineBefore: number;
  private since: number;
  private kraTimeHeard: { at: Date; runningAt: number } | null = null;

  constructor(
    private readonly db: LedgerDb,
    private readonly clock: Clock,
  ) {
    this.offlineBefore = Number(readSetting(db, OFFLINE_RUNNING) ?? 0) || 0;
    this.since = clock.monotonicMs();
  }

  answered(): void {
    this.reachableNow = true;
    this.lastErrorNow = null;
    this.answeredAt = this.clock.now();
    this.offlineBefore = 0;
    this.since = this.clock.monotonicMs();
    // A draining queue hears from KRA every few milliseconds; the 24-hour rule needs the time to the second.
    this.persist(() => writeSetting(this.db, LAST_CONTACT, this.answeredAt!.toISOString()));
  }

  failed(error: { code: string; message: string }): void {
    this.reachableNow = false;
    this.lastErrorNow = error;
    this.persist();
  }

  /** KRA's own clock, from the date-time on one of its answers. */
  heardKraTime(at: Date): void {
    this.kraTimeHeard = { at, runningAt: this.clock.monotonicMs() };
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

  /** How long the till has been running since KRA last answered, whatever the wall clock did. */
  get runningSinceContactMs(): number {
    return this.offlineBefore + this.clock.monotonicMs() - this.since;
  }

  /** KRA's time now, reckoned from its last answer in this run on the running clock; null before one. */
  get kraTimeNow(): Date | null {
    const heard = this.kraTimeHeard;
    return heard && new Date(heard.at.getTime() + this.clock.monotonicMs() - heard.runningAt);
  }

  /** On the way out: the offline count as it stands. */
  save(): void {
    this.persistedAt = -Infinity;
    this.persist();
  }

  /** Keeps the offline count on disk, at most once a second of running time. */
  private persist(also?: () => void): void {
    const running = this.clock.monotonicMs();
    if (running - this.persistedAt < PERSIST_EVERY_MS) return;
    this.persistedAt = running;
    withoutFsync(this.db, () => {
      also?.();
      writeSetting(this.db, OFFLINE_RUNNING, String(Math.floor(this.runningSinceContactMs)));
    });
  }
}
