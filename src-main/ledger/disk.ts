/**
 * Free space in the data folder. A write that finds the disk full is refused as DISK_FULL (naming
 * the folder and the space needed) instead of failing as an internal error; the till keeps running
 * and sells nothing until the space is back, and warns before that, below the store's margin.
 */
import { statfsSync } from 'node:fs';
import { ApiError, type SyncAlert } from '../../src-shared/api';

/** Bytes free for this process in the folder's file system. */
export type FreeSpaceProbe = (folder: string) => number;

export const statfsProbe: FreeSpaceProbe = (folder) => {
  const stats = statfsSync(folder);
  return stats.bavail * stats.bsize;
};

export const DEFAULT_DISK_MARGIN_MB = 100;
const MB = 1024 * 1024;

/** SQLite's SQLITE_FULL (and its extended codes) or the file system's ENOSPC. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_FULL') || code === 'ENOSPC');
}

const megabytes = (bytes: number) => `${Math.max(0, Math.floor(bytes / MB))} MB`;

export class DiskGuard {
  /** Set when a write found the disk full; cleared once the margin is free again. */
  private full = false;

  constructor(
    private readonly deps: {
      folder: string;
      probe: FreeSpaceProbe;
      /** The store's margin (a setting), in MB. */
      marginMb: () => number;
    },
  ) {}

  /** Refuses a write while the disk is still full; lets it through once the margin is free again. */
  assertRoom(): void {
    if (this.full && !this.roomAgain()) throw this.fullError();
  }

  /** An error from a write: DISK_FULL if the disk was full (remembered), else null. */
  translate(error: unknown): ApiError | null {
    if (!isDiskFull(error)) return null;
    this.full = true;
    return this.fullError();
  }

  alerts(): SyncAlert[] {
    if (this.full && !this.roomAgain()) {
      const error = this.fullError();
      return [{ code: 'DISK_FULL', message: error.message, params: error.params ?? {} }];
    }
    const free = this.free();
    if (free === null || free >= this.deps.marginMb() * MB) return [];
    const params = { folder: this.deps.folder, free: megabytes(free), margin: `${this.deps.marginMb()} MB` };
    return [{ code: 'DISK_LOW', message: `the disk holding ${params.folder} is nearly full: ${params.free} left`, params }];
  }

  private roomAgain(): boolean {
    const free = this.free();
    if (free !== null && free >= this.deps.marginMb() * MB) this.full = false;
    return !this.full;
  }

  private free(): number | null {
    try {
      return this.deps.probe(this.deps.folder);
    } catch {
      return null;
    }
  }

  private fullError(): ApiError {
    const needed = `${this.deps.marginMb()} MB`;
    return new ApiError('DISK_FULL', `the disk holding ${this.deps.folder} is full: free at least ${needed} there to sell again`, {
      params: { folder: this.deps.folder, needed },
    });
  }
}
