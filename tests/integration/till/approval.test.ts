import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Approvals } from '../../../src-main/session/approval';
import { openLedger, type LedgerDb } from '../../../src-main/ledger/open';
import { projectPaths } from '../../../src-main/paths';
import { startTestApp, type TestApp } from '../../support/app';
import { TestClock } from '../../support/clock';
import { tempDir } from '../../support/temp';

describe('a supervisor approving at a cashier\'s till (session.authorize)', () => {
  let app: TestApp;
  let cashier: string;
  before(async () => {
    app = startTestApp({ lockout: { maxFailures: 3, lockSeconds: 60 } });
    cashier = (await app.call('session.login', { pin: '1234' })).token;
  });
  after(() => app.dispose());

  it('gives a manager\'s PIN a short-lived approval, and the cashier stays logged in', async () => {
    const approval = await app.call('session.authorize', { pin: '9999', action: 'discount' }, cashier);
    assert.equal(approval.approver.name, 'Otieno');
    assert.equal(approval.approver.role, 'manager');
    assert.ok(approval.approval.length >= 32);
    assert.ok(Date.parse(approval.expiresAt) > Date.now());
    const status = await app.dispatch('sync.status', {}, cashier);
    assert.ok(status.ok, 'the cashier\'s session still works');
  });

  it('refuses a cashier\'s PIN as an approver, naming who it belongs to', async () => {
    const result = await app.dispatch('session.authorize', { pin: '1234', action: 'priceOverride' }, cashier);
    assert.deepEqual(!result.ok && [result.error.code, result.error.params], ['APPROVER_NOT_ALLOWED', { name: 'Wanjiru' }]);
  });

  it('says a wrong PIN is wrong, and locks after repeated failures like the login does', async () => {
    const wrong = await app.dispatch('session.authorize', { pin: '0000', action: 'discount' }, cashier);
    assert.equal(!wrong.ok && wrong.error.code, 'WRONG_PIN');
    await app.dispatch('session.authorize', { pin: '0001', action: 'discount' }, cashier);
    await app.dispatch('session.authorize', { pin: '0002', action: 'discount' }, cashier);
    const locked = await app.dispatch('session.authorize', { pin: '9999', action: 'discount' }, cashier);
    assert.equal(!locked.ok && locked.error.code, 'PIN_LOCKED');
  });
});

describe('approval tokens', () => {
  const dir = tempDir();
  let db: LedgerDb;
  before(() => {
    db = openLedger(dir.path, projectPaths.migrations);
    db.$client.exec("INSERT INTO users (name, role, pin_hash, created_at) VALUES ('A', 'cashier', 'a', 'x'), ('B', 'manager', 'b', 'x')");
  });
  after(() => {
    db.$client.close();
    dir.cleanup();
  });
  const cashier = { id: 1, name: 'A', role: 'cashier' as const };
  const manager = { id: 2, name: 'B', role: 'manager' as const };

  it('are good for one use only', () => {
    const approvals = new Approvals(db, new TestClock());
    const { token } = approvals.grant(manager, cashier, 'discount');
    assert.equal(approvals.consume(token, cashier.id), true);
    assert.equal(approvals.consume(token, cashier.id), false);
    assert.equal(approvals.consume(undefined, cashier.id), false);
    assert.equal(approvals.consume('forged', cashier.id), false);
  });

  it('serve only the cashier they were granted to', () => {
    const approvals = new Approvals(db, new TestClock());
    const { token } = approvals.grant(manager, cashier, 'discount');
    assert.equal(approvals.consume(token, 99), false);
  });

  it('expire after their time, even unused', () => {
    const clock = new TestClock();
    const approvals = new Approvals(db, clock, 60);
    const { token } = approvals.grant(manager, cashier, 'priceOverride');
    clock.advance(60_000);
    assert.equal(approvals.consume(token, cashier.id), false);
  });
});
