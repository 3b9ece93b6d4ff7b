/**
 * The data folder's guards, taken before the ledger is opened: one process at a time (a lock file
 * holding its pid), and no silent new store where a store was (a marker written when the folder's
 * ledger was first created, so a missing or emptied ledger next to it is refused, not replaced).
 */
import { constants, copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEDGER_FILE } from './open';

export const STORE_MARKER = 'mauzo-store.json';
export const LOCK_FILE = 'mauzo.lock';

/** Why the till will not start on this folder, in one line for the person starting it. */
export class StartRefused extends Error {
  override name = 'StartRefused';
}

function ledgerState(dataDir: string): 'missing' | 'empty' | 'present' {
  const file = join(dataDir, LEDGER_FILE);
  if (!existsSync(file)) return 'missing';
  return statSync(file).size === 0 ? 'empty' : 'present';
}

/**
 * Refuses a folder that held a store but whose ledger is gone or empty, unless a backup is being
 * restored into it (copied in, never over a ledger that has content). Returns whether this is the
 * folder's first run, after which `markStore` records that it holds a store.
 */
export function checkStoreFolder(dataDir: string, restoreFrom?: string): { firstRun: boolean } {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const ledger = join(dataDir, LEDGER_FILE);
  const state = ledgerState(dataDir);
  if (restoreFrom) {
    if (state === 'present') throw new StartRefused(`refusing to restore ${restoreFrom}: ${ledger} already holds a ledger, and nothing is overwritten`);
    if (!existsSync(restoreFrom)) throw new StartRefused(`cannot restore: there is no backup at ${restoreFrom}`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(ledger + suffix, { force: true });
    copyFileSync(restoreFrom, ledger, constants.COPYFILE_EXCL);
    return { firstRun: false };
  }
  const marked = existsSync(join(dataDir, STORE_MARKER));
  if (marked && state !== 'present') {
    throw new StartRefused(
      `refusing to start: the ledger ${ledger} is ${state} but ${dataDir} holds a store; restore it from a backup (npm run serve -- --data ${dataDir} --restore BACKUP_FILE), nothing was overwritten`,
    );
  }
  return { firstRun: !marked && state !== 'present' };
}

/** Records that the folder holds a store: from now on its ledger must not go missing. */
export function markStore(dataDir: string, at: Date): void {
  const marker = join(dataDir, STORE_MARKER);
  if (existsSync(marker)) return;
  writeFileSync(marker, `${JSON.stringify({ ledger: LEDGER_FILE, createdAt: at.toISOString() })}\n`, { mode: 0o600 });
}

export interface DataDirLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the folder's lock: a file only its owner can read, holding this process's pid. A lock left
 * by a process that is no longer running is taken over; one held by a live process is refused.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // Written whole under another name, then linked into place: the lock never exists without its pid.
      const draft = `${file}.${process.pid}`;
      writeFileSync(draft, `${process.pid}\n`, { mode: 0o600 });
      try {
        linkSync(draft, file);
      } finally {
        unlinkSync(draft);
      }
      return {
        release: () => {
          if (readPid(file) === process.pid) unlinkSync(file);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readPid(file);
      if (holder !== null && alive(holder)) {
        throw new StartRefused(`refusing to start: another Mauzo (pid ${holder}) is using ${dataDir}; close it first`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new StartRefused(`refusing to start: could not take the lock ${file}`);
}

function readPid(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
