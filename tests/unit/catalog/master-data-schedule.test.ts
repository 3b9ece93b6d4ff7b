import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MasterDataSchedule, MASTER_DATA_INTERVAL_MS, MASTER_DATA_RETRY_MS, type Ticker } from '../../../src-main/catalog/master-data-schedule';
import type { MasterListSync } from '../../../src-shared/api';
import { TestClock } from '../../support/clock';

const GOOD: MasterListSync[] = [{ list: 'codes', outcome: 'unchanged', received: 0, error: null }];
const DOWN: MasterListSync[] = [{ list: 'codes', outcome: 'failed', received: 0, error: { code: 'NETWORK', message: 'connection closed' } }];

function schedule(answer: () => MasterListSync[] | null) {
  const clock = new TestClock();
  let tick: (() => void) | null = null;
  const ticker: Ticker = (_ms, fn) => {
    tick = fn;
    return () => {
      tick = null;
    };
  };
  let runs = 0;
  const logged: string[] = [];
  const s = new MasterDataSchedule({
    clock,
    ticker,
    log: (m) => logged.push(m),
    sync: async () => {
      runs += 1;
      return answer();
    },
  });
  return { s, clock, ticking: () => tick !== null, runs: () => runs, logged };
}

describe('master data schedule', () => {
  it('pulls at start, then again only once six hours have passed on the clock', async () => {
    const { s, clock, runs } = schedule(() => GOOD);
    s.start();
    await s.tick();
    assert.equal(runs(), 1);
    clock.advance(MASTER_DATA_INTERVAL_MS - 1000);
    await s.tick();
    assert.equal(runs(), 1);
    clock.advance(1000);
    await s.tick();
    assert.equal(runs(), 2);
    await s.stop();
  });

  it('tries again after a quarter of an hour when KRA did not answer, and logs why', async () => {
    const { s, clock, runs, logged } = schedule(() => DOWN);
    await s.tick();
    clock.advance(MASTER_DATA_RETRY_MS - 1000);
    await s.tick();
    assert.equal(runs(), 1);
    clock.advance(1000);
    await s.tick();
    assert.equal(runs(), 2);
    assert.match(logged[0] ?? '', /codes not updated: connection closed/);
  });

  it('keeps trying at each tick while the till has no device', async () => {
    const { s, runs } = schedule(() => null);
    await s.tick();
    await s.tick();
    assert.equal(runs(), 2);
  });

  it('logs a pull that throws and stops ticking when stopped', async () => {
    const { s, ticking, logged } = schedule(() => {
      throw new Error('disk full');
    });
    s.start();
    assert.equal(ticking(), true);
    await s.tick();
    assert.match(logged[0] ?? '', /disk full/);
    await s.stop();
    assert.equal(ticking(), false);
  });
});
