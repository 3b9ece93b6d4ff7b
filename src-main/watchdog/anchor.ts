/**
 * A clock that once ran ahead leaves sales dated in the future, and then every sale at the right
 * time is "behind the last sale". A manager re-anchors the clock guard to KRA's time: the sales made
 * so far keep their dates (nothing is deleted or changed), and the guard compares later sales with
 * KRA's time at re-anchoring and with the sales made after it.
 */
import { ApiError, type ClockReanchored, type UserSummary } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import { fromKraDateTime } from '../../src-shared/etims/time';
import { appendAudit } from '../ledger/audit';
import type { LedgerDb } from '../ledger/open';
import { latestSaleId } from '../ledger/receipts';
import { latestCommittedAt, latestSdcDateTime } from '../ledger/sales';
import { readSetting, writeSetting } from '../ledger/settings';

const ANCHOR = 'clock.anchor';

interface ClockAnchor {
  afterSaleId: number;
  kraTime: string;
}

function readAnchor(db: LedgerDb): ClockAnchor {
  const stored = readSetting(db, ANCHOR);
  return stored ? (JSON.parse(stored) as ClockAnchor) : { afterSaleId: 0, kraTime: '' };
}

/** The times the clock guard must not fall behind: the newest sale, and the newest time KRA gave. */
export function journalTimes(db: LedgerDb): { latestCommittedAt: Date | null; latestKraTime: Date | null } {
  const anchor = readAnchor(db);
  const sdc = latestSdcDateTime(db, anchor.afterSaleId);
  const times = [sdc ? fromKraDateTime(sdc) : null, anchor.kraTime ? new Date(anchor.kraTime) : null].filter((t) => t !== null);
  return {
    latestCommittedAt: latestCommittedAt(db, anchor.afterSaleId),
    latestKraTime: times.length ? new Date(Math.max(...times.map((t) => t.getTime()))) : null,
  };
}

export interface ReanchorDeps {
  db: LedgerDb;
  clock: Clock;
  /** KRA's time now, from an answer in this run; null until KRA has answered. */
  kraTimeNow: () => Date | null;
  toleranceSeconds: number;
}

/** Only with KRA's time in hand, a clock that agrees with it, and sales that are dated ahead of both. */
export function reanchorClock(deps: ReanchorDeps, user: UserSummary): ClockReanchored {
  const { db, clock } = deps;
  const kraTime = deps.kraTimeNow();
  if (!kraTime) throw new ApiError('KRA_UNREACHABLE', 'the clock is re-anchored to KRA\'s time: wait until the till has reached KRA');
  const now = clock.now();
  const tolerance = deps.toleranceSeconds * 1000;
  const params = { now: now.toISOString(), kraTime: kraTime.toISOString() };
  if (now.getTime() > kraTime.getTime() + tolerance) throw new ApiError('CLOCK_AHEAD', `the clock (${params.now}) is ahead of KRA's time (${params.kraTime}): set it right first`, { params });
  if (now.getTime() < kraTime.getTime() - tolerance) throw new ApiError('CLOCK_BEHIND', `the clock (${params.now}) is behind KRA's time (${params.kraTime}): set it right first`, { params });
  const { latestCommittedAt: lastSaleAt, latestKraTime } = journalTimes(db);
  const ahead = [lastSaleAt, latestKraTime].filter((t) => t !== null && t.getTime() > now.getTime() + tolerance);
  if (!lastSaleAt || ahead.length === 0) throw new ApiError('CLOCK_ANCHOR_NOT_NEEDED', 'no sale is dated ahead of KRA\'s time: there is nothing to re-anchor');
  const anchored = { afterSaleId: latestSaleId(db) ?? 0, kraTime: kraTime.toISOString() };
  db.transaction(() => {
    writeSetting(db, ANCHOR, JSON.stringify(anchored));
    appendAudit(db, { at: now, userId: user.id, action: 'clock.reanchor', detail: { ...anchored, lastSaleAt: lastSaleAt.toISOString(), now: now.toISOString() } });
  });
  return { ...anchored, lastSaleAt: lastSaleAt.toISOString() };
}
