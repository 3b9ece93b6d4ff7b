import type { SyncStatus } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import type { Handlers } from '../api/handlers';
import { judge } from '../watchdog/state';
import type { KraContact } from './contact';

export interface UnsignedQueue {
  depth(): number;
  oldestCommittedAt(): Date | null;
}

export function syncStatus(deps: {
  clock: Clock;
  contact: KraContact;
  queue: UnsignedQueue;
  offlineLimitSeconds: number;
}): SyncStatus {
  const now = deps.clock.now();
  const oldest = deps.queue.oldestCommittedAt();
  const lastContactAt = deps.contact.lastContactAt;
  const verdict = judge({
    now,
    lastContactAt,
    reachable: deps.contact.reachable,
    oldestUnsignedAt: oldest,
    offlineLimitSeconds: deps.offlineLimitSeconds,
  });
  return {
    ...verdict,
    queueDepth: deps.queue.depth(),
    oldestUnsignedAgeSeconds: oldest ? Math.floor((now.getTime() - oldest.getTime()) / 1000) : null,
    lastContactAt: lastContactAt?.toISOString() ?? null,
    lastError: deps.contact.lastError,
  };
}

export function syncHandlers(status: () => SyncStatus): Handlers<'sync.status'> {
  return { 'sync.status': () => status() };
}
