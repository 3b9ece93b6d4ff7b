/**
 * A supervisor's consent typed at a cashier's till: their PIN buys one short-lived, single-use token
 * bound to what they approved: this much off one sale, or a credit note of at most this much on one
 * sale. The cashier stays logged in.
 */
import { randomBytes } from 'node:crypto';
import type { ApprovalAction, UserSummary } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import { sessionOf, sourceOf, type Handlers } from '../api/handlers';
import { appendAudit } from '../ledger/audit';
import type { LedgerDb } from '../ledger/open';
import type { StaffPins } from './pins';

/** Long enough to finish scanning a full basket after the discount, short enough not to linger. */
export const APPROVAL_TTL_SECONDS = 15 * 60;

/** What an approval allows: an action, at most `amount` cents (taken off, or paid back), on `saleId` for a refund. */
export interface ApprovalScope {
  action: ApprovalAction;
  amount: number;
  saleId: number | null;
}

/** What a sale or credit note asks of an approval when it spends one. */
export interface ApprovalUse {
  cashierId: number;
  /** Any of these actions will do: a sale with discounts and price overrides takes either. */
  actions: readonly ApprovalAction[];
  amount: number;
  saleId: number | null;
}

interface Grant extends ApprovalScope {
  approverId: number;
  cashierId: number;
  expiresAt: number;
}

export class Approvals {
  private readonly grants = new Map<string, Grant>();

  constructor(
    private readonly db: LedgerDb,
    private readonly clock: Clock,
    private readonly ttlSeconds = APPROVAL_TTL_SECONDS,
  ) {}

  grant(approver: UserSummary, cashier: UserSummary, scope: ApprovalScope): { token: string; expiresAt: Date } {
    this.forgetExpired();
    const token = randomBytes(24).toString('hex');
    const expiresAt = new Date(this.clock.now().getTime() + this.ttlSeconds * 1000);
    this.grants.set(token, { ...scope, approverId: approver.id, cashierId: cashier.id, expiresAt: expiresAt.getTime() });
    return { token, expiresAt };
  }

  /**
   * Spends a token: true once for a live one granted at this cashier's till for this use, false
   * when it is missing, spent, expired, granted to someone else or for something else. A token
   * offered for something else is not spent.
   */
  consume(token: string | undefined, use: ApprovalUse): boolean {
    if (token === undefined) return false;
    const grant = this.grants.get(token);
    if (!grant || !covers(grant, use)) return false;
    this.grants.delete(token);
    const now = this.clock.now();
    if (grant.expiresAt <= now.getTime()) return false;
    appendAudit(this.db, {
      at: now,
      userId: grant.cashierId,
      action: 'session.approval.used',
      detail: { approverId: grant.approverId, action: grant.action, approved: grant.amount, used: use.amount, saleId: grant.saleId },
    });
    return true;
  }

  private forgetExpired(): void {
    const now = this.clock.now().getTime();
    for (const [token, grant] of this.grants) if (grant.expiresAt <= now) this.grants.delete(token);
  }
}

function covers(grant: Grant, use: ApprovalUse): boolean {
  return (
    grant.cashierId === use.cashierId &&
    use.actions.includes(grant.action) &&
    grant.saleId === use.saleId &&
    use.amount <= grant.amount
  );
}

export function approvalHandlers(deps: {
  db: LedgerDb;
  clock: Clock;
  pins: StaffPins;
  approvals: Approvals;
}): Handlers<'session.authorize'> {
  const { db, clock, pins, approvals } = deps;
  return {
    'session.authorize': ({ pin, action, amount, saleId }, ctx) => {
      const cashier = sessionOf(ctx).user;
      let approver;
      try {
        approver = pins.approver(pin, sourceOf(ctx), cashier.id);
      } catch (error) {
        appendAudit(db, { at: clock.now(), userId: cashier.id, action: 'session.authorize.failed', detail: { action } });
        throw error;
      }
      const summary: UserSummary = { id: approver.id, name: approver.name, role: approver.role };
      const scope = { action, amount, saleId: saleId ?? null };
      const { token, expiresAt } = approvals.grant(summary, cashier, scope);
      appendAudit(db, {
        at: clock.now(),
        userId: cashier.id,
        action: 'session.authorize',
        detail: { ...scope, approverId: approver.id, expiresAt: expiresAt.toISOString() },
      });
      return { approval: token, approver: summary, expiresAt: expiresAt.toISOString() };
    },
  };
}
