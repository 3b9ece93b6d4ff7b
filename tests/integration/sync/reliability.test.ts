import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { DEMO_TAXPAYER } from '../../../src-shared/etims/demo';
import { launchSimulator, type FaultSpec, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { startTestApp, type TestApp } from '../../support/app';
import { TestClock } from '../../support/clock';
import { assertKraHoldsExactlyOurSales } from '../../support/kra-match';
import { waitFor } from '../../support/wait';

const HOUR = 3600_000;

describe('every sale reaches KRA exactly once, in order, whatever the network does (simulator process)', () => {
  let sim: SimulatorProcess;
  let till: { app: TestApp; token: string; clock: TestClock } | null = null;

  before(async () => {
    sim = await launchSimulator({ seed: 'reliability' });
  });
  after(async () => {
    await till?.app.dispose();
    await sim.stop();
  });
  beforeEach(async () => {
    await till?.app.dispose();
    till = null;
    await sim.admin.reset();
  });

  async function openTill(): Promise<NonNullable<typeof till>> {
    const clock = new TestClock();
    await sim.admin.setClock(clock.now());
    const app = startTestApp({
      clock,
      kra: { mode: 'demo', baseUrl: sim.directBase, timeoutsMs: { write: 300, read: 300 } },
      backoff: { baseMs: 5, capMs: 80 },
    });
    await app.ready;
    const { token } = await app.call('session.login', { pin: '1234' });
    till = { app, token, clock };
    return till;
  }

  const sell = (t: NonNullable<typeof till>, n: number) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        t.app.call('sale.complete', { lines: [{ itemCode: 'KE2BGKG0000007', quantity: 100 + i }], tenders: [{ kind: 'cash', amount: 50_000 }] }, t.token),
      ),
    );

  const drained = async (t: NonNullable<typeof till>) => {
    try {
      await waitFor('the outbox to drain', async () => (await t.app.call('sync.status', {}, t.token)).queueDepth === 0);
    } catch (error) {
      const { token } = await t.app.call('session.login', { pin: '9999' });
      const [status, parked] = await Promise.all([t.app.call('sync.status', {}, token), t.app.call('sync.parked', {}, token)]);
      throw new Error(`${String(error)}; status ${JSON.stringify(status)}; parked ${JSON.stringify(parked)}`, { cause: error });
    }
  };

  const faults: [string, FaultSpec][] = [
    ['latency beyond the client timeout', { kind: 'latency', latencyMs: 700, count: 4 }],
    ['connection resets', { kind: 'reset', fraction: 0.3 }],
    ['HTTP 500', { kind: 'http', status: 500, count: 3 }],
    ['HTTP 502', { kind: 'http', status: 502, count: 3 }],
    ['HTTP 504', { kind: 'http', status: 504, count: 3 }],
    ['answers that are not JSON', { kind: 'nonJson', fraction: 0.3 }],
    ['result 999', { kind: 'result999', count: 4 }],
    ['accepted but the answer lost', { kind: 'lostResponse', fraction: 0.4 }],
  ];
  for (const [what, fault] of faults) {
    test(`survives ${what}`, async () => {
      const t = await openTill();
      await sim.admin.addFault(fault);
      await sell(t, 20);
      await drained(t);
      await sim.admin.clearFaults();
      assert.equal(await assertKraHoldsExactlyOurSales(sim.admin, DEMO_TAXPAYER.tin, t.app.dataDir), 20);
    });
  }

  test('keeps selling through hours of downtime in simulated time, then catches up', async () => {
    const t = await openTill();
    await sim.admin.addFault({ kind: 'down', forMs: 3 * HOUR });
    await sell(t, 5);
    await waitFor('the till to notice KRA is down', async () => (await t.app.call('sync.status', {}, t.token)).state === 'offline');
    t.clock.advance(2 * HOUR);
    const status = await t.app.call('sync.status', {}, t.token);
    assert.equal(status.queueDepth, 5);
    assert.equal(status.oldestUnsignedAgeSeconds, 2 * 3600);
    assert.equal(status.secondsUntilBlock, 22 * 3600);
    await sell(t, 5);
    await sim.admin.advanceClock(3 * HOUR);
    t.clock.advance(HOUR);
    await drained(t);
    assert.equal((await t.app.call('sync.status', {}, t.token)).state, 'online');
    assert.equal(await assertKraHoldsExactlyOurSales(sim.admin, DEMO_TAXPAYER.tin, t.app.dataDir), 10);
  });

  test('refuses new invoices after 24 hours without KRA, and sells again once KRA answers', async () => {
    const t = await openTill();
    await sim.admin.addFault({ kind: 'down', forMs: 30 * HOUR });
    await sell(t, 1);
    await waitFor('the till to notice KRA is down', async () => (await t.app.call('sync.status', {}, t.token)).state === 'offline');
    t.clock.advance(24 * HOUR);
    assert.equal((await t.app.call('sync.status', {}, t.token)).state, 'blocked');
    const refused = await t.app.dispatch('sale.complete', { lines: [{ itemCode: 'KE2BGNO0000002', quantity: 100 }], tenders: [{ kind: 'cash', amount: 16_500 }] }, t.token);
    assert.equal(!refused.ok && refused.error.code, 'WATCHDOG_BLOCKED');
    await sim.admin.advanceClock(30 * HOUR);
    t.clock.advance(6 * HOUR);
    await drained(t);
    await sell(t, 1);
    await drained(t);
    assert.equal(await assertKraHoldsExactlyOurSales(sim.admin, DEMO_TAXPAYER.tin, t.app.dataDir), 2);
  });
});
