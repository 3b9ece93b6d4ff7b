import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { after, describe, it } from 'node:test';
import { join } from 'node:path';
import { createApp, type App } from '../../../src-main/app';
import { LEDGER_FILE } from '../../../src-main/ledger/open';
import { projectPaths } from '../../../src-main/paths';
import type { InputOf, MethodName, OpenCart, OutputOf } from '../../../src-shared/api';
import { UNREACHABLE_KRA } from '../../support/app';
import { tempDir } from '../../support/temp';

const SUGAR = 'KE2BGNO0000002';
const RICE = 'KE2BGKG0000007';

function open(dataDir: string): App {
  return createApp({ dataDir, migrationsFolder: projectPaths.migrations, log: () => {}, kra: { mode: 'demo', baseUrl: UNREACHABLE_KRA } });
}

async function call<M extends MethodName>(app: App, method: M, input: InputOf<M>, token: string | null) {
  const result = await app.dispatch(method, input, token);
  return result as { ok: true; value: OutputOf<M> } | { ok: false; error: { code: string; field?: string } };
}

async function login(app: App, pin: string): Promise<string> {
  const result = await call(app, 'session.login', { pin }, null);
  assert.ok(result.ok);
  return result.value.token;
}

function auditActions(dataDir: string): { action: string; detail: Record<string, unknown> }[] {
  const db = new Database(join(dataDir, LEDGER_FILE), { readonly: true });
  const rows = db.prepare('SELECT action, detail FROM audit_log ORDER BY id').all() as { action: string; detail: string }[];
  db.close();
  return rows.map((row) => ({ action: row.action, detail: JSON.parse(row.detail) as Record<string, unknown> }));
}

describe('carts on hold, recalled and voided (engine over a real ledger)', () => {
  const data = tempDir();
  let app = open(data.path);
  after(async () => {
    await app.close();
    data.cleanup();
  });

  const cart: OpenCart = {
    lines: [
      { itemCode: SUGAR, quantity: 200, discount: { rate: 1000 } },
      { itemCode: RICE, quantity: 125 },
    ],
    customer: { tin: 'P051234567M', name: 'Amina Otieno' },
  };

  it('holds a cart under a name and lists it with who held it, its lines and its total', async () => {
    const token = await login(app, '1234');
    const held = await call(app, 'cart.hold', { label: 'Amina', cart }, token);
    assert.ok(held.ok);
    const holds = await call(app, 'cart.holds', {}, token);
    assert.ok(holds.ok);
    assert.deepEqual(
      holds.value.map(({ heldAt: _at, ...rest }) => rest),
      [{ holdId: held.value.holdId, label: 'Amina', cashierName: 'Wanjiru', lineCount: 2, total: 2 * 16500 - 3300 + 24999 }],
    );
  });

  it('refuses a hold without a name or without lines, and keeps nothing', async () => {
    const token = await login(app, '1234');
    const unnamed = await call(app, 'cart.hold', { label: '  ', cart }, token);
    assert.equal(!unnamed.ok && unnamed.error.field, 'label');
    const empty = await call(app, 'cart.hold', { label: 'x', cart: { lines: [] } }, token);
    assert.equal(!empty.ok && empty.error.field, 'cart.lines');
    const holds = await call(app, 'cart.holds', {}, token);
    assert.equal(holds.ok && holds.value.length, 1);
  });

  it('keeps held carts across a restart, and a recall gives the cart back once', async () => {
    await app.close();
    app = open(data.path);
    const token = await login(app, '9999');
    const holds = await call(app, 'cart.holds', {}, token);
    assert.ok(holds.ok);
    const holdId = holds.value[0]!.holdId;
    const recalled = await call(app, 'cart.recall', { holdId }, token);
    assert.ok(recalled.ok);
    assert.deepEqual(recalled.value.cart, cart);
    assert.deepEqual(recalled.value.items.map((item) => [item.code, item.weighed]), [[SUGAR, false], [RICE, true]]);
    const again = await call(app, 'cart.recall', { holdId }, token);
    assert.equal(!again.ok && again.error.code, 'HOLD_NOT_FOUND');
    const left = await call(app, 'cart.holds', {}, token);
    assert.deepEqual(left.ok && left.value, []);
  });

  it('voids a cart only with a reason, and the audit log keeps the cart and the reason', async () => {
    const token = await login(app, '1234');
    const noReason = await call(app, 'cart.void', { reason: 'x', cart }, token);
    assert.equal(!noReason.ok && noReason.error.field, 'reason');
    const voided = await call(app, 'cart.void', { reason: 'Customer left', cart }, token);
    assert.ok(voided.ok);
    const audit = auditActions(data.path).filter((row) => row.action.startsWith('cart.'));
    assert.deepEqual(audit.map((row) => row.action), ['cart.hold', 'cart.recall', 'cart.void']);
    assert.equal(audit[2]!.detail.reason, 'Customer left');
    assert.deepEqual(audit[2]!.detail.cart, cart);
  });

  it('needs a logged-in user for every cart action', async () => {
    const result = await call(app, 'cart.holds', {}, null);
    assert.equal(!result.ok && result.error.code, 'NOT_LOGGED_IN');
  });
});
