import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createDispatch } from '../../../src-main/api/dispatch';
import type { AllHandlers } from '../../../src-main/api/handlers';
import { LEDGER_FILE } from '../../../src-main/ledger/open';
import { Sessions } from '../../../src-main/session/sessions';
import { startTestApp, type TestApp } from '../../support/app';
import { TestClock } from '../../support/clock';

function auditRows(app: TestApp): number {
  const db = new Database(join(app.dataDir, LEDGER_FILE), { readonly: true });
  try {
    return (db.prepare('select count(*) as n from audit_log').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('dispatch', () => {
  const clock = new TestClock();
  let app: TestApp;
  before(() => {
    app = startTestApp({ clock, lockout: { maxFailures: 3, lockSeconds: 60 } });
  });
  after(() => app.dispose());

  it('answers system.health without a session', async () => {
    const health = await app.call('system.health', {});
    assert.equal(health.status, 'ok');
    assert.equal(health.mode, 'demo');
    assert.equal(health.time, clock.now().toISOString());
  });

  it('logs the demo cashier in with PIN 1234 and out again', async () => {
    const { token, user } = await app.call('session.login', { pin: '1234' });
    assert.deepEqual(user, { id: 1, name: 'Wanjiru', role: 'cashier' });
    assert.match(token, /^[0-9a-f]{64}$/);
    assert.equal((await app.call('sync.status', {}, token)).queueDepth, 0);
    await app.call('session.logout', {}, token);
    const after = await app.dispatch('sync.status', {}, token);
    assert.deepEqual(after, { ok: false, error: { code: 'NOT_LOGGED_IN', message: '"sync.status" needs a logged-in user' } });
  });

  it('rejects an unknown method by name', async () => {
    const result = await app.dispatch('sale.teleport', {}, null);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.code, 'UNKNOWN_METHOD');
  });

  it('names the field and writes nothing when the input is bad', async () => {
    const before = auditRows(app);
    const result = await app.dispatch('session.login', { pin: '12a4' }, null);
    assert.deepEqual(result, {
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'pin: a PIN is 4 to 8 digits',
        field: 'pin',
        params: { field: 'pin', reason: 'a PIN is 4 to 8 digits' },
      },
    });
    const extra = await app.dispatch('session.login', { pin: '1234', role: 'manager' }, null);
    assert.equal(!extra.ok && extra.error.code, 'INVALID_INPUT');
    assert.equal(auditRows(app), before);
  });

  it('locks the PIN pad after repeated wrong PINs, then lets the right PIN in once the lock expires', async () => {
    for (let i = 0; i < 3; i++) {
      const wrong = await app.dispatch('session.login', { pin: '0000' }, null);
      assert.equal(!wrong.ok && wrong.error.code, 'WRONG_PIN');
    }
    const locked = await app.dispatch('session.login', { pin: '1234' }, null);
    assert.equal(!locked.ok && locked.error.code, 'PIN_LOCKED');
    assert.equal(!locked.ok && locked.error.params?.seconds, 60);
    clock.advance(61_000);
    const { user } = await app.call('session.login', { pin: '9999' });
    assert.equal(user.role, 'manager');
  });
});

describe('role checks', () => {
  it('refuses a method to a user whose role does not include the required one', async () => {
    const sessions = new Sessions(new TestClock());
    const installer = sessions.open({ id: 7, name: 'Fundi', role: 'installer' });
    let called = false;
    const handlers = {
      'sync.status': () => {
        called = true;
        throw new Error('must not run');
      },
    } as unknown as AllHandlers;
    const dispatch = createDispatch({ handlers, sessions, onInternalError: () => {} });
    const result = await dispatch('sync.status', {}, installer.token);
    assert.equal(!result.ok && result.error.code, 'FORBIDDEN');
    assert.equal(called, false);
  });

  it('hides an unexpected failure behind INTERNAL and reports it', async () => {
    const sessions = new Sessions(new TestClock());
    const cashier = sessions.open({ id: 1, name: 'A', role: 'cashier' });
    const reported: string[] = [];
    const handlers = { 'sync.status': () => { throw new Error('disk on fire'); } } as unknown as AllHandlers;
    const dispatch = createDispatch({ handlers, sessions, onInternalError: (m, e) => reported.push(`${m}: ${String(e)}`) });
    const result = await dispatch('sync.status', {}, cashier.token);
    assert.deepEqual(result, { ok: false, error: { code: 'INTERNAL', message: 'internal error' } });
    assert.deepEqual(reported, ['sync.status: Error: disk on fire']);
  });
});
