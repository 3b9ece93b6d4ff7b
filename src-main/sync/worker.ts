import type { Clock } from '../../src-shared/clock';
import {
  adoptSignature,
  beginAttempt,
  nextDue,
  outboxStateOf,
  park,
  realign,
  recordFailedAttempt,
  signedInvcNo,
  type DueSale,
} from '../ledger/outbox';
import type { LedgerDb } from '../ledger/open';
import type { KraContact } from './contact';
import { SenderLoop, type LoopOptions, type StepResult } from './loop';
import type { KraSignature, SalesPort } from './port';

export type { StepResult } from './loop';

export interface SyncWorkerDeps extends LoopOptions {
  db: LedgerDb;
  clock: Clock;
  kra: SalesPort;
  contact: KraContact;
  /** With nothing to send, KRA is still asked this often, so the watchdog knows it answers. */
  heartbeatMs?: number;
  onSigned?: (saleId: number, receiptNo: number) => void;
  onChange?: () => void;
}

/**
 * The outbox's one sender: takes the oldest unsigned sale, gives it an invcNo at its first send and
 * keeps it across failures, asks KRA before resending anything whose answer was lost, parks business
 * rejections for a manager, and backs off while KRA cannot be reached. The ledger is its only memory,
 * so a restart carries on where it stopped.
 */
export class SyncWorker {
  private readonly loop: SenderLoop;
  private lastPingAt: number | null = null;

  constructor(private readonly deps: SyncWorkerDeps) {
    this.loop = new SenderLoop(() => this.step(), deps);
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** A new sale is in the outbox: stop waiting. */
  wake(): void {
    this.loop.wake();
  }

  /** One move of the queue. Exposed for tests that drive the worker by hand. */
  async step(): Promise<StepResult> {
    const sale = nextDue(this.deps.db);
    const result = sale ? await this.advance(sale) : await this.heartbeat();
    this.deps.onChange?.();
    return result;
  }

  private async advance(sale: DueSale): Promise<StepResult> {
    const { db, clock } = this.deps;
    const originalInvcNo = sale.originalSaleId === null ? 0 : signedInvcNo(db, sale.originalSaleId);
    if (originalInvcNo === null) return this.parkBehindOriginal(sale);
    if (sale.state === 'unknown' && sale.invcNo !== null) {
      const settled = await this.settleUnknown(sale, sale.invcNo);
      if (settled) return settled;
    }
    const invcNo = beginAttempt(db, sale, clock.now());
    const outcome = await this.deps.kra.send({ ...sale.payload, invcNo, orgInvcNo: originalInvcNo });
    switch (outcome.kind) {
      case 'signed':
        return this.signed(sale, invcNo, outcome.signature);
      case 'transport':
        return this.unreachable({ ...sale, invcNo }, `${outcome.code}: ${outcome.message}`);
      case 'duplicate':
        this.deps.contact.answered();
        return (await this.settleUnknown(sale, invcNo)) ?? this.parked({ ...sale, invcNo }, `994: ${outcome.message}`);
      case 'sequence':
        this.deps.contact.answered();
        if (outcome.expected === invcNo) return this.parked({ ...sale, invcNo }, outcome.message);
        this.deps.log?.(`KRA expects invcNo ${outcome.expected}, not ${invcNo}: renumbering sale ${sale.saleId}`);
        realign(db, sale.saleId, outcome.expected, clock.now());
        return 'progress';
      case 'rejected':
        this.deps.contact.answered();
        return this.parked({ ...sale, invcNo }, `${outcome.code}: ${outcome.message}`);
    }
  }

  /** After a lost answer: adopt KRA's copy if it has one; resend only if it has none. */
  private async settleUnknown(sale: DueSale, invcNo: number): Promise<StepResult | null> {
    const found = await this.deps.kra.lookup(invcNo);
    if (found.kind === 'found') return this.signed(sale, invcNo, found.signature);
    if (found.kind === 'transport') return this.unreachable(sale, `${found.code}: ${found.message}`);
    this.deps.contact.answered();
    return null;
  }

  private async heartbeat(): Promise<StepResult> {
    const now = this.deps.clock.now().getTime();
    const every = this.deps.heartbeatMs ?? 5 * 60_000;
    if (this.deps.contact.reachable && this.lastPingAt !== null && now - this.lastPingAt < every) return 'idle';
    this.lastPingAt = now;
    const answer = await this.deps.kra.ping();
    if (answer.kind === 'answered') {
      this.deps.contact.answered();
      return 'idle';
    }
    this.deps.contact.failed({ code: 'KRA_UNREACHABLE', message: `${answer.code}: ${answer.message}` });
    return 'retry';
  }

  private signed(sale: DueSale, invcNo: number, signature: KraSignature): StepResult {
    adoptSignature(this.deps.db, sale.saleId, invcNo, signature, this.deps.clock.now());
    this.deps.contact.answered();
    this.deps.onSigned?.(sale.saleId, sale.receiptNo);
    return 'progress';
  }

  private unreachable(sale: DueSale, reason: string): StepResult {
    recordFailedAttempt(this.deps.db, sale, this.deps.clock.now(), reason);
    this.deps.contact.failed({ code: 'KRA_UNREACHABLE', message: reason });
    return 'retry';
  }

  private parked(sale: DueSale, reason: string): StepResult {
    park(this.deps.db, sale, reason, this.deps.clock.now());
    this.deps.log?.(`sale ${sale.saleId} parked: ${reason}`);
    return 'progress';
  }

  private parkBehindOriginal(sale: DueSale): StepResult {
    const originalState = sale.originalSaleId === null ? undefined : outboxStateOf(this.deps.db, sale.originalSaleId);
    return this.parked(sale, `the original sale is not signed by KRA (it is ${originalState ?? 'missing'})`);
  }
}
