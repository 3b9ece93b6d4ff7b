import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { outbox, sales } from '../../../src-main/ledger/schema';
import { redrive, unsignedSummary } from '../../../src-main/ledger/outbox';
import { KraContact } from '../../../src-main/sync/contact';
import type { KraSaleRecord, KraSignature, LookupOutcome, PingOutcome, SalesPort, SendOutcome } from '../../../src-main/sync/port';
import { SyncWorker } from '../../../src-main/sync/worker';
import { refundSale } from '../../../src-main/till/refund';
import { refundInput } from '../../../src-shared/api';
import { TestClock } from '../../support/clock';
import { saleDeps, sellSugar, testLedger, type TestLedger } from '../../support/ledger';
import { waitFor } from '../../support/wait';

function signature(invcNo: number): KraSignature {
  return { curRcptNo: invcNo, totRcptNo: invcNo, intrlData: 'I'.repeat(26), rcptSign: `SIGN${String(invcNo).padStart(12, '0')}`, sdcDateTime: '20261124120000' };
}

/** KRA's record of a sale body, as selectInvoiceDetails gives it back. */
function recordOf(body: Record<string, unknown>): KraSaleRecord {
  const lines = body.itemList as Record<string, unknown>[];
  return {
    trdInvcNo: body.trdInvcNo as string,
    cfmDt: body.cfmDt as string,
    totTaxblAmt: body.totTaxblAmt as number,
    totTaxAmt: body.totTaxAmt as number,
    totAmt: body.totAmt as number,
    itemList: lines.map((l) => ({ itemCd: l.itemCd as string, qty: l.qty as number, prc: l.prc as number, totAmt: l.totAmt as number })),
  };
}

/**
 * KRA as a script: each send or lookup takes the next scripted answer, or signs by default. A
 * scripted 'held' lookup finds what was last sent under that invcNo: this very sale.
 */
class ScriptedKra implements SalesPort {
  sends: number[] = [];
  lookups: number[] = [];
  sendScript: SendOutcome[] = [];
  lookupScript: (LookupOutcome | 'held')[] = [];
  pingScript: PingOutcome[] = [];
  private bodies = new Map<number, Record<string, unknown>>();

  async send(payload: Record<string, unknown>): Promise<SendOutcome> {
    const invcNo = payload.invcNo as number;
    this.sends.push(invcNo);
    this.bodies.set(invcNo, payload);
    return this.sendScript.shift() ?? { kind: 'signed', signature: signature(invcNo) };
  }

  async lookup(invcNo: number): Promise<LookupOutcome> {
    this.lookups.push(invcNo);
    const next = this.lookupScript.shift() ?? { kind: 'absent' };
    if (next !== 'held') return next;
    return { kind: 'found', signature: signature(invcNo), record: recordOf(this.bodies.get(invcNo)!) };
  }

  async ping(): Promise<PingOutcome> {
    return this.pingScript.shift() ?? { kind: 'answered' };
  }
}

/** The whole of a sugar sale refunded in cash, approved. */
function refundSugar(ledger: TestLedger, clock: TestClock, originalSaleId: number) {
  const input = refundInput.parse({ originalSaleId, reasonCode: '06', lines: [{ seq: 1, quantity: 100 }], tenders: [{ kind: 'cash', amount: 16_500 }] });
  return refundSale(saleDeps(ledger, clock, { consumeApproval: () => true }), input, ledger.cashier);
}

const timeout: SendOutcome = { kind: 'transport', code: 'TIMEOUT', message: 'no answer within 120000 ms' };

