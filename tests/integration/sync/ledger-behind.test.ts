import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_TAXPAYER } from '../../../src-shared/etims/demo';
import { launchSimulator, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { LEDGER_FILE } from '../../../src-main/ledger/open';
import { startTestApp, type TestApp } from '../../support/app';
import { TestClock } from '../../support/clock';
import { tempDir } from '../../support/temp';
import { waitFor } from '../../support/wait';

describe('a ledger behind KRA (a backup restored after later sales reached KRA), against the simulator over HTTP', () => {
  let sim: SimulatorProcess;
  const root = tempDir();
  const clock = new TestClock();

  before(async () => {
    sim = await launchSimulator({ seed: 'behind' });
    await sim.admin.setClock(clock.now());
  });
  after(async () => {
    await sim.stop();
    root.cleanup();
  });

  const open = (dataDir: string) => startTestApp({ dataDir, clock, kra: { mode: 'demo', baseUrl: sim.directBase }, backoff: { baseMs: 5, capMs: 50 } });
  const login = async (app: TestApp, pin: string) => (await app.call('session.login', { pin })).token;
  const sell = (app: TestApp, token: string, quantity: number) =>
    app.call('sale.complete', { lines: [{ itemCode: 'KE2BGNO0000002', quantity }], tenders: [{ kind: 'cash', amount: 100_000 }] }, token);
  const drained = (app: TestApp, token: string) =>
    waitFor('every sale signed', async () => (await app.call('sync.status', {}, token)).queueDepth === 0);
  const ourSale = (dataDir: string, receiptNo: number) => {
    const db = new Database(join(dataDir, LEDGER_FILE), { readonly: true });
    try {
      return db.prepare('SELECT invc_no AS invcNo, rcpt_sign AS rcptSign FROM sales WHERE receipt_no = ?').get(receiptNo) as { invcNo: number | null; rcptSign: string | null };
    } finally {
      db.close();
    }
  };

  test("stops sending rather than adopt another sale's signature, says so, and a manager's resync renumbers the unsent sale", async () => {
    const live = join(root.path, 'till');
    const backup = join(root.path, 'backup');
    let app = open(live);
    await app.ready;
    let cashier = await login(app, '1234');
    await sell(app, cashier, 100);
    await drained(app, cashier);
    await app.dispose();
    cpSync(live, backup, { recursive: true });

    app = open(live);
    await app.ready;
    cashier = await login(app, '1234');
    await sell(app, cashier, 200);
    await sell(app, cashier, 300);
    await drained(app, cashier);
    await app.dispose();
    assert.deepEqual((await sim.admin.sales(DEMO_TAXPAYER.tin, '00')).map((s) => s.invcNo), [1, 2, 3]);

    // The backup comes back: it knows only invoice 1, and its next sale is given invcNo 2, which KRA holds.
    clock.advance(60_000);
    await sim.admin.advanceClock(60_000);
    app = open(backup);
    try {
      await app.ready;
      cashier = await login(app, '1234');
      const restored = await sell(app, cashier, 400);
      await waitFor('the till to say its ledger is behind KRA', async () => (await app.call('sync.status', {}, cashier)).alerts.length > 0);
      const status = await app.call('sync.status', {}, cashier);
      assert.deepEqual(status.alerts.map((a) => [a.code, a.params]), [['LEDGER_BEHIND_KRA', { invcNo: 2, receiptNo: restored.receiptNo }]]);
      assert.match(status.alerts[0]!.message, /ledger is behind KRA: invoice 2 belongs to another sale/);
      assert.equal(status.queueDepth, 1);
      assert.equal(ourSale(backup, restored.receiptNo).rcptSign, null, "KRA's record of another sale is not adopted");
      assert.equal((await sim.admin.sales(DEMO_TAXPAYER.tin, '00')).length, 3);

      const refused = await app.dispatch('sync.resync', {}, cashier);
      assert.equal(!refused.ok && refused.error.code, 'FORBIDDEN');
      const manager = await login(app, '9999');
      assert.deepEqual(await app.call('sync.resync', {}, manager), { nextInvcNo: 4, renumbered: 1, adopted: 0 });
      await drained(app, manager);
      const held = await sim.admin.sales(DEMO_TAXPAYER.tin, '00');
      assert.deepEqual(held.map((s) => s.invcNo), [1, 2, 3, 4]);
      assert.equal(held[3]!.totAmt, 660, 'KRA holds the restored sale under invoice 4');
      assert.deepEqual(ourSale(backup, restored.receiptNo), { invcNo: 4, rcptSign: held[3]!.rcptSign });
      assert.deepEqual((await app.call('sync.status', {}, manager)).alerts, []);
      assert.equal(ourSale(backup, 1).invcNo, 1, 'a signed sale keeps its number');
    } finally {
      await app.dispose();
    }
  });
});
