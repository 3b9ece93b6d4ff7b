/**
 * The sender of KRA requests other than sales (ledger/kra-jobs.ts): items, stock, purchases,
 * imports, branch users. Like the sales outbox it keeps a job's sequence number across failures,
 * treats KRA's "expected N+1" after a lost answer as proof the job went through, realigns on any
 * other sequence error, and parks refusals with KRA's words for a person to fix and re-drive.
 */
import type { Clock } from '../../src-shared/clock';
import {
  beginJobAttempt,
  failJobAttempt,
  finishJob,
  nextDueJob,
  parkJob,
  realignJob,
  type JobEndpoint,
  type KraJobRow,
} from '../ledger/kra-jobs';
import type { LedgerDb, LedgerWriter } from '../ledger/open';
import type { OscuClient, OscuResult } from '../oscu/client';
import type { KraContact } from './contact';
import { SenderLoop, type LoopOptions, type StepResult } from './loop';

/** What a job's acceptance or refusal means here (an item becomes sellable, stock KRA knows of moves...). */
export interface JobEffects {
  accepted?: (tx: LedgerWriter, job: KraJobRow, number: number | null) => void;
  refused?: (tx: LedgerWriter, job: KraJobRow, reason: string) => void;
}

export interface JobWorkerDeps extends LoopOptions {
  db: LedgerDb;
  clock: Clock;
  client: OscuClient;
  contact: KraContact;
  effects: Partial<Record<JobEndpoint, JobEffects>>;
  onChange?: () => void;
}

/** "Invalid sarNo: Expected: 8 but found: 9", "Invalid invcNo sequence, expected: 17 but found: 19". */
const EXPECTED = /expected(?: value)?\s*:?\s*(\d+)/i;

export class JobWorker {
  private readonly loop: SenderLoop;

  constructor(private readonly deps: JobWorkerDeps) {
    this.loop = new SenderLoop(() => this.step(), deps);
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** A job was queued, or a sale a job waits for was signed: look again now. */
  wake(): void {
    this.loop.wake();
  }

  /** One job sent and settled. Exposed for tests that drive the worker by hand. */
  async step(): Promise<StepResult> {
    const job = nextDueJob(this.deps.db);
    if (!job) return 'idle';
    const result = await this.attempt(job);
    this.deps.onChange?.();
    return result;
  }

  private async attempt(job: KraJobRow): Promise<StepResult> {
    const { db, clock, client } = this.deps;
    const { number, body } = beginJobAttempt(db, job, clock.now());
    // The payload was built as this endpoint's request when the job was queued.
    const send = client[job.endpoint] as unknown as (request: Record<string, unknown>) => Promise<OscuResult<unknown>>;
    const answer = await send(body);
    if (answer.ok || answer.kind === 'empty') return this.accepted(job, number);
    if (answer.kind === 'transport') {
      failJobAttempt(db, job, clock.now(), `${answer.code}: ${answer.message}`);
      return 'retry';
    }
    this.deps.contact.answered();
    const sentBefore = job.state === 'unknown';
    if (sentBefore && answer.code === '994') return this.accepted(job, number);
    const expected = number === null ? null : EXPECTED.exec(answer.message);
    if (expected && number !== null) {
      const next = Number(expected[1]);
      if (sentBefore && next === number + 1) return this.accepted(job, number);
      if (next !== number) {
        this.deps.log?.(`KRA expects ${job.numbering} number ${next}, not ${number}: renumbering job ${job.id}`);
        realignJob(db, job, next, clock.now());
        return 'progress';
      }
    }
    const reason = `${answer.code}: ${answer.message}`;
    const refused = this.deps.effects[job.endpoint]?.refused;
    parkJob(db, job, number, reason, clock.now(), refused && ((tx) => refused(tx, job, reason)));
    this.deps.log?.(`KRA job ${job.id} (${job.endpoint}, ${job.subject}) parked: ${reason}`);
    return 'progress';
  }

  private accepted(job: KraJobRow, number: number | null): StepResult {
    const effect = this.deps.effects[job.endpoint]?.accepted;
    finishJob(this.deps.db, job, this.deps.clock.now(), effect && ((tx) => effect(tx, job, number)));
    this.deps.contact.answered();
    return 'progress';
  }
}
