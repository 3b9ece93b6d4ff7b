import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../support/app';
import { TestClock } from '../../support/clock';

describe('a session left idle', () => {
  const clock = new TestClock();
  let app: TestApp;
  before(() => {
    app = startTestApp({ clock, sessionIdleSeconds: 600 });
  });
  after(() => app.dispose());

  it('lasts while the cashier works, and ends after the idle time, background refreshes or not', async () => {
    const { token } = await app.call('session.login', { pin: '1234' });
    for (let i = 0; i < 3; i++) {
      clock.advance(590_000);
      await app.call('cart.holds', {}, token);
    }
    for (let i = 0; i < 9; i++) {
      clock.advance(60_000);
      await app.call('sync.status', {}, token);
    }
    clock.advance(60_000);
    const expired = await app.dispatch('sync.status', {}, token);
    assert.deepEqual(!expired.ok && [expired.error.code, expired.error.params], ['SESSION_EXPIRED', { minutes: 10 }]);
    const after = await app.dispatch('cart.holds', {}, token);
    assert.equal(!after.ok && after.error.code, 'NOT_LOGGED_IN', 'the PIN is needed again');
    assert.ok((await app.call('session.login', { pin: '1234' })).token);
  });
});
