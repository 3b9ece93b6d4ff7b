import { randomBytes } from 'node:crypto';
import type { UserSummary } from '../../src-shared/api';
import { ApiError } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';

export interface Session {
  token: string;
  user: UserSummary;
  startedAt: Date;
}

export interface LockoutPolicy {
  maxFailures: number;
  lockSeconds: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockSeconds: 60 };

/**
 * Live sessions of this till and the wrong-PIN lockout. Sessions are kept in memory on purpose:
 * a restart logs everyone out, while carts on hold live in the ledger.
 */
export class Sessions {
  private readonly byToken = new Map<string, Session>();
  private failures = 0;
  private lockedUntil: Date | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly lockout: LockoutPolicy = DEFAULT_LOCKOUT,
  ) {}

  /** Throws PIN_LOCKED while locked out; call before checking a PIN. */
  assertNotLocked(): void {
    if (!this.lockedUntil) return;
    const secondsLeft = Math.ceil((this.lockedUntil.getTime() - this.clock.now().getTime()) / 1000);
    if (secondsLeft > 0) {
      throw new ApiError('PIN_LOCKED', `Too many wrong PINs; try again in ${secondsLeft} s`, {
        params: { seconds: secondsLeft },
      });
    }
    this.lockedUntil = null;
    this.failures = 0;
  }

  recordFailure(): void {
    this.failures += 1;
    if (this.failures >= this.lockout.maxFailures) {
      this.lockedUntil = new Date(this.clock.now().getTime() + this.lockout.lockSeconds * 1000);
    }
  }

  open(user: UserSummary): Session {
    this.failures = 0;
    const session = { token: randomBytes(32).toString('hex'), user, startedAt: this.clock.now() };
    this.byToken.set(session.token, session);
    return session;
  }

  find(token: string | null | undefined): Session | undefined {
    return token ? this.byToken.get(token) : undefined;
  }

  close(token: string): void {
    this.byToken.delete(token);
  }
}

