import type { LedgerWriter } from './open';
import { auditLog } from './schema';

export function appendAudit(
  db: LedgerWriter,
  entry: { at: Date; userId: number | null; action: string; detail?: Record<string, unknown> },
): void {
  db.insert(auditLog)
    .values({ at: entry.at.toISOString(), userId: entry.userId, action: entry.action, detail: entry.detail ?? {} })
    .run();
}
