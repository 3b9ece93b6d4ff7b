import type { SyncState } from '../../src-shared/api';

export interface WatchdogInput {
  now: Date;
  /** Last time KRA answered any request (a rejection is still an answer). */
  lastContactAt: Date | null;
  /** Whether the most recent attempt to reach KRA got an answer. */
  reachable: boolean;
  /** How long the till has run since KRA last answered, on the running clock (a wall clock set back cannot shrink it). */
  runningSinceContactSeconds: number;
  oldestUnsignedAt: Date | null;
  offlineLimitSeconds: number;
}

export interface WatchdogVerdict {
  state: SyncState;
  secondsUntilBlock: number | null;
}

/**
 * Mauzo decision 12.6: after the store's limit (24 h by default) without reaching KRA, or with a sale
 * unsigned for that long, the till refuses new invoices until KRA answers again. Offline time is the
 * longer of the wall clock's and the running clock's, so neither winding the clock back nor
 * restarting the till shortens it.
 */
export function judge(input: WatchdogInput): WatchdogVerdict {
  const since = (at: Date | null) => (at ? (input.now.getTime() - at.getTime()) / 1000 : 0);
  const offline = input.reachable ? 0 : Math.max(since(input.lastContactAt), input.runningSinceContactSeconds);
  const waited = Math.max(since(input.oldestUnsignedAt), offline);
  const left = Math.ceil(input.offlineLimitSeconds - waited);
  if (left <= 0) return { state: 'blocked', secondsUntilBlock: 0 };
  if (input.reachable && input.oldestUnsignedAt === null) return { state: 'online', secondsUntilBlock: null };
  return { state: input.reachable ? 'online' : 'offline', secondsUntilBlock: left };
}
