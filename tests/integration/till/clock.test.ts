import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createApp, type App } from '../../../src-main/app';
import { launchSimulator, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { openLedger } from '../../../src-main/ledger/open';
import { auditLog, sales } from '../../../src-main/ledger/schema';
import { projectPaths } from '../../../src-main/paths';
import { openShift } from '../../support/shift';
import type { ApiErrorBody, InputOf, MethodName, OutputOf } from '../../../src-shared/api';
import { fromKraDateTime } from '../../../src-shared/etims/time';
import { TestClock } from '../../support/clock';
import { tempDir } from '../../support/temp';
import { waitFor } from '../../support/wait';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SUGAR = { lines: [{ itemCode: 'KE2BGNO0000002', quantity: 100 }], tenders: [{ kind: 'cash' as const, amount: 20_000 }] };

interface Till {
  app: App;
  clock: TestClock;
  cashier: string;
  manager: string;
}

describe('the clock cannot be gamed, and a clock that ran ahead can be recovered (simulator + app dispatch)', () => {
  let sim: SimulatorProcess;
  let dir: ReturnType<typeof tempDir>;
  const open: App[] = [];

  before(async () => {
    sim = await launchSimulator({ seed: 'clock' });
  });
  after(() => sim.stop());
  beforeEach(async () => {
    await sim.admin.reset();
    dir = tempDir();
  });
  afterEach(async () => {
    for (const app of open.splice(0)) await app.close();
    dir.cleanup();
  });

  async function startTill(clock: TestClock): Promise<Till> {
    const app = createApp({
      dataDir: dir.path,
      migrationsFolder: projectPaths.migrations,
      clock,
      kra: { mode: 'demo', baseUrl: sim.directBase, timeoutsMs: { write: 500, read: 500 } },
      backoff: { baseMs: 5, capMs: 50 },
      log: () => {},
      // Tests move the clock by days while holding a session; the idle timeout has tests of its own.
      sessionIdleSeconds: 365 * 24 * 60 * 60,
    });
    open.push(app);
    await app.ready;
    await openShift(app.dispatch);
    const login = async (pin: string) => {
      const result = await app.dispatch('session.login', { pin }, null);
      assert.ok(result.ok, JSON.stringify(result));
      return (result.value as { token: string }).token;
    };
    return { app, clock, cashier: await login('1234'), manager: await login('9999') };
  }

  async function stopTill(till: Till): Promise<void> {
    open.splice(open.indexOf(till.app), 1);
    await till.app.close();
  }

  async function call<M extends MethodName>(till: Till, method: M, input: InputOf<M>, token = till.cashier): Promise<OutputOf<M>> {
    const result = await till.app.dispatch(method, input, token);
    if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
    return result.value as OutputOf<M>;
  }

  async function refused<M extends MethodName>(till: Till, method: M, input: InputOf<M>, token = till.cashier): Promise<ApiErrorBody> {
    const result = await till.app.dispatch(method, input, token);
    assert.equal(result.ok, false, `${method} should have been refused`);
    return (result as { ok: false; error: ApiErrorBody }).error;
  }

  const status = (till: Till) => call(till, 'sync.status', {});
  const signedAll = (till: Till) => waitFor('KRA to sign every sale', async () => (await status(till)).queueDepth === 0 && (await status(till)).state === 'online');
  const offline = (till: Till) => waitFor('the till to see KRA is down', async () => (await status(till)).state === 'offline');
  const ledgerSales = () => {
    const db = openLedger(dir.path, projectPaths.migrations);
    try {
      return db.select({ id: sales.id, committedAt: sales.committedAt, sdcDateTime: sales.sdcDateTime }).from(sales).all();
    } finally {
      db.$client.close();
    }
  };

  test('refuses a sale when the clock is behind KRA\'s last time, though ahead of the last sale', async () => {
    const clock = new TestClock();
    await sim.admin.setClock(new Date(clock.now().getTime() + HOUR));
    const till = await startTill(clock);
    await call(till, 'sale.complete', SUGAR);
    await signedAll(till);
    const [sold] = ledgerSales();
    assert.equal(fromKraDateTime(sold!.sdcDateTime!)?.getTime(), clock.now().getTime() + HOUR, 'KRA stamped its own time, an hour ahead');

    clock.advance(MINUTE);
    const error = await refused(till, 'sale.complete', SUGAR);
    assert.equal(error.code, 'CLOCK_BEHIND');
    assert.match(error.message, /behind KRA's last time/);
    assert.equal(ledgerSales().length, 1);
  });

  test('winding the clock back to just after the last sale, again and again, does not dodge the 24-hour limit', async () => {
    const clock = new TestClock();
    await sim.admin.setClock(clock.now());
    const till = await startTill(clock);
    await sim.admin.addFault({ kind: 'down' });
    const start = clock.now().getTime();
    await call(till, 'sale.complete', SUGAR);
    await offline(till);
    for (let round = 1; round <= 3; round++) {
      clock.advance(6 * HOUR);
      clock.set(new Date(start + round * MINUTE));
      await call(till, 'sale.complete', SUGAR);
      assert.equal((await status(till)).secondsUntilBlock, (24 - 6 * round) * 3600, `round ${round}`);
    }
    clock.advance(6 * HOUR);
    clock.set(new Date(start + 4 * MINUTE));
    assert.equal((await status(till)).state, 'blocked');
    assert.equal((await refused(till, 'sale.complete', SUGAR)).code, 'WATCHDOG_BLOCKED');
    assert.equal(ledgerSales().length, 4);
  });

  test('the running offline time survives a restart with the clock set back', async () => {
    const clock = new TestClock();
    await sim.admin.setClock(clock.now());
    const first = await startTill(clock);
    await sim.admin.addFault({ kind: 'down' });
    await call(first, 'sale.complete', SUGAR);
    await offline(first);
    clock.advance(20 * HOUR);
    await stopTill(first);

    const second = await startTill(new TestClock(new Date(clock.now().getTime() - 20 * HOUR + MINUTE)));
    await offline(second);
    const left = (await status(second)).secondsUntilBlock ?? 0;
    assert.ok(left <= 4 * 3600 && left > 3 * 3600, `20 hours of running time still count: ${left} s left`);
    second.clock.advance(4 * HOUR);
    assert.equal((await refused(second, 'sale.complete', SUGAR)).code, 'WATCHDOG_BLOCKED');
  });

  test('refuses a clock far ahead of KRA\'s time, saying both times', async () => {
    const clock = new TestClock();
    await sim.admin.setClock(clock.now());
    const till = await startTill(clock);
    await call(till, 'sale.complete', SUGAR);
    await signedAll(till);
    clock.set(new Date(clock.now().getTime() + 10 * 365 * 24 * HOUR));
    const error = await refused(till, 'sale.complete', SUGAR);
    assert.equal(error.code, 'CLOCK_AHEAD');
    assert.equal(error.params?.now, clock.now().toISOString());
    assert.ok(Math.abs(Date.parse(String(error.params?.kraTime)) - (clock.now().getTime() - 10 * 365 * 24 * HOUR)) < 2000, String(error.params?.kraTime));
    assert.equal(ledgerSales().length, 1, 'no sale dated ten years ahead');
  });

  test('a manager re-anchors the clock to KRA\'s time past sales dated ahead, which keep their dates', async () => {
    const clock = new TestClock();
    const start = clock.now().getTime();
    await sim.admin.setClock(clock.now());
    const first = await startTill(clock);
    await call(first, 'sale.complete', SUGAR);
    await signedAll(first);
    await stopTill(first);

    // Restarted offline with the clock 20 hours ahead: nothing tells the till yet that it is wrong.
    await sim.admin.addFault({ kind: 'down' });
    const wrong = new TestClock(new Date(start + 20 * HOUR));
    const second = await startTill(wrong);
    const ahead = await call(second, 'sale.complete', SUGAR);
    assert.equal(ahead.status, 'provisional');

    // The owner sets the clock right and KRA comes back: the sale dated ahead blocks every sale.
    wrong.set(new Date(start + 10 * MINUTE));
    await sim.admin.setClock(new Date(start + 10 * MINUTE));
    await sim.admin.clearFaults();
    await signedAll(second);
    assert.equal((await refused(second, 'sale.complete', SUGAR)).code, 'CLOCK_BEHIND');

    assert.equal((await refused(second, 'clock.reanchor', {})).code, 'FORBIDDEN');
    const anchored = await call(second, 'clock.reanchor', {}, second.manager);
    assert.equal(anchored.afterSaleId, 2);
    assert.equal(anchored.lastSaleAt, new Date(start + 20 * HOUR).toISOString());
    assert.ok(Math.abs(Date.parse(anchored.kraTime) - (start + 10 * MINUTE)) < 2000, anchored.kraTime);

    const sold = await call(second, 'sale.complete', SUGAR);
    assert.equal(sold.receiptNo, 3);
    const dates = ledgerSales().map((s) => s.committedAt);
    assert.deepEqual(dates.slice(0, 2), [new Date(start).toISOString(), new Date(start + 20 * HOUR).toISOString()], 'the sales keep their dates');
    assert.equal(dates.length, 3);

    const db = openLedger(dir.path, projectPaths.migrations);
    const audit = db.select().from(auditLog).where(eq(auditLog.action, 'clock.reanchor')).all();
    db.$client.close();
    assert.equal(audit.length, 1);
    assert.equal((audit[0]!.detail as { lastSaleAt: string }).lastSaleAt, new Date(start + 20 * HOUR).toISOString());
    assert.equal((await refused(second, 'clock.reanchor', {}, second.manager)).code, 'CLOCK_ANCHOR_NOT_NEEDED');
  });

  test('re-anchoring needs KRA\'s time, and a clock that agrees with it', async () => {
    const clock = new TestClock();
    await sim.admin.setClock(clock.now());
    const till = await startTill(clock);
    await call(till, 'sale.complete', SUGAR);
    await signedAll(till);
    clock.set(new Date(clock.now().getTime() + 2 * HOUR));
    assert.equal((await refused(till, 'clock.reanchor', {}, till.manager)).code, 'CLOCK_AHEAD');
    clock.set(new Date(clock.now().getTime() - 4 * HOUR));
    assert.equal((await refused(till, 'clock.reanchor', {}, till.manager)).code, 'CLOCK_BEHIND');
    clock.set(new Date(clock.now().getTime() + 2 * HOUR + MINUTE));
    await sim.admin.addFault({ kind: 'down' });
    await call(till, 'sale.complete', SUGAR);
    await offline(till);
    assert.equal((await refused(till, 'clock.reanchor', {}, till.manager)).code, 'KRA_UNREACHABLE');
  });
});
