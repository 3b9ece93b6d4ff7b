/**
 * The wrong-PIN lockout. Failures count against every key a PIN was typed under: where it came
 * from (an address, the desktop window, a logged-in user) and what it tried to open (the PIN pad,
 * an approval, one user's own PIN). Success resets nothing, so a cashier cannot log in between
 * guesses to start again; a key is forgotten only after a quiet hour. Each lock doubles the last.
 */
import { ApiError } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import { appendAudit } from '../ledger/audit';
import type { LedgerDb } from '../ledger/open';
import { pinFailuresOf, savePinFailure, type PinFailureRow } from '../ledger/pin-failures';

export interface LockoutPolicy {
  /** Wrong PINs allowed before the first lock. */
  maxFailures: number;
  /** The first lock; each further failure doubles it, up to maxLockSeconds. */
  lockSeconds: number;
  maxLockSeconds?: number;
  /** A key with no failure for this long starts again from nothing. */
  forgetAfterSeconds?: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockSeconds: 60 };
const DEFAULT_MAX_LOCK_SECONDS = 60 * 60;
const DEFAULT_FORGET_AFTER_SECONDS = 60 * 60;

export class PinGuard {
  constructor(
    private readonly db: LedgerDb,
    private readonly clock: Clock,
    private readonly policy: LockoutPolicy = DEFAULT_LOCKOUT,
  ) {}

  /** Throws PIN_LOCKED while any of the keys is locked; call before checking a PIN. */
  assertOpen(keys: readonly string[]): void {
    const now = this.clock.now().getTime();
    const until = Math.max(0, ...pinFailuresOf(this.db, keys).map((row) => (row.lockedUntil ? Date.parse(row.lockedUntil) : 0)));
    const seconds = Math.ceil((until - now) / 1000);
    if (seconds > 0) {
      throw new ApiError('PIN_LOCKED', `Too many wrong PINs; try again in ${seconds} s`, { params: { seconds } });
    }
  }

  /** Counts a wrong PIN against each key, locking (and auditing the lock) once a key has too many. */
  fail(keys: readonly string[], userId: number | null): void {
    const now = this.clock.now();
    const known = new Map(pinFailuresOf(this.db, keys).map((row) => [row.key, row]));
    this.db.transaction((tx) => {
      for (const key of new Set(keys)) {
        const failures = this.stillCounted(known.get(key), now) + 1;
        const seconds = this.lockSecondsAfter(failures);
        const lockedUntil = seconds > 0 ? new Date(now.getTime() + seconds * 1000).toISOString() : null;
        savePinFailure(tx, { key, failures, lastFailureAt: now.toISOString(), lockedUntil });
        if (seconds > 0) appendAudit(tx, { at: now, userId, action: 'session.pin.locked', detail: { key, failures, seconds } });
      }
    });
  }

  private stillCounted(row: PinFailureRow | undefined, now: Date): number {
    if (!row) return 0;
    const forgetAfter = (this.policy.forgetAfterSeconds ?? DEFAULT_FORGET_AFTER_SECONDS) * 1000;
    const lockEnds = row.lockedUntil ? Date.parse(row.lockedUntil) : 0;
    const quietSince = Math.max(Date.parse(row.lastFailureAt), lockEnds);
    return now.getTime() - quietSince >= forgetAfter ? 0 : row.failures;
  }

  private lockSecondsAfter(failures: number): number {
    const over = failures - this.policy.maxFailures;
    if (over < 0) return 0;
    const max = this.policy.maxLockSeconds ?? DEFAULT_MAX_LOCK_SECONDS;
    return Math.min(max, this.policy.lockSeconds * 2 ** Math.min(over, 30));
  }
}
