import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertMaySell } from '../../../src-main/watchdog/guard';
import { judge } from '../../../src-main/watchdog/state';

const HOUR = 3600 * 1000;
const now = new Date('2026-11-24T09:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const DAY_S = 24 * 3600;

describe('the 24-hour watchdog', () => {
  const cases: [string, Parameters<typeof judge>[0], ReturnType<typeof judge>][] = [
    ['online with nothing waiting', { now, lastContactAt: ago(60_000), reachable: true, oldestUnsignedAt: null, runningSinceContactSeconds: 0, offlineLimitSeconds: DAY_S }, { state: 'online', secondsUntilBlock: null }],
    ['offline for 2 hours: selling, 22 hours left', { now, lastContactAt: ago(2 * HOUR), reachable: false, oldestUnsignedAt: null, runningSinceContactSeconds: 0, offlineLimitSeconds: DAY_S }, { state: 'offline', secondsUntilBlock: 22 * 3600 }],
    ['offline for 24 hours: blocked', { now, lastContactAt: ago(24 * HOUR), reachable: false, oldestUnsignedAt: ago(HOUR), runningSinceContactSeconds: 0, offlineLimitSeconds: DAY_S }, { state: 'blocked', secondsUntilBlock: 0 }],
    ['KRA answers but a sale has waited 24 hours: blocked', { now, lastContactAt: ago(1000), reachable: true, oldestUnsignedAt: ago(24 * HOUR), runningSinceContactSeconds: 0, offlineLimitSeconds: DAY_S }, { state: 'blocked', secondsUntilBlock: 0 }],
    ['online with a sale waiting 1 hour', { now, lastContactAt: ago(1000), reachable: true, oldestUnsignedAt: ago(HOUR), runningSinceContactSeconds: 0, offlineLimitSeconds: DAY_S }, { state: 'online', secondsUntilBlock: 23 * 3600 }],
    ['the clock set back to just after KRA\'s last answer: the running clock still counts 24 hours', { now, lastContactAt: ago(60_000), reachable: false, oldestUnsignedAt: ago(30_000), runningSinceContactSeconds: DAY_S, offlineLimitSeconds: DAY_S }, { state: 'blocked', secondsUntilBlock: 0 }],
    ['the clock set back before KRA\'s last answer: 3 hours of running time count', { now, lastContactAt: new Date(now.getTime() + HOUR), reachable: false, oldestUnsignedAt: null, runningSinceContactSeconds: 3 * 3600, offlineLimitSeconds: DAY_S }, { state: 'offline', secondsUntilBlock: 21 * 3600 }],
    ['a wall clock moved on further than the till ran: the wall clock counts', { now, lastContactAt: ago(5 * HOUR), reachable: false, oldestUnsignedAt: null, runningSinceContactSeconds: 3600, offlineLimitSeconds: DAY_S }, { state: 'offline', secondsUntilBlock: 19 * 3600 }],
    ['a store limit of 2 hours', { now, lastContactAt: ago(2 * HOUR), reachable: false, oldestUnsignedAt: null, runningSinceContactSeconds: 0, offlineLimitSeconds: 7200 }, { state: 'blocked', secondsUntilBlock: 0 }],
  ];
  for (const [what, input, expected] of cases) test(what, () => assert.deepEqual(judge(input), expected));
});

describe('the clock guard', () => {
  const base = { now, state: 'online' as const, latestCommittedAt: ago(HOUR), latestKraTime: ago(HOUR), kraTimeNow: now, kraClockToleranceSeconds: 300 };

  test('lets a till with a sane clock sell', () => assert.doesNotThrow(() => assertMaySell(base)));
  test('refuses new invoices while the watchdog blocks', () => assert.throws(() => assertMaySell({ ...base, state: 'blocked' }), { code: 'WATCHDOG_BLOCKED' }));
  test('refuses a sale dated before the last journal entry', () =>
    assert.throws(() => assertMaySell({ ...base, latestCommittedAt: new Date(now.getTime() + 1000) }), { code: 'CLOCK_BEHIND' }));
  test('refuses a sale dated before the last KRA time beyond the tolerance', () =>
    assert.throws(() => assertMaySell({ ...base, latestKraTime: new Date(now.getTime() + 301_000) }), { code: 'CLOCK_BEHIND' }));
  test('refuses a clock far ahead of KRA\'s time, naming both', () =>
    assert.throws(() => assertMaySell({ ...base, kraTimeNow: ago(301_000) }), { code: 'CLOCK_AHEAD', params: { now: now.toISOString(), kraTime: ago(301_000).toISOString() } }));
  test('tolerates our clock running a little ahead of KRA\'s, and a till that has not heard KRA\'s time yet', () => {
    assert.doesNotThrow(() => assertMaySell({ ...base, kraTimeNow: ago(299_000) }));
    assert.doesNotThrow(() => assertMaySell({ ...base, kraTimeNow: null }));
  });
  test('tolerates KRA\'s clock running a little ahead of ours', () =>
    assert.doesNotThrow(() => assertMaySell({ ...base, latestKraTime: new Date(now.getTime() + 299_000) })));
});
