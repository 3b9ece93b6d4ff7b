import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';

/** What one step of a sender came to: nothing to do, something done, or KRA out of reach. */
export type StepResult = 'idle' | 'progress' | 'retry';

/** Calls fire once after ms unless the returned function is called first. */
export type Timer = (ms: number, fire: () => void) => () => void;

const realTimer: Timer = (ms, fire) => {
  const handle = setTimeout(fire, ms);
  return () => clearTimeout(handle);
};

export interface LoopOptions {
  backoff?: BackoffPolicy;
  random?: () => number;
  /** How long to wait for new work before looking again when there is none. */
  idlePollMs?: number;
  /** Times the waits between steps; tests pass their own. */
  timer?: Timer;
  log?: (message: string) => void;
}

/**
 * Runs a sender's steps one after another: straight on after progress, after a backoff that grows
 * with each failure in a row, or after the idle poll; wake() ends a wait at once.
 */
export class SenderLoop {
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  /** Set by wake(); a wake that comes while a step runs must not be lost. */
  private woken = false;
  private consecutiveFailures = 0;

  constructor(
    private readonly step: () => Promise<StepResult>,
    private readonly options: LoopOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.woken = false;
      const result = await this.step().catch((error: unknown) => {
        this.options.log?.(`sender step failed: ${String(error)}`);
        return 'retry' as const;
      });
      this.consecutiveFailures = result === 'retry' ? this.consecutiveFailures + 1 : 0;
      if (result === 'progress') continue;
      const delay =
        result === 'retry'
          ? backoffDelay(this.consecutiveFailures, this.options.backoff ?? DEFAULT_BACKOFF, this.options.random)
          : (this.options.idlePollMs ?? 30_000);
      await this.pause(delay);
    }
  }

  private pause(ms: number): Promise<void> {
    if (this.woken) return Promise.resolve();
    return new Promise((resolve) => {
      let cancel = () => {};
      const done = () => {
        cancel();
        resolve();
      };
      cancel = (this.options.timer ?? realTimer)(ms, done);
      this.wakeUp = () => {
        this.wakeUp = null;
        done();
      };
    });
  }
}
