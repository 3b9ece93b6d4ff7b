import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createApp } from '../../../src-main/app';
import { LEDGER_FILE } from '../../../src-main/ledger/open';
import { projectPaths } from '../../../src-main/paths';
import { hashPin } from '../../../src-main/security/pin';
import type { ApiResult } from '../../../src-shared/api';
import { startTestApp, UNREACHABLE_KRA, type TestApp } from '../../support/app';
import { TestClock } from '../../support/clock';

const LOCKOUT = { maxFailures: 3, lockSeconds: 60 };

function ledgerOf(app: TestApp): Database.Database {
  return new Database(join(app.dataDir, LEDGER_FILE));
}

function codeOf(result: ApiResult<unknown>): string {
  return result.ok ? 'ok' : result.error.code;
}

describe('PIN guessing', () => {
  let clock: TestClock;
  let app: TestApp;
  beforeEach(() => {
    clock = new TestClock();
    app = startTestApp({ clock, lockout: LOCKOUT });
  });
  afterEach(() => app.dispose());

  const login = async (pin: string, source = 'http:127.0.0.1') => app.dispatch('session.login', { pin }, null, source);
  const authorize = (pin: string, token: string, source = 'http:127.0.0.1') =>
    app.dispatch('session.authorize', { pin, action: 'discount', amount: 100 }, token, source);
  const cashierToken = async (source?: string) => {
    const result = await login('1234', source);
    assert.ok(result.ok, JSON.stringify(result));
    return (result.value as { token: string }).token;
  };

  it('keeps counting a cashier\'s wrong approval PINs however often they log in again', async () => {
    for (let i = 0; i < LOCKOUT.maxFailures; i++) {
      const token = await cashierToken();
      assert.equal(codeOf(await authorize(String(5000 + i), token)), 'WRONG_PIN');
    }
    const token = await cashierToken('ipc');
    assert.equal(codeOf(await authorize('9999', token, 'ipc')), 'PIN_LOCKED', 'the cashier is locked out wherever they log in');
  });

  it('answers a cashier\'s PIN, a retired manager\'s and no one\'s alike, and counts each as a wrong guess', async () => {
    const manager = (await app.call('session.login', { pin: '9999' })).token;
    const retired = await app.call('users.create', { name: 'Kamau', role: 'manager', pin: '4242' }, manager);
    await app.call('users.update', { userId: retired.id, active: false }, manager);
    const token = await cashierToken('ipc');
    const answers = [await authorize('1234', token, 'ipc'), await authorize('4242', token, 'ipc'), await authorize('5555', token, 'ipc')];
    assert.deepEqual(new Set(answers.map((answer) => JSON.stringify(answer))).size, 1, JSON.stringify(answers));
    assert.equal(codeOf(answers[0]!), 'WRONG_PIN');
    assert.equal(codeOf(await authorize('9999', token, 'ipc')), 'PIN_LOCKED');
  });

  it('doubles each further lock, and writes each lock to the audit log', async () => {
    const locks: number[] = [];
    for (let round = 0; round < 3; round++) {
      const failuresThisRound = round === 0 ? LOCKOUT.maxFailures : 1;
      for (let i = 0; i < failuresThisRound; i++) assert.equal(codeOf(await login('0000')), 'WRONG_PIN');
      const locked = await login('1234');
      assert.ok(!locked.ok && locked.error.code === 'PIN_LOCKED');
      locks.push(Number(locked.error.params?.seconds));
      clock.advance(locks.at(-1)! * 1000);
    }
    assert.deepEqual(locks, [60, 120, 240]);
    const db = ledgerOf(app);
    const audited = db.prepare("SELECT detail FROM audit_log WHERE action = 'session.pin.locked'").all() as { detail: string }[];
    db.close();
    const seconds = audited.map((row) => (JSON.parse(row.detail) as { key: string; seconds: number })).filter((d) => d.key === 'target:login');
    assert.deepEqual(seconds.map((d) => d.seconds), [60, 120, 240]);
    assert.equal(codeOf(await login('1234')), 'ok', 'the right PIN works once the lock is over');
  });

  it('forgets old failures after a quiet hour', async () => {
    for (let i = 0; i < LOCKOUT.maxFailures - 1; i++) await login('0000');
    clock.advance(60 * 60 * 1000);
    assert.equal(codeOf(await login('0000')), 'WRONG_PIN');
    assert.equal(codeOf(await login('1234')), 'ok');
  });

  it('counts a new PIN that someone else holds as a guess, without saying whose it is', async () => {
    const token = await cashierToken();
    const taken = await app.dispatch('session.changePin', { oldPin: '1234', newPin: '9999' }, token, 'ipc');
    assert.ok(!taken.ok);
    assert.deepEqual({ code: taken.error.code, field: taken.error.field }, { code: 'PIN_IN_USE', field: 'newPin' });
    assert.doesNotMatch(taken.error.message, /Otieno|manager/);
    for (let i = 0; i < LOCKOUT.maxFailures - 1; i++) await app.dispatch('session.changePin', { oldPin: '1234', newPin: '9999' }, token, 'ipc');
    assert.equal(codeOf(await app.dispatch('session.changePin', { oldPin: '1234', newPin: '2468' }, token, 'ipc')), 'PIN_LOCKED');
  });
});

describe('PIN hashes', () => {
  it('salts each user\'s PIN on its own, and a PIN hashed with the store\'s salt still logs in and gets a salt of its own', async () => {
    const app = startTestApp();
    try {
      const db = ledgerOf(app);
      const salts = db.prepare('SELECT pin_salt AS salt FROM users').all() as { salt: string | null }[];
      assert.equal(new Set(salts.map((row) => row.salt)).size, salts.length);
      assert.ok(salts.every((row) => row.salt !== null));
      const storeSalt = (db.prepare("SELECT value FROM settings WHERE key = 'security.pinSalt'").get() as { value: string }).value;
      db.prepare("INSERT INTO users (name, role, pin_hash, pin_salt, created_at) VALUES ('Akinyi', 'supervisor', ?, NULL, 'x')").run(hashPin('4321', storeSalt));
      const first = await app.call('session.login', { pin: '4321' });
      assert.equal(first.user.name, 'Akinyi');
      const after = db.prepare("SELECT pin_hash AS hash, pin_salt AS salt FROM users WHERE name = 'Akinyi'").get() as { hash: string; salt: string | null };
      db.close();
      assert.ok(after.salt !== null && after.salt !== storeSalt, 'rehashed under a salt of its own');
      assert.equal(after.hash, hashPin('4321', after.salt));
      assert.equal((await app.call('session.login', { pin: '4321' })).user.name, 'Akinyi');
    } finally {
      await app.dispose();
    }
  });

  it('keeps the lock across a restart', async () => {
    const clock = new TestClock();
    const first = startTestApp({ clock, lockout: LOCKOUT });
    for (let i = 0; i < LOCKOUT.maxFailures; i++) await first.dispatch('session.login', { pin: '0000' }, null);
    await first.close();
    const again = createApp({ dataDir: first.dataDir, migrationsFolder: projectPaths.migrations, clock, lockout: LOCKOUT, log: () => {}, kra: { mode: 'demo', baseUrl: UNREACHABLE_KRA } });
    try {
      assert.equal(codeOf(await again.dispatch('session.login', { pin: '1234' }, null)), 'PIN_LOCKED');
    } finally {
      await again.close();
      rmSync(first.dataDir, { recursive: true, force: true });
    }
  });
});
