import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { outbox, sales } from '../../../src-main/ledger/schema';
import { unsignedSummary } from '../../../src-main/ledger/outbox';
import { KraContact } from '../../../src-main/sync/contact';
import type { KraSignature, LookupOutcome, PingOutcome, SalesPort, SendOutcome } from '../../../src-main/sync/port';
import { SyncWorker, type SyncWorkerDeps } from '../../../src-main/sync/worker';
import { refundSale } from '../../../src-main/till/refund';
import { refundInput } from '../../../src-shared/api';
import { TestClock } from '../../support/clock';
import { saleDeps, sellSugar, testLedger, type TestLedger } from '../../support/ledger';

function signature(invcNo: number): KraSignature {
  return { curRcptNo: invcNo, totRcptNo: invcNo, intrlData: 'I'.repeat(26), rcptSign: `SIGN${String(invcNo).padStart(12, '0')}`, sdcDateTime: '20261124120000' };
}

/** KRA as a script, keeping every body it was sent. */
class ScriptedKra implements SalesPort {
  bodies: Record<string, unknown>[] = [];
  lookups: number[] = [];
  pings = 0;
  sendScript: (SendOutcome | Error)[] = [];
  lookupScript: LookupOutcome[] = [];
  pingScript: PingOutcome[] = [];

  async send(payload: Record<string, unknown>): Promise<SendOutcome> {
    this.bodies.push(payload);
    const next = this.sendScript.shift();
    if (next instanceof Error) throw next;
    return next ?? { kind: 'signed', signature: signature(payload.invcNo as number) };
  }

  async lookup(invcNo: number): Promise<LookupOutcome> {
    this.lookups.push(invcNo);
    return this.lookupScript.shift() ?? { kind: 'absent' };
  }

  async ping(): Promise<PingOutcome> {
    this.pings += 1;
    return this.pingScript.shift() ?? { kind: 'answered' };
  }

  get sends(): number[] {
    return this.bodies.map((b) => b.invcNo as number);
  }
}

