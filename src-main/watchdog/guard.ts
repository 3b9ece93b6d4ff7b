import { ApiError, type SyncState } from '../../src-shared/api';

export interface SellingConditions {
  now: Date;
  state: SyncState;
  /** The newest sale in the journal. */
  latestCommittedAt: Date | null;
  /** The newest time KRA has stamped on one of our sales (sdcDateTime). */
  latestKraTime: Date | null;
  /** KRA's time now, reckoned from its last answer in this run; null before one. */
  kraTimeNow: Date | null;
  /** KRA's clock and ours may differ a little; a larger gap means ours was wound back or runs ahead. */
  kraClockToleranceSeconds: number;
}

/**
 * Whether a new invoice may be issued now: not while the watchdog blocks, not with a clock that is
 * behind the journal or KRA (so winding the clock back cannot dodge the 24-hour rule), and not with
 * a clock far ahead of KRA's (a sale dated in the future would later block the till).
 */
export function assertMaySell(c: SellingConditions): void {
  if (c.state === 'blocked') {
    throw new ApiError('WATCHDOG_BLOCKED', 'KRA has not been reached within the offline limit; new invoices are refused');
  }
  if (c.latestCommittedAt && c.now < c.latestCommittedAt) {
    throw new ApiError('CLOCK_BEHIND', `the clock (${c.now.toISOString()}) is behind the last sale (${c.latestCommittedAt.toISOString()})`);
  }
  if (c.latestKraTime && c.now.getTime() < c.latestKraTime.getTime() - c.kraClockToleranceSeconds * 1000) {
    throw new ApiError('CLOCK_BEHIND', `the clock (${c.now.toISOString()}) is behind KRA's last time (${c.latestKraTime.toISOString()})`);
  }
  if (c.kraTimeNow && c.now.getTime() > c.kraTimeNow.getTime() + c.kraClockToleranceSeconds * 1000) {
    const params = { now: c.now.toISOString(), kraTime: c.kraTimeNow.toISOString() };
    throw new ApiError('CLOCK_AHEAD', `the clock (${params.now}) is ahead of KRA's time (${params.kraTime}): set the date and time right`, { params });
  }
}
