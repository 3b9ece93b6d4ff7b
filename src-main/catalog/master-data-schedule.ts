/** Pulls KRA's master data every few hours while the app runs (spec 2.5: integrators poll hourly to daily). */
import type { MasterListSync } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';

export const MASTER_DATA_INTERVAL_MS = 6 * 60 * 60 * 1000;
/** After a pull KRA did not fully answer. */
export const MASTER_DATA_RETRY_MS = 15 * 60 * 1000;
const CHECK_EVERY_MS = 60 * 1000;

/** Calls tick every ms until the returned function is called. */
export type Ticker = (ms: number, tick: () => void) => () => void;

export const intervalTicker: Ticker = (ms, tick) => {
  const handle = setInterval(tick, ms);
  handle.unref();
  return () => clearInterval(handle);
};

export interface MasterDataScheduleDeps {
  clock: Clock;
  ticker: Ticker;
  /** One full pull; null while the till has no device (nothing was tried). */
  sync: () => Promise<MasterListSync[] | null>;
  log: (message: string) => void;
  intervalMs?: number;
  retryMs?: number;
}

/**
 * Reads the passed-in clock at each tick rather than trusting the timer's period, so a laptop that
 * slept through a pull makes it up when it wakes.
 */
export class MasterDataSchedule {
  private dueAt: number | null = null;
  private running: Promise<void> | null = null;
  private stopTicking: (() => void) | null = null;

  constructor(private readonly deps: MasterDataScheduleDeps) {}

  start(): void {
    if (this.stopTicking) return;
    this.stopTicking = this.deps.ticker(CHECK_EVERY_MS, () => void this.tick());
    void this.tick();
  }

  /** Runs a pull if one is due; resolves when it is done. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    const now = this.deps.clock.now().getTime();
    if (this.dueAt !== null && now < this.dueAt) return Promise.resolve();
    this.running = this.deps
      .sync()
      .then((results) => {
        if (!results) return;
        const failed = results.filter((r) => r.outcome === 'failed');
        for (const r of failed) this.deps.log(`KRA list ${r.list} not updated: ${r.error?.message ?? 'no answer'}`);
        this.dueAt = now + (failed.length > 0 ? (this.deps.retryMs ?? MASTER_DATA_RETRY_MS) : (this.deps.intervalMs ?? MASTER_DATA_INTERVAL_MS));
      })
      .catch((error: unknown) => this.deps.log(`KRA master data pull failed: ${String(error)}`))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopTicking?.();
    this.stopTicking = null;
    await this.running;
  }
}
