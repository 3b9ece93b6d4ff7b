/** Staff as a manager keeps them: PINs changed and reset, roles changed, people retired and back. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { openLedger } from '../../../src-main/ledger/open';
import { kraJobs } from '../../../src-main/ledger/schema';
import { projectPaths } from '../../../src-main/paths';
import type { ApiErrorBody, InputOf, MethodName } from '../../../src-shared/api';
import { startTestApp, type TestApp } from '../../support/app';

let app: TestApp;
let manager: string;

before(async () => {
  app = startTestApp({ lockout: { maxFailures: 50, lockSeconds: 60 } });
  manager = (await app.call('session.login', { pin: '9999' })).token;
});
after(() => app.dispose());

async function failure<M extends MethodName>(method: M, input: InputOf<M>, token: string | null): Promise<Pick<ApiErrorBody, 'code' | 'field'>> {
  const result = await app.dispatch(method, input, token);
  assert.equal(result.ok, false, `${method} should have failed`);
  const { code, field } = (result as { ok: false; error: ApiErrorBody }).error;
  return field === undefined ? { code } : { code, field };
}

const login = async (pin: string) => (await app.call('session.login', { pin })).token;

describe('staff PINs', () => {
  it('lets anyone logged in change their own PIN, given the old one', async () => {
    const created = await app.call('users.create', { name: 'Achieng', role: 'cashier', pin: '3141' }, manager);
    const token = await login('3141');
    assert.deepEqual(await failure('session.changePin', { oldPin: '3142', newPin: '2718' }, token), { code: 'WRONG_PIN', field: 'oldPin' });
    assert.deepEqual(await app.call('session.changePin', { oldPin: '3141', newPin: '2718' }, token), { changed: true });
    assert.equal((await failure('session.login', { pin: '3141' }, null)).code, 'WRONG_PIN');
    assert.equal((await app.call('session.login', { pin: '2718' })).user.id, created.id);
  });

  it('lets a manager reset a forgotten PIN, logging that person out', async () => {
    const created = await app.call('users.create', { name: 'Baraka', role: 'cashier', pin: '1618' }, manager);
    const token = await login('1618');
    await app.call('users.resetPin', { userId: created.id, pin: '1619' }, manager);
    assert.equal((await failure('sync.status', {}, token)).code, 'NOT_LOGGED_IN');
    assert.equal((await failure('session.login', { pin: '1618' }, null)).code, 'WRONG_PIN');
    assert.equal((await app.call('session.login', { pin: '1619' })).user.name, 'Baraka');
    assert.deepEqual(await failure('users.resetPin', { userId: created.id, pin: '9999' }, manager), { code: 'PIN_IN_USE', field: 'pin' });
    assert.deepEqual(await failure('users.resetPin', { userId: 999, pin: '4444' }, manager), { code: 'USER_NOT_FOUND', field: 'userId' });
  });
});

describe('roles and retirement', () => {
  it('retires a user, who can neither log in nor approve, tells KRA, and brings them back', async () => {
    const supervisor = await app.call('users.create', { name: 'Chebet', role: 'supervisor', pin: '5150' }, manager);
    const token = await login('5150');
    const retired = await app.call('users.update', { userId: supervisor.id, active: false }, manager);
    assert.equal(retired.active, false);
    assert.equal((await failure('sync.status', {}, token)).code, 'NOT_LOGGED_IN', 'their session ends at once');
    assert.equal((await failure('session.login', { pin: '5150' }, null)).code, 'WRONG_PIN');
    const cashier = await login('1234');
    assert.equal((await failure('session.authorize', { pin: '5150', action: 'discount', amount: 100 }, cashier)).code, 'WRONG_PIN');
    assert.ok((await app.call('users.list', {}, manager)).some((user) => user.id === supervisor.id && !user.active), 'kept, never deleted');

    await app.call('users.update', { userId: supervisor.id, active: true }, manager);
    assert.equal((await app.call('session.authorize', { pin: '5150', action: 'discount', amount: 100 }, cashier)).approver.name, 'Chebet');
    const ledger = openLedger(app.dataDir, projectPaths.migrations);
    try {
      const sent = ledger.select().from(kraJobs).where(eq(kraJobs.subject, `user ${supervisor.id}`)).all().map((job) => (job.payload as { useYn: string }).useYn);
      assert.deepEqual(sent, ['Y', 'N', 'Y']);
    } finally {
      ledger.$client.close();
    }
  });

  it('changes a role, which takes effect at the next login', async () => {
    const user = await app.call('users.create', { name: 'Dida', role: 'cashier', pin: '8080' }, manager);
    const before = await login('8080');
    assert.equal((await failure('users.list', {}, before)).code, 'FORBIDDEN');
    assert.equal((await app.call('users.update', { userId: user.id, role: 'manager' }, manager)).role, 'manager');
    assert.equal((await failure('sync.status', {}, before)).code, 'NOT_LOGGED_IN');
    const after = await login('8080');
    assert.ok((await app.call('users.list', {}, after)).length > 0);
    await app.call('users.update', { userId: user.id, role: 'cashier' }, manager);
  });

  it('never retires or demotes the last active manager', async () => {
    const managers = (await app.call('users.list', {}, manager)).filter((user) => user.role === 'manager' && user.active);
    assert.deepEqual(managers.map((user) => user.name), ['Otieno']);
    const otieno = managers[0]!.id;
    assert.deepEqual(await failure('users.update', { userId: otieno, active: false }, manager), { code: 'LAST_MANAGER', field: 'userId' });
    assert.deepEqual(await failure('users.update', { userId: otieno, role: 'supervisor' }, manager), { code: 'LAST_MANAGER', field: 'userId' });
    const deputy = await app.call('users.create', { name: 'Ekai', role: 'manager', pin: '7070' }, manager);
    assert.equal((await app.call('users.update', { userId: otieno, role: 'supervisor' }, manager)).role, 'supervisor');
    const ekai = await login('7070');
    await app.call('users.update', { userId: otieno, role: 'manager' }, ekai);
    manager = await login('9999');
    assert.equal((await app.call('users.update', { userId: deputy.id, active: false }, manager)).active, false, 'with two managers, one may go');
    assert.deepEqual(await failure('users.update', { userId: otieno, active: false }, manager), { code: 'LAST_MANAGER', field: 'userId' });
  });
});
