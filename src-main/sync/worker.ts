import type { Clock } from '../../src-shared/clock';
import {
  adoptSignature,
  beginAttempt,
  freshSaleAfter,
  nextDue,
  outboxStateOf,
  park,
  realign,
  recordFailedAttempt,
  releaseReadied,
  signedInvcNo,
  type DueSale,
} from '../ledger/outbox';
import type { LedgerDb } from '../ledger/open';
import type { KraContact } from './contact';
import { SenderLoop, type LoopOptions, type StepResult } from './loop';
import type { KraSignature, SalesPort, SendOutcome } from './port';

export type { StepResult } from './loop';

/** A sale on its way to KRA under its invcNo, and KRA's answer to come. */
interface Flight {
  sale: DueSale;
  invcNo: number;
  orgInvcNo: number;
  answer: Promise<SendOutcome>;
}

/** The sale after the one in flight, durably given its invcNo and marked `unknown`, not sent yet. */
type Readied = Omit<Flight, 'answer'>;

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
 *
 * While one sale waits for KRA, the next is readied (its invcNo written with an fsync), so that it
 * leaves the moment the first is signed; the first's signature is written while the next is out.
 * One request is ever in flight, and a sale is sent only after the one before it was signed.
 */
export class SyncWorker {
  private readonly loop: SenderLoop;
  private lastPingAt: number | null = null;
  /** Sent when the sale before it was signed; its answer is settled by the next step. */
  private inFlight: Flight | null = null;

  constructor(private readonly deps: SyncWorkerDeps) {
    this.loop = new SenderLoop(() => this.step(), deps);
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    // A sale sent ahead is left `unknown` (settled by a lookup next time); its answer is awaited so
    // that nothing writes to the ledger after the till closes it.
    await this.inFlight?.answer;
  }

  /** A new sale is in the outbox: stop waiting. */
  wake(): void {
    this.loop.wake();
  }

  /** One move of the queue. Exposed for tests that drive the worker by hand. */
  async step(): Promise<StepResult> {
    const flight = this.inFlight;
    this.inFlight = null;
    const sale = flight ? null : nextDue(this.deps.db);
    const result = flight ? await this.settle(flight) : sale ? await this.advance(sale) : await this.heartbeat();
    this.deps.onChange?.();
    return result;
  }

  private async advance(sale: DueSale): Promise<StepResult> {
    const { db, clock } = this.deps;
    const orgInvcNo = sale.originalSaleId === null ? 0 : signedInvcNo(db, sale.originalSaleId);
    if (orgInvcNo === null) return this.parkBehindOriginal(sale);
    if (sale.state === 'unknown' && sale.invcNo !== null) {
      const settled = await this.settleUnknown(sale, sale.invcNo);
      if (settled) return settled;
    }
    const invcNo = beginAttempt(db, sale, clock.now());
    return this.settle({ sale, invcNo, orgInvcNo, answer: this.send(sale, invcNo, orgInvcNo) });
  }

  private send(sale: DueSale, invcNo: number, orgInvcNo: number): Promise<SendOutcome> {
    return this.deps.kra.send({ ...sale.payload, invcNo, orgInvcNo }).catch((error: unknown) => ({
      kind: 'transport' as const,
      code: 'CLIENT',
      message: String(error),
    }));
  }

  private async settle(flight: Flight): Promise<StepResult> {
    const { db, clock } = this.deps;
    const { sale, invcNo } = flight;
    // Let the request leave before the fsync that readies the next sale.
    await new Promise((resolve) => setImmediate(resolve));
    const next = this.ready(sale);
    const outcome = await flight.answer;
    if (outcome.kind === 'signed') {
      if (next) {
        this.inFlight = { ...next, answer: this.send(next.sale, next.invcNo, next.orgInvcNo) };
        // The next request leaves before this sale's signature is written.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return this.signed(sale, invcNo, outcome.signature);
    }
    if (next) releaseReadied(db, next.sale.saleId, next.invcNo, clock.now());
    switch (outcome.kind) {
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

  /** Gives the next sale its invcNo while this one is in flight, if it has never been sent and may follow now. */
  private ready(current: DueSale): Readied | null {
    const { db, clock } = this.deps;
    const next = freshSaleAfter(db, current.saleId);
    if (!next) return null;
    const orgInvcNo = next.originalSaleId === null ? 0 : signedInvcNo(db, next.originalSaleId);
    if (orgInvcNo === null) return null;
    return { sale: next, invcNo: beginAttempt(db, next, clock.now()), orgInvcNo };
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