describe('the outbox sender: what each answer leaves behind', () => {
  let ledger: TestLedger;
  let clock: TestClock;
  let kra: ScriptedKra;
  let contact: KraContact;
  let signed: [number, number][];
  let logged: string[];
  let changes: number;

  const worker = (more: Partial<SyncWorkerDeps> = {}) =>
    new SyncWorker({
      db: ledger.db,
      clock,
      kra,
      contact,
      onSigned: (saleId, receiptNo) => signed.push([saleId, receiptNo]),
      onChange: () => (changes += 1),
      log: (m) => logged.push(m),
      ...more,
    });
  const drain = async (w: SyncWorker) => {
    for (let i = 0; i < 50 && unsignedSummary(ledger.db).depth > 0; i++) await w.step();
  };
  const row = (saleId: number) => ledger.db.select().from(outbox).where(eq(outbox.saleId, saleId)).get()!;
  const refundAll = (originalSaleId: number) =>
    refundSale(
      saleDeps(ledger, clock, { consumeApproval: () => true }),
      refundInput.parse({ originalSaleId, reasonCode: '06', lines: [{ seq: 1, quantity: 100 }], tenders: [{ kind: 'cash', amount: 16_500 }] }),
      ledger.cashier,
    );

  beforeEach(() => {
    ledger = testLedger();
    clock = new TestClock();
    kra = new ScriptedKra();
    contact = new KraContact(ledger.db, clock);
    signed = [];
    logged = [];
    changes = 0;
  });
  afterEach(() => ledger.close());

  test('sends the frozen body with its invcNo and orgInvcNo 0, and says which sale and receipt were signed', async () => {
    const sale = sellSugar(ledger, clock);
    const w = worker();
    assert.equal(await w.step(), 'progress');
    const body = kra.bodies[0]!;
    assert.deepEqual([body.invcNo, body.orgInvcNo, body.trdInvcNo], [1, 0, 'T01-000001']);
    assert.deepEqual(signed, [[sale.saleId, sale.receiptNo]]);
    assert.deepEqual([row(sale.saleId).state, row(sale.saleId).lastError], ['signed', null]);
    assert.equal(ledger.db.select().from(sales).where(eq(sales.id, sale.saleId)).get()!.rcptSign, 'SIGN000000000001');
    assert.equal(contact.reachable, true);
    assert.ok(changes >= 1, 'the status is told after a step');
  });

  test("sends a credit note with orgInvcNo set to its original's invcNo", async () => {
    sellSugar(ledger, clock);
    sellSugar(ledger, clock);
    const original = sellSugar(ledger, clock);
    await drain(worker());
    refundAll(original.saleId);
    await drain(worker());
    assert.deepEqual(kra.bodies.map((b) => [b.invcNo, b.orgInvcNo]), [[1, 0], [2, 0], [3, 0], [4, 3]]);
  });

  test('readies a credit note behind the sale it refunds only once that sale is signed', async () => {
    const original = sellSugar(ledger, clock);
    const note = refundAll(original.saleId);
    const w = worker();
    await w.step();
    assert.equal(row(note.saleId).state, 'pending', 'not readied while its original was in flight');
    await drain(w);
    assert.deepEqual(kra.bodies.map((b) => [b.invcNo, b.orgInvcNo]), [[1, 0], [2, 1]]);
  });

  test('parks a credit note whose original was parked, saying so', async () => {
    const original = sellSugar(ledger, clock);
    const note = refundAll(original.saleId);
    kra.sendScript = [{ kind: 'rejected', code: '910', message: 'Request parameter error' }];
    await drain(worker());
    assert.equal(row(original.saleId).state, 'parked');
    assert.deepEqual([row(note.saleId).state, row(note.saleId).lastError], ['parked', 'the original sale is not signed by KRA (it is parked)']);
    assert.deepEqual(kra.sends, [1], 'the credit note never went to KRA');
    assert.ok(logged.some((m) => m === `sale ${note.saleId} parked: the original sale is not signed by KRA (it is parked)`));
  });

  test("parks a sale with KRA's code and words on a rejection; KRA answered, so it is reachable", async () => {
    const sale = sellSugar(ledger, clock);
    contact.failed({ code: 'KRA_UNREACHABLE', message: 'earlier' });
    kra.sendScript = [{ kind: 'rejected', code: '910', message: 'Request parameter error[<itemNm> : may not be empty]' }];
    assert.equal(await worker().step(), 'progress');
    assert.deepEqual([row(sale.saleId).state, row(sale.saleId).invcNo], ['parked', null]);
    assert.equal(row(sale.saleId).lastError, '910: Request parameter error[<itemNm> : may not be empty]');
    assert.equal(contact.reachable, true);
  });

  test('keeps the invcNo across a transport failure, records why, and says KRA is unreachable', async () => {
    const sale = sellSugar(ledger, clock);
    kra.sendScript = [{ kind: 'transport', code: 'TIMEOUT', message: 'no answer within 120000 ms' }];
    assert.equal(await worker().step(), 'retry');
    assert.deepEqual([row(sale.saleId).state, row(sale.saleId).invcNo, row(sale.saleId).attempts], ['unknown', 1, 1]);
    assert.equal(row(sale.saleId).lastError, 'TIMEOUT: no answer within 120000 ms');
    assert.deepEqual([contact.reachable, contact.lastError], [false, { code: 'KRA_UNREACHABLE', message: 'TIMEOUT: no answer within 120000 ms' }]);
  });

  test('treats a client that throws as a transport failure', async () => {
    const sale = sellSugar(ledger, clock);
    kra.sendScript = [new Error('socket hang up')];
    assert.equal(await worker().step(), 'retry');
    assert.equal(row(sale.saleId).lastError, 'CLIENT: Error: socket hang up');
  });

  test('after a lost answer, a lookup KRA cannot answer leaves the sale waiting, unsent', async () => {
    const sale = sellSugar(ledger, clock);
    kra.sendScript = [{ kind: 'transport', code: 'TIMEOUT', message: 'no answer' }];
    const w = worker();
    await w.step();
    kra.lookupScript = [{ kind: 'transport', code: 'CONNECTION', message: 'ECONNREFUSED' }];
    assert.equal(await w.step(), 'retry');
    assert.deepEqual(kra.sends, [1], 'not resent while KRA may hold it');
    assert.deepEqual([row(sale.saleId).state, row(sale.saleId).lastError, row(sale.saleId).attempts], ['unknown', 'CONNECTION: ECONNREFUSED', 2]);
    assert.equal(contact.reachable, false);
  });

  test('a 994 that KRA cannot find parks the sale with KRA\'s words', async () => {
    const sale = sellSugar(ledger, clock);
    kra.sendScript = [{ kind: 'duplicate', message: 'There is an overlapped Data' }];
    kra.lookupScript = [{ kind: 'absent' }];
    assert.equal(await worker().step(), 'progress');
    assert.deepEqual(kra.lookups, [1]);
    assert.deepEqual([row(sale.saleId).state, row(sale.saleId).lastError], ['parked', '994: There is an overlapped Data']);
    assert.equal(contact.reachable, true);
  });

  test('a 994 whose lookup KRA cannot answer leaves the sale waiting', async () => {
    const sale = sellSugar(ledger, clock);
    kra.sendScript = [{ kind: 'duplicate', message: 'There is an overlapped Data' }];
    kra.lookupScript = [{ kind: 'transport', code: 'TIMEOUT', message: 'no answer' }];
    assert.equal(await worker().step(), 'retry');
    assert.equal(row(sale.saleId).state, 'unknown');
  });

  test('a sequence error naming the number just sent parks the sale instead of looping', async () => {
    const sale = sellSugar(ledger, clock);
    kra.sendScript = [{ kind: 'sequence', expected: 1, message: 'Invalid invcNo sequence, expected: 1 but found: 1' }];
    assert.equal(await worker().step(), 'progress');
    assert.deepEqual([row(sale.saleId).state, row(sale.saleId).lastError], ['parked', 'Invalid invcNo sequence, expected: 1 but found: 1']);
    assert.equal(contact.reachable, true);
  });

  test('a sequence error naming another number renumbers the sale and says so', async () => {
    const sale = sellSugar(ledger, clock);
    kra.sendScript = [{ kind: 'sequence', expected: 7, message: 'expected: 7' }];
    assert.equal(await worker().step(), 'progress');
    assert.ok(logged.includes(`KRA expects invcNo 7, not 1: renumbering sale ${sale.saleId}`));
    assert.equal(contact.reachable, true);
  });

  test('a readied sale gives its number back when the one before is refused', async () => {
    const first = sellSugar(ledger, clock);
    const second = sellSugar(ledger, clock);
    kra.sendScript = [{ kind: 'rejected', code: '910', message: 'bad' }];
    await worker().step();
    assert.deepEqual([row(second.saleId).state, row(second.saleId).invcNo], ['pending', null]);
    await drain(worker());
    assert.deepEqual(kra.sends, [1, 1], 'the refused sale gave its number to the next');
    assert.equal(row(first.saleId).state, 'parked');
  });
});

