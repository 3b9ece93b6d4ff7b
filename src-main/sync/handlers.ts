import { ApiError, type ResyncResult, type SyncAlert, type SyncStatus } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import { sessionOf, type Handlers } from '../api/handlers';
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
  alerts: () => SyncAlert[];
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
    alerts: deps.alerts(),
  };
}

export function syncHandlers(deps: {
  db: LedgerDb;
  clock: Clock;
  status: () => SyncStatus;
  /** A parked sale or job is back in the queue: the senders should look again. */
  onRedriven: () => void;
  /** The way out of a ledger behind KRA (SyncWorker.resync). */
  resync: (userId: number) => Promise<ResyncResult>;
}): Handlers<'sync.status' | 'sync.parked' | 'sync.redrive' | 'sync.parkedJobs' | 'sync.redriveJob' | 'sync.resync'> {
  return {
    'sync.status': () => deps.status(),
    'sync.resync': (_input, ctx) => deps.resync(sessionOf(ctx).user.id),
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
