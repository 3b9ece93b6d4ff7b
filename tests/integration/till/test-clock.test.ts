import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MovableClock, testClockFromFlags } from '../../../src-main/host/test-clock';
import { spawnHost } from '../../support/host';
import { tempDir } from '../../support/temp';

describe('the host\'s test clock (--test-clock)', () => {
  it('exists only when asked for under MAUZO_TEST=1', () => {
    assert.equal(testClockFromFlags(false, { MAUZO_TEST: '1' }), undefined);
    assert.throws(() => testClockFromFlags(true, {}), /needs MAUZO_TEST=1/);
    assert.ok(testClockFromFlags(true, { MAUZO_TEST: '1' }) instanceof MovableClock);
  });

  it('runs ahead of the system time by what the test asked', () => {
    const clock = new MovableClock();
    const before = Date.now();
    clock.advance(24 * 60 * 60 * 1000);
    assert.ok(clock.now().getTime() - before >= 24 * 60 * 60 * 1000);
  });

  it('keeps a host started with --test-clock but without MAUZO_TEST=1 from starting at all', async () => {
    const data = tempDir();
    try {
      await assert.rejects(spawnHost(['--data', data.path, '--test-clock'], { MAUZO_TEST: '' }), /--test-clock is for tests only/);
    } finally {
      data.cleanup();
    }
  });
});