describe('the outbox sender', () => {
  let ledger: TestLedger;
  let clock: TestClock;
  let kra: ScriptedKra;
  let signed: number[];

  const workerOn = (l: TestLedger) =>
    new SyncWorker({ db: l.db, clock, kra, contact: new KraContact(l.db, clock), onSigned: (id) => signed.push(id) });

  const drain = async (worker: SyncWorker, steps = 50) => {
    for (let i = 0; i < steps && unsignedSummary(ledger.db).depth > 0; i++) await worker.step();
  };

  const invcNoOf = (l: TestLedger, saleId: number) => l.db.select().from(sales).where(eq(sales.id, saleId)).get()!.invcNo;
  const stateOf = (l: TestLedger, saleId: number) => l.db.select().from(outbox).where(eq(outbox.saleId, saleId)).get()!.state;

  beforeEach(() => {
    ledger = testLedger();
    clock = new TestClock();
    kra = new ScriptedKra();
    signed = [];
  });
  afterEach(() => ledger.close());

  test('signs sales strictly in order with invcNo 1..n', async () => {
    const ids = [1, 2, 3].map(() => sellSugar(ledger, clock).saleId);
    await drain(workerOn(ledger));
    assert.deepEqual(kra.sends, [1, 2, 3]);
    assert.deepEqual(signed, ids);
    assert.deepEqual(ids.map((id) => invcNoOf(ledger, id)), [1, 2, 3]);
  });

  test('after a timeout asks KRA before resending, and adopts the copy KRA already has', async () => {
    const { saleId } = sellSugar(ledger, clock);
    kra.sendScript = [timeout];
    kra.lookupScript = ['held'];
    const worker = workerOn(ledger);
    assert.equal(await worker.step(), 'retry');
    assert.equal(stateOf(ledger, saleId), 'unknown');
    await worker.step();
    assert.deepEqual(kra.sends, [1], 'the sale is not sent twice');
    assert.deepEqual(kra.lookups, [1]);
    assert.equal(stateOf(ledger, saleId), 'signed');
  });

  test('after a timeout resends with the same invcNo when KRA has no copy', async () => {
    sellSugar(ledger, clock);
    kra.sendScript = [timeout, timeout];
    await drain(workerOn(ledger));
    assert.deepEqual(kra.sends, [1, 1, 1]);
    assert.deepEqual(kra.lookups, [1, 1]);
  });

  test('a rejection parks the sale with KRA\'s reason and gives its invcNo to the next sale', async () => {
    const first = sellSugar(ledger, clock).saleId;
    const second = sellSugar(ledger, clock).saleId;
    kra.sendScript = [{ kind: 'rejected', code: '910', message: 'Request parameter error[<itemNm> : may not be empty]' }];
    await drain(workerOn(ledger));
    assert.equal(stateOf(ledger, first), 'parked');
    assert.equal(invcNoOf(ledger, second), 1);
    assert.match(ledger.db.select().from(outbox).where(eq(outbox.saleId, first)).get()!.lastError ?? '', /itemNm/);

    assert.ok(redrive(ledger.db, first, clock.now()));
    await drain(workerOn(ledger));
    assert.equal(invcNoOf(ledger, first), 2, 'a re-driven sale takes the next number');
  });

  test('a sequence error naming the expected number realigns the counter', async () => {
    const saleId = sellSugar(ledger, clock).saleId;
    kra.sendScript = [{ kind: 'sequence', expected: 41, message: 'Invalid invcNo sequence, expected: 41 but found: 1' }];
    await drain(workerOn(ledger));
    assert.deepEqual(kra.sends, [1, 41]);
    assert.equal(invcNoOf(ledger, saleId), 41);
    sellSugar(ledger, clock);
    await drain(workerOn(ledger));
    assert.deepEqual(kra.sends, [1, 41, 42]);
  });

  test('a 994 duplicate is settled by looking the invoice up', async () => {
    const saleId = sellSugar(ledger, clock).saleId;
    kra.sendScript = [{ kind: 'duplicate', message: 'There is an overlapped Data' }];
    kra.lookupScript = ['held'];
    await drain(workerOn(ledger));
    assert.equal(stateOf(ledger, saleId), 'signed');
    assert.deepEqual(kra.sends, [1]);
    assert.deepEqual(kra.lookups, [1], 'a 994 is never taken as signed without asking KRA');
  });

  test("a 994 for an invcNo KRA holds for another sale stops the sender, and never adopts that sale's signature", async () => {
    const saleId = sellSugar(ledger, clock).saleId;
    sellSugar(ledger, clock);
    const another = { ...recordOf(ledger.db.select().from(sales).where(eq(sales.id, saleId)).get()!.payload as Record<string, unknown>), cfmDt: '20260101090000' };
    kra.sendScript = [{ kind: 'duplicate', message: 'There is an overlapped Data' }];
    kra.lookupScript = [{ kind: 'found', signature: signature(1), record: another }];
    const halts: number[] = [];
    const worker = new SyncWorker({ db: ledger.db, clock, kra, contact: new KraContact(ledger.db, clock), onHalted: (b) => halts.push(b.invcNo) });
    await drain(worker);
    assert.deepEqual(halts, [1]);
    assert.deepEqual(worker.halted, { invcNo: 1, saleId, receiptNo: 1 });
    assert.equal(stateOf(ledger, saleId), 'unknown');
    assert.equal(ledger.db.select().from(sales).where(eq(sales.id, saleId)).get()!.rcptSign, null);
    assert.deepEqual(kra.sends, [1], 'nothing more is sent while the ledger is behind KRA');
  });

  test('a resync from KRA starts the counter at the first invcNo KRA does not hold, and renumbers only unsigned sales', async () => {
    const signedId = sellSugar(ledger, clock).saleId;
    const worker = workerOn(ledger);
    await drain(worker);
    const [first, second] = [1, 2].map(() => sellSugar(ledger, clock).saleId);
    const held = new Set([1, 2, 3, 4, 5, 6, 7]);
    const foreign = { ...recordOf(ledger.db.select().from(sales).where(eq(sales.id, first!)).get()!.payload as Record<string, unknown>), trdInvcNo: 'T01-999999' };
    kra.sendScript = [{ kind: 'duplicate', message: 'There is an overlapped Data' }];
    kra.lookupScript = [{ kind: 'found', signature: signature(2), record: foreign }];
    await worker.step();
    assert.ok(worker.halted);
    kra.lookups = [];
    kra.lookup = async (invcNo) => {
      kra.lookups.push(invcNo);
      return held.has(invcNo) ? { kind: 'found', signature: signature(invcNo), record: foreign } : { kind: 'absent' };
    };
    assert.deepEqual(await worker.resync(1), { nextInvcNo: 8, renumbered: 1, adopted: 0 });
    assert.equal(worker.halted, null);
    assert.equal(stateOf(ledger, first!), 'pending');
    await drain(worker);
    assert.deepEqual([first, second].map((id) => invcNoOf(ledger, id!)), [8, 9]);
    assert.equal(invcNoOf(ledger, signedId), 1, 'a signed sale keeps its number');
  });

  test('a resync is refused while the sender runs', async () => {
    await assert.rejects(workerOn(ledger).resync(1), { code: 'SYNC_NOT_STOPPED' });
  });

  test('a restart after a lost answer asks KRA first: the ledger is the only memory', async () => {
    const saleId = sellSugar(ledger, clock).saleId;
    kra.sendScript = [timeout];
    await workerOn(ledger).step();
    ledger = ledger.reopen();
    kra.lookupScript = ['held'];
    await drain(workerOn(ledger));
    assert.deepEqual(kra.sends, [1]);
    assert.equal(stateOf(ledger, saleId), 'signed');
  });

  test('while a sale waits for KRA the next one is given its invcNo, and leaves as soon as the first is signed', async () => {
    const [first, second, third] = [1, 2, 3].map(() => sellSugar(ledger, clock).saleId);
    const worker = workerOn(ledger);
    await worker.step();
    assert.equal(stateOf(ledger, first!), 'signed');
    assert.deepEqual(kra.sends, [1, 2], 'the second sale went before the first step ended');
    assert.equal(stateOf(ledger, second!), 'unknown', 'durably marked before it left');
    assert.equal(ledger.db.select().from(outbox).where(eq(outbox.saleId, second!)).get()!.invcNo, 2);
    assert.equal(stateOf(ledger, third!), 'pending', 'only one sale is readied ahead');
    await worker.step();
    assert.deepEqual(kra.sends, [1, 2, 3]);
    await drain(worker);
    assert.deepEqual(kra.sends, [1, 2, 3], 'one request each, in order');
    assert.deepEqual([first, second, third].map((id) => invcNoOf(ledger, id!)), [1, 2, 3]);
  });

  test('a readied sale goes back to waiting, and gives back its invcNo, when the one before is not signed', async () => {
    const first = sellSugar(ledger, clock).saleId;
    const second = sellSugar(ledger, clock).saleId;
    kra.sendScript = [timeout];
    const worker = workerOn(ledger);
    assert.equal(await worker.step(), 'retry');
    assert.equal(stateOf(ledger, second), 'pending');
    assert.equal(ledger.db.select().from(outbox).where(eq(outbox.saleId, second)).get()!.invcNo, null);
    await drain(worker);
    assert.deepEqual(kra.sends, [1, 1, 2], 'the first is resent under its number, the second follows with the next');
    assert.deepEqual([first, second].map((id) => invcNoOf(ledger, id)), [1, 2]);
  });

  test('a credit note is not sent ahead of the sale it refunds', async () => {
    const original = sellSugar(ledger, clock);
    const credit = refundSugar(ledger, clock, original.saleId);
    const worker = workerOn(ledger);
    await worker.step();
    assert.deepEqual(kra.sends, [1], 'the credit note waits until its original is signed');
    assert.equal(stateOf(ledger, credit.saleId), 'pending');
    await drain(worker);
    assert.deepEqual(kra.sends, [1, 2]);
    assert.equal(invcNoOf(ledger, credit.saleId), 2);
  });

  test('a restart with a readied sale asks KRA about it before sending it', async () => {
    sellSugar(ledger, clock);
    const second = sellSugar(ledger, clock).saleId;
    let crash: (() => void) | null = null;
    const hang = new Promise<SendOutcome>((resolve) => (crash = () => resolve(timeout)));
    kra.send = async (payload) => {
      kra.sends.push(payload.invcNo as number);
      return kra.sends.length === 1 ? hang : { kind: 'signed', signature: signature(payload.invcNo as number) };
    };
    const step = workerOn(ledger).step();
    await waitFor('the second sale to be readied', () => stateOf(ledger, second) === 'unknown');
    ledger = ledger.reopen();
    crash!();
    await step.catch(() => undefined);
    kra = new ScriptedKra();
    await drain(workerOn(ledger));
    assert.deepEqual(kra.lookups, [1, 2], 'both numbers are asked about: either may have reached KRA');
    assert.deepEqual(kra.sends, [1, 2]);
    assert.equal(invcNoOf(ledger, second), 2);
  });

  test('a sale committed while the sender is busy is sent at once, not after the idle wait', async () => {
    let answerPing: (() => void) | null = null;
    kra.ping = () => new Promise((resolve) => (answerPing = () => resolve({ kind: 'answered' })));
    // The idle wait never ends by itself here: only the wake can let the sale go.
    const waits: number[] = [];
    const timer = (ms: number) => {
      waits.push(ms);
      return () => {};
    };
    const worker = new SyncWorker({ db: ledger.db, clock, kra, contact: new KraContact(ledger.db, clock), idlePollMs: 60_000, timer });
    worker.start();
    await waitFor('the sender to ask KRA', () => answerPing !== null);
    sellSugar(ledger, clock);
    worker.wake();
    answerPing!();
    await waitFor('the sale to be sent', () => kra.sends.length === 1);
    await worker.stop();
    assert.ok(waits.every((ms) => ms === 60_000), `only idle waits were started: ${waits.join(', ')}`);
  });

  test('with nothing to send it still asks KRA, so the watchdog knows whether KRA answers', async () => {
    const contact = new KraContact(ledger.db, clock);
    const worker = new SyncWorker({ db: ledger.db, clock, kra, contact });
    kra.pingScript = [{ kind: 'transport', code: 'CONNECTION', message: 'ECONNREFUSED' }];
    assert.equal(await worker.step(), 'retry');
    assert.equal(contact.reachable, false);
    assert.equal(await worker.step(), 'idle');
    assert.equal(contact.reachable, true);
    assert.deepEqual(contact.lastContactAt, clock.now());
  });
});
