import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SyncStatus } from '../../../src-shared/api';
import { translate } from '../../../src-shared/i18n';
import { describeKraStatus, formatLimit } from '../../../src-renderer/till/kra-status';

const now = Date.parse('2026-11-24T12:00:00Z');
const status = (over: Partial<SyncStatus>): SyncStatus => ({
  state: 'online',
  queueDepth: 0,
  oldestUnsignedAgeSeconds: null,
  lastContactAt: new Date(now).toISOString(),
  secondsUntilBlock: null,
  lastError: null,
  offlineLimitSeconds: 24 * 3600,
  alerts: [],
  ...over,
});
const words = (s: SyncStatus) => {
  const w = describeKraStatus(s, now);
  return { tone: w.tone, text: [w.headline, ...(w.detail ? [w.detail] : [])].map((p) => translate('en', p.key, p.params)).join(' / ') };
};

describe('KRA status in words a cashier understands', () => {
  it('says online when KRA answers', () => {
    assert.deepEqual(words(status({})), { tone: 'online', text: 'KRA online' });
  });

  it('says for how long KRA has been offline and that sales go on', () => {
    const lastContactAt = new Date(now - (2 * 3600 + 5 * 60) * 1000).toISOString();
    assert.deepEqual(words(status({ state: 'offline', lastContactAt, secondsUntilBlock: 20 * 3600, queueDepth: 3 })), {
      tone: 'offline',
      text: 'KRA offline for 2 h 05 min / Sales go on; receipts are provisional until KRA signs them.',
    });
  });

  it('warns as the 24-hour limit approaches', () => {
    const lastContactAt = new Date(now - 20 * 3600 * 1000).toISOString();
    const w = words(status({ state: 'offline', lastContactAt, secondsUntilBlock: 4 * 3600 }));
    assert.equal(w.tone, 'warning');
    assert.match(w.text, /New sales stop in 4 h 00 min unless the till reaches KRA/);
  });

  it('says sales are stopped at 24 hours (the till explains why in its banner)', () => {
    assert.deepEqual(words(status({ state: 'blocked', secondsUntilBlock: 0 })), { tone: 'blocked', text: 'KRA offline too long: sales stopped' });
  });
});

describe('the store\'s offline limit as the blocked banner says it', () => {
  it('in whole hours, or hours and minutes', () => {
    assert.deepEqual([formatLimit(24 * 3600), formatLimit(12 * 3600), formatLimit(2.5 * 3600)], ['24 h', '12 h', '2 h 30 min']);
    assert.equal(translate('sw', 'status.blockedHelp', { limit: formatLimit(12 * 3600) }).includes('kwa 12 h'), true);
  });
});
