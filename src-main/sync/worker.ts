import { ApiError, type ResyncResult } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import {
  adoptSignature,
  beginAttempt,
  freshSaleAfter,
  nextDue,
  outboxStateOf,
  park,
  numberedUnsigned,
  realign,
  recordFailedAttempt,
  renumberUnsent,
  releaseReadied,
  signedInvcNo,
  type DueSale,
} from '../ledger/outbox';
import type { LedgerDb } from '../ledger/open';
import type { KraContact } from './contact';
import { SenderLoop, type LoopOptions, type StepResult } from './loop';
import type { KraSignature, LookupOutcome, SalesPort, SendOutcome } from './port';
import { isSameSale } from './same-sale';

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

/** Why the sender stopped: KRA holds another sale under the invcNo this till gave one of its own. */
export interface LedgerBehind {
  invcNo: number;
  saleId: number;
  receiptNo: number;
}

export interface SyncWorkerDeps extends LoopOptions {
  db: LedgerDb;
  clock: Clock;
  kra: SalesPort;
  contact: KraContact;
  /** With nothing to send, KRA is still asked this often, so the watchdog knows it answers. */
  heartbeatMs?: number;
  onSigned?: (saleId: number, receiptNo: number) => void;
  onChange?: () => void;
  /** The sender stopped because the ledger is behind KRA (see LedgerBehind). */
  onHalted?: (behind: LedgerBehind) => void;
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
  private behind: LedgerBehind | null = null;
  private resyncing = false;

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

  /** Set while the sender is stopped because KRA holds another sale under one of this till's invcNos. */
  get halted(): LedgerBehind | null {
    return this.behind;
  }

  /**
   * The way out of a ledger behind KRA, for a manager: each unsigned sale holding an invcNo is looked
   * up once more (adopted if KRA's record is that very sale), the others give up their numbers, and
   * the counter starts again at KRA's first free invcNo. Signed sales are never touched.
   */
  async resync(userId: number): Promise<ResyncResult> {
    const behind = this.behind;
    if (!behind) throw new ApiError('SYNC_NOT_STOPPED', 'the sender is not stopped: there is nothing to resync from KRA');
    if (this.resyncing) throw new ApiError('SYNC_NOT_STOPPED', 'a resync from KRA is already running');
    this.resyncing = true;
    try {
      const { db, clock } = this.deps;
      const renumber: number[] = [];
      let adopted = 0;
      for (const sale of numberedUnsigned(db)) {
        const found = await this.lookupOrThrow(sale.invcNo!);
        if (found.kind === 'found' && isSameSale(sale.payload, found.record)) {
          adoptSignature(db, sale.saleId, sale.invcNo!, found.signature, clock.now());
          this.deps.onSigned?.(sale.saleId, sale.receiptNo);
          adopted += 1;
        } else {
          renumber.push(sale.saleId);
        }
      }
      const nextInvcNo = await this.firstFreeInvcNo(behind.invcNo);
      renumberUnsent(db, renumber, nextInvcNo, { at: clock.now(), userId, detail: { behindAt: behind.invcNo, adopted } });
      this.deps.log?.(`resynced from KRA: next invcNo ${nextInvcNo}, ${renumber.length} unsent sales renumbered`);
      this.behind = null;
      this.loop.wake();
      this.deps.onChange?.();
      return { nextInvcNo, renumbered: renumber.length, adopted };
    } finally {
      this.resyncing = false;
    }
  }

  /** KRA's invcNos run without gaps: gallop up from one it holds, then halve the gap to the first it does not. */
  private async firstFreeInvcNo(held: number): Promise<number> {
    let below = held;
    let step = 1;
    let free = 0;
    while (free === 0) {
      const probe = below + step;
      if ((await this.lookupOrThrow(probe)).kind === 'found') {
        below = probe;
        step *= 2;
      } else {
        free = probe;
      }
    }
    while (free - below > 1) {
      const middle = Math.floor((below + free) / 2);
      if ((await this.lookupOrThrow(middle)).kind === 'found') below = middle;
      else free = middle;
    }
    return free;
  }

  private async lookupOrThrow(invcNo: number): Promise<Exclude<LookupOutcome, { kind: 'transport' }>> {
    const found = await this.deps.kra.lookup(invcNo);
    if (found.kind === 'transport') {
      throw new ApiError('KRA_UNREACHABLE', `KRA did not answer the lookup of invoice ${invcNo}: ${found.code} ${found.message}`);
    }
    return found;
  }

  /** One move of the queue. Exposed for tests that drive the worker by hand. */
  async step(): Promise<StepResult> {
    if (this.behind) return 'idle';
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

  /**
   * After a lost answer or a duplicate: adopt KRA's copy if it is this very sale; resend only if KRA
   * has none; stop sending if KRA holds another sale under this invcNo.
   */
  private async settleUnknown(sale: DueSale, invcNo: number): Promise<StepResult | null> {
    const found = await this.deps.kra.lookup(invcNo);
    if (found.kind === 'found') {
      this.deps.contact.answered();
      if (isSameSale(sale.payload, found.record)) return this.signed(sale, invcNo, found.signature);
      return this.halt({ invcNo, saleId: sale.saleId, receiptNo: sale.receiptNo });
    }
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

  private halt(behind: LedgerBehind): StepResult {
    this.behind = behind;
    this.deps.log?.(`this till's ledger is behind KRA: invoice ${behind.invcNo} belongs to another sale; sending stopped`);
    this.deps.onHalted?.(behind);
    return 'idle';
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
