/**
 * A supervisor's consent typed at a cashier's till: their PIN buys one short-lived, single-use token
 * that lets this sale carry a discount or a price override. The cashier stays logged in.
 */
import { randomBytes } from 'node:crypto';
import { ApiError, roleAllows, type ApprovalAction, type UserSummary } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import { sessionOf, type Handlers } from '../api/handlers';
import { appendAudit } from '../ledger/audit';
import type { LedgerDb } from '../ledger/open';
import { findActiveUserByPinHash } from '../ledger/users';
import { hashPin } from '../security/pin';
import type { Sessions } from './sessions';

/** Long enough to finish scanning a full basket after the discount, short enough not to linger. */
export const APPROVAL_TTL_SECONDS = 15 * 60;

interface Grant {
  approverId: number;
  cashierId: number;
  action: ApprovalAction;
  expiresAt: number;
}

export class Approvals {
  private readonly grants = new Map<string, Grant>();

  constructor(
    private readonly db: LedgerDb,
    private readonly clock: Clock,
    private readonly ttlSeconds = APPROVAL_TTL_SECONDS,
  ) {}

  grant(approver: UserSummary, cashier: UserSummary, action: ApprovalAction): { token: string; expiresAt: Date } {
    this.forgetExpired();
    const token = randomBytes(24).toString('hex');
    const expiresAt = new Date(this.clock.now().getTime() + this.ttlSeconds * 1000);
    this.grants.set(token, { approverId: approver.id, cashierId: cashier.id, action, expiresAt: expiresAt.getTime() });
    return { token, expiresAt };
  }

  /**
   * Spends a token: true once for a live one granted at this cashier's till, false when it is
   * missing, spent, expired or granted to someone else.
   */
  consume(token: string | undefined, cashierId: number): boolean {
    if (token === undefined) return false;
    const grant = this.grants.get(token);
    if (!grant || grant.cashierId !== cashierId) return false;
    this.grants.delete(token);
    const now = this.clock.now();
    if (grant.expiresAt <= now.getTime()) return false;
    appendAudit(this.db, {
      at: now,
      userId: grant.cashierId,
      action: 'session.approval.used',
      detail: { approverId: grant.approverId, action: grant.action },
    });
    return true;
  }

  private forgetExpired(): void {
    const now = this.clock.now().getTime();
    for (const [token, grant] of this.grants) if (grant.expiresAt <= now) this.grants.delete(token);
  }
}

export function approvalHandlers(deps: {
  db: LedgerDb;
  clock: Clock;
  sessions: Sessions;
  pinSalt: string;
  approvals: Approvals;
}): Handlers<'session.authorize'> {
  const { db, clock, sessions, approvals } = deps;
  return {
    'session.authorize': ({ pin, action }, ctx) => {
      const cashier = sessionOf(ctx).user;
      sessions.assertNotLocked();
      const approver = findActiveUserByPinHash(db, hashPin(pin, deps.pinSalt));
      if (!approver) {
        sessions.recordFailure();
        appendAudit(db, { at: clock.now(), userId: cashier.id, action: 'session.authorize.failed', detail: { action } });
        throw new ApiError('WRONG_PIN', 'pin: no one has that PIN', { field: 'pin' });
      }
      if (!roleAllows(approver.role, 'supervisor')) {
        appendAudit(db, {
          at: clock.now(),
          userId: cashier.id,
          action: 'session.authorize.refused',
          detail: { action, approverId: approver.id },
        });
        throw new ApiError('APPROVER_NOT_ALLOWED', `pin: ${approver.name} is a ${approver.role}; a supervisor or manager must approve`, {
          field: 'pin',
          params: { name: approver.name },
        });
      }
      const summary: UserSummary = { id: approver.id, name: approver.name, role: approver.role };
      const { token, expiresAt } = approvals.grant(summary, cashier, action);
      appendAudit(db, {
        at: clock.now(),
        userId: cashier.id,
        action: 'session.authorize',
        detail: { action, approverId: approver.id, expiresAt: expiresAt.toISOString() },
      });
      return { approval: token, approver: summary, expiresAt: expiresAt.toISOString() };
    },
  };
}