describe('the outbox sender with nothing to send', () => {
  let ledger: TestLedger;
  let clock: TestClock;
  let kra: ScriptedKra;
  let contact: KraContact;
  beforeEach(() => {
    ledger = testLedger();
    clock = new TestClock();
    kra = new ScriptedKra();
    contact = new KraContact(ledger.db, clock);
  });
  afterEach(() => ledger.close());

  test('asks KRA once per heartbeat while it answers, and at every step while it does not', async () => {
    const w = new SyncWorker({ db: ledger.db, clock, kra, contact, heartbeatMs: 60_000 });
    assert.equal(await w.step(), 'idle');
    assert.equal(await w.step(), 'idle');
    assert.equal(kra.pings, 1, 'not again within the heartbeat');
    clock.advance(59_999);
    await w.step();
    assert.equal(kra.pings, 1);
    clock.advance(1);
    await w.step();
    assert.equal(kra.pings, 2, 'again once the heartbeat is up');
    kra.pingScript = [{ kind: 'transport', code: 'CONNECTION', message: 'ECONNREFUSED' }];
    clock.advance(60_000);
    assert.equal(await w.step(), 'retry');
    assert.deepEqual(contact.lastError, { code: 'KRA_UNREACHABLE', message: 'CONNECTION: ECONNREFUSED' });
    assert.equal(await w.step(), 'idle', 'asked again at once while unreachable');
    assert.equal(kra.pings, 4);
  });

  test('asks every five minutes by default', async () => {
    const w = new SyncWorker({ db: ledger.db, clock, kra, contact });
    await w.step();
    clock.advance(5 * 60_000 - 1);
    await w.step();
    assert.equal(kra.pings, 1);
    clock.advance(1);
    await w.step();
    assert.equal(kra.pings, 2);
  });

  test('waits, when stopped, for the answer to a sale already sent', async () => {
    sellSugar(ledger, clock);
    sellSugar(ledger, clock);
    let answerSecond: (outcome: SendOutcome) => void = () => {};
    kra.send = async (payload) => {
      kra.bodies.push(payload);
      if (kra.bodies.length === 1) return { kind: 'signed', signature: signature(1) };
      return new Promise<SendOutcome>((resolve) => (answerSecond = resolve));
    };
    const w = new SyncWorker({ db: ledger.db, clock, kra, contact });
    await w.step();
    assert.equal(kra.bodies.length, 2, 'the second sale went out while the first was signed');
    let stopped = false;
    const stopping = w.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(stopped, false, 'still waiting for KRA to answer the second sale');
    answerSecond({ kind: 'signed', signature: signature(2) });
    await stopping;
  });
});
