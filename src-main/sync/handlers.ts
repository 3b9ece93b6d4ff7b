import { ApiError, type SyncStatus } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import type { Handlers } from '../api/handlers';
import type { LedgerDb } from '../ledger/open';
import { parkedJobs, redriveJob } from '../ledger/kra-jobs';
import { parkedSales, redrive } from '../ledger/outbox';
import { judge } from '../watchdog/state';
import type { KraContact } from './contact';

/** Sales committed here that KRA has not signed yet: how many, and since when. */
export type UnsignedQueue = () => { depth: number; oldestCommittedAt: Date | null };

export function syncStatus(deps: {
  clock: Clock;
  contact: KraContact;
  queue: UnsignedQueue;
  offlineLimitSeconds: number;
}): SyncStatus {
  const now = deps.clock.now();
  const { depth, oldestCommittedAt: oldest } = deps.queue();
  const lastContactAt = deps.contact.lastContactAt;
  const verdict = judge({
    now,
    lastContactAt,
    reachable: deps.contact.reachable,
    runningSinceContactSeconds: deps.contact.runningSinceContactMs / 1000,
    oldestUnsignedAt: oldest,
    offlineLimitSeconds: deps.offlineLimitSeconds,
  });
  return {
    ...verdict,
    queueDepth: depth,
    oldestUnsignedAgeSeconds: oldest ? Math.floor((now.getTime() - oldest.getTime()) / 1000) : null,
    lastContactAt: lastContactAt?.toISOString() ?? null,
    lastError: deps.contact.lastError,
    offlineLimitSeconds: deps.offlineLimitSeconds,
  };
}

export function syncHandlers(deps: {
  db: LedgerDb;
  clock: Clock;
  status: () => SyncStatus;
  /** A parked sale or job is back in the queue: the senders should look again. */
  onRedriven: () => void;
}): Handlers<'sync.status' | 'sync.parked' | 'sync.redrive' | 'sync.parkedJobs' | 'sync.redriveJob'> {
  return {
    'sync.status': () => deps.status(),
    'sync.parked': () => parkedSales(deps.db),
    'sync.redrive': ({ saleId }) => {
      if (!redrive(deps.db, saleId, deps.clock.now())) {
        throw new ApiError('SALE_NOT_PARKED', `saleId: sale ${saleId} is not parked`, { field: 'saleId' });
      }
      deps.onRedriven();
      return { saleId };
    },
    'sync.parkedJobs': () =>
      parkedJobs(deps.db).map((job) => ({ jobId: job.id, endpoint: job.endpoint, subject: job.subject, queuedAt: job.createdAt, reason: job.lastError ?? '' })),
    'sync.redriveJob': ({ jobId }) => {
      if (!redriveJob(deps.db, jobId, deps.clock.now())) {
        throw new ApiError('JOB_NOT_PARKED', `jobId: KRA request ${jobId} is not waiting for a fix`, { field: 'jobId' });
      }
      deps.onRedriven();
      return { jobId };
    },
  };
}
