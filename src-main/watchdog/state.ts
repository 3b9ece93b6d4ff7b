import type { SyncState } from '../../src-shared/api';

export interface WatchdogInput {
  now: Date;
  /** Last time KRA answered any request (a rejection is still an answer). */
  lastContactAt: Date | null;
  /** Whether the most recent attempt to reach KRA got an answer. */
  reachable: boolean;
  oldestUnsignedAt: Date | null;
  offlineLimitSeconds: number;
}

export interface WatchdogVerdict {
  state: SyncState;
  secondsUntilBlock: number | null;
}

/**
 * Mauzo decision 12.6: after the store's limit (24 h by default) without reaching KRA, or with a sale
 * unsigned for that long, the till refuses new invoices until KRA answers again.
 */
export function judge(input: WatchdogInput): WatchdogVerdict {
  const since = (at: Date | null) => (at ? (input.now.getTime() - at.getTime()) / 1000 : 0);
  const waited = Math.max(since(input.oldestUnsignedAt), input.reachable ? 0 : since(input.lastContactAt));
  const left = Math.ceil(input.offlineLimitSeconds - waited);
  if (left <= 0) return { state: 'blocked', secondsUntilBlock: 0 };
  if (input.reachable && input.oldestUnsignedAt === null) return { state: 'online', secondsUntilBlock: null };
  return { state: input.reachable ? 'online' : 'offline', secondsUntilBlock: left };
}
