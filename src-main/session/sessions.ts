import { randomBytes } from 'node:crypto';
import type { UserSummary } from '../../src-shared/api';
import { ApiError } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';

export interface Session {
  token: string;
  user: UserSummary;
  startedAt: Date;
}

/** A till left alone this long asks for a PIN again. */
export const DEFAULT_IDLE_SECONDS = 15 * 60;

/**
 * Live sessions of this till. Sessions are kept in memory on purpose: a restart logs everyone out,
 * while carts on hold live in the ledger. A session unused for the idle time is over.
 */
export class Sessions {
  private readonly byToken = new Map<string, Session>();
  /** When each token was last used by a person, on the running clock (ms): setting the wall clock neither ends nor lengthens a session. */
  private readonly lastUsed = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly idleSeconds = DEFAULT_IDLE_SECONDS,
  ) {}

  open(user: UserSummary): Session {
    const now = this.clock.now();
    const session = { token: randomBytes(32).toString('hex'), user, startedAt: now };
    this.byToken.set(session.token, session);
    this.lastUsed.set(session.token, this.clock.monotonicMs());
    return session;
  }

  /** The live session of a token; SESSION_EXPIRED once it has been idle too long. */
  find(token: string | null | undefined): Session | undefined {
    const session = token ? this.byToken.get(token) : undefined;
    if (!session) return undefined;
    const idleMs = this.clock.monotonicMs() - this.lastUsed.get(session.token)!;
    if (idleMs >= this.idleSeconds * 1000) {
      this.close(session.token);
      throw new ApiError('SESSION_EXPIRED', `logged out after ${Math.round(this.idleSeconds / 60)} minutes without use; enter your PIN again`, {
        params: { minutes: Math.round(this.idleSeconds / 60) },
      });
    }
    return session;
  }

  /** A person used the till: the idle time starts again. Background refreshes do not count. */
  touch(session: Session): void {
    this.lastUsed.set(session.token, this.clock.monotonicMs());
  }

  close(token: string): void {
    this.byToken.delete(token);
    this.lastUsed.delete(token);
  }

  /** Ends every session of a user, e.g. once a manager retires them or changes their role. */
  closeUser(userId: number): void {
    for (const [token, session] of this.byToken) if (session.user.id === userId) this.close(token);
  }
}
