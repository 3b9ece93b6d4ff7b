/**
 * WAL checkpoints off the sale path. SQLite checkpoints by itself in the commit that takes the WAL
 * past wal_autocheckpoint frames, and that commit waits while the WAL is copied into the ledger and
 * the ledger is fsynced; a 20-line sale writes about 30 frames, so at SQLite's default one sale in 35
 * would wait. Instead the ledger checkpoints shortly after sales, once the event loop is free, and
 * keeps the automatic checkpoint at a higher mark only for a till that never pauses. A checkpoint
 * moves committed pages from one file to the other: what a commit has made durable stays so.
 */
import type Database from 'better-sqlite3';

/** The automatic checkpoint's mark, in WAL frames (pages): about 40 MB, some 300 sales without a pause. */
export const AUTOCHECKPOINT_FRAMES = 10_000;

/** How long after a sale the checkpoint waits, so a run of quick sales shares one. */
const DELAY_MS = 100;

const scheduled = new WeakSet<Database.Database>();

/** Checkpoints (PASSIVE: never waiting on readers) soon after now, once, however many sales ask. */
export function checkpointSoon(client: Database.Database): void {
  if (scheduled.has(client)) return;
  scheduled.add(client);
  setTimeout(() => {
    scheduled.delete(client);
    if (!client.open || client.inTransaction) return;
    try {
      client.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // A checkpoint that cannot write (a full disk) leaves the pages in the WAL, as durable there;
      // the next sale's checkpoint tries again. Nothing may throw out of a timer.
    }
  }, DELAY_MS).unref();
}
