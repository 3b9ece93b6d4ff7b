import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDispatch } from '../../../src-main/api/dispatch';
import type { AllHandlers } from '../../../src-main/api/handlers';
import { LEDGER_FILE } from '../../../src-main/ledger/open';
import { saltedPin } from '../../../src-main/security/pin';
import { Sessions } from '../../../src-main/session/sessions';
import { api, ROLES, roleAllows, type MethodName, type Role } from '../../../src-shared/api';
import { startTestApp, type TestApp } from '../../support/app';
import { TestClock } from '../../support/clock';

/** Every method of the contract that needs a role, with every role that does not include it. */
const REFUSALS = (Object.keys(api) as MethodName[]).flatMap((method) => {
  const access = api[method].access;
  if (access === 'public') return [];
  return ROLES.filter((role) => !roleAllows(role, access)).map((role) => ({ method, role, access }));
});

describe('the role check of every method, through dispatch', () => {
  it('covers every method of the contract that needs a role', () => {
    const guarded = (Object.keys(api) as MethodName[]).filter((method) => api[method].access !== 'public');
    assert.ok(guarded.length >= 50, `${guarded.length} methods`);
    assert.deepEqual(new Set(REFUSALS.map((refusal) => refusal.method)), new Set(guarded), 'each has a role that may not call it');
  });

  it('refuses each lower role with FORBIDDEN before the handler runs', async () => {
    const sessions = new Sessions(new TestClock());
    const ran: string[] = [];
    const handlers = new Proxy({} as AllHandlers, {
      get: (_target, method: string) => () => {
        ran.push(method);
        return {};
      },
    });
    const dispatch = createDispatch({ handlers, sessions, onInternalError: () => {} });
    const tokens = new Map(ROLES.map((role, i) => [role, sessions.open({ id: i + 1, name: role, role }).token]));
    for (const { method, role, access } of REFUSALS) {
      const result = await dispatch(method, {}, tokens.get(role)!);
      assert.deepEqual(
        !result.ok && { code: result.error.code, params: result.error.params },
        { code: 'FORBIDDEN', params: { role: access } },
        `${method} called by a ${role}`,
      );
    }
    assert.deepEqual(ran, []);
  });
});

describe('the role check of every method, on a whole till', () => {
  let app: TestApp;
  const tokens = new Map<Role, string>();
  before(async () => {
    app = startTestApp();
    const db = new Database(join(app.dataDir, LEDGER_FILE));
    const pins: Record<Role, string> = { cashier: '1234', supervisor: '2222', manager: '9999', installer: '3333' };
    for (const role of ['supervisor', 'installer'] as const) {
      const { pinHash, pinSalt } = saltedPin(pins[role]);
      db.prepare('INSERT INTO users (name, role, pin_hash, pin_salt, created_at) VALUES (?, ?, ?, ?, ?)').run(role, role, pinHash, pinSalt, 'x');
    }
    db.close();
    for (const role of ROLES) tokens.set(role, (await app.call('session.login', { pin: pins[role] })).token);
  });
  after(() => app.dispose());

  const auditRows = () => {
    const db = new Database(join(app.dataDir, LEDGER_FILE), { readonly: true });
    const { n } = db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
    db.close();
    return n;
  };

  it('answers every lower role FORBIDDEN and writes nothing', async () => {
    const before = auditRows();
    for (const { method, role } of REFUSALS) {
      const result = await app.dispatch(method, {}, tokens.get(role)!);
      assert.equal(!result.ok && result.error.code, 'FORBIDDEN', `${method} called by a ${role}`);
    }
    assert.equal(auditRows(), before);
  });
});
