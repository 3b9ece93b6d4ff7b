/** Purchases, imports and branch users through the api of a whole till, on the strict simulator. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { launchSimulator, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { openLedger } from '../../../src-main/ledger/open';
import { kraJobs } from '../../../src-main/ledger/schema';
import { projectPaths } from '../../../src-main/paths';
import type { ApiErrorBody, InputOf, MethodName } from '../../../src-shared/api';
import { startTestApp, type TestApp } from '../../support/app';
import { TestClock } from '../../support/clock';
import { waitFor } from '../../support/wait';

let sim: SimulatorProcess;
let app: TestApp;
let manager: string;

before(async () => {
  sim = await launchSimulator({ profile: 'gateway', seed: 'purchases-app' });
  const clock = new TestClock();
  await sim.admin.setClock(clock.now());
  app = startTestApp({ clock, kra: { mode: 'demo', baseUrl: sim.directBase }, backoff: { baseMs: 5, capMs: 50 } });
  await app.ready;
  manager = (await app.call('session.login', { pin: '9999' })).token;
});
after(async () => {
  await app.dispose();
  await sim.stop();
});

async function failure<M extends MethodName>(method: M, input: InputOf<M> | Record<string, unknown>, token: string | null = manager): Promise<ApiErrorBody> {
  const result = await app.dispatch(method, input, token);
  assert.equal(result.ok, false, `${method} should have failed`);
  return (result as { ok: false; error: ApiErrorBody }).error;
}

const pick = (error: ApiErrorBody) => ({ code: error.code, field: error.field });

describe('branch users', () => {
  it('adds a cashier who can log in, and KRA hears of them as a branch user without their PIN', async () => {
    const created = await app.call('users.create', { name: 'Achieng', role: 'cashier', pin: '4321' }, manager);
    assert.deepEqual([created.name, created.role, created.active], ['Achieng', 'cashier', true]);
    await waitFor('KRA to accept the branch user', async () => {
      const user = (await app.call('users.list', {}, manager)).find((u) => u.id === created.id);
      return user?.kra?.state === 'accepted';
    });
    const login = await app.call('session.login', { pin: '4321' });
    assert.deepEqual(login.user, { id: created.id, name: 'Achieng', role: 'cashier' });

    const ledger = openLedger(app.dataDir, projectPaths.migrations);
    try {
      const [job] = ledger.select().from(kraJobs).where(eq(kraJobs.endpoint, 'saveBhfUser')).all();
      const sent = job?.payload as Record<string, string>;
      assert.deepEqual([sent.userId, sent.userNm, sent.useYn, sent.regrNm, sent.modrNm], [String(created.id), 'Achieng', 'Y', 'Otieno', 'Otieno']);
      assert.ok(sent.pwd && sent.pwd.length >= 32 && !sent.pwd.includes('4321'), 'pwd is a random secret, never the PIN');
    } finally {
      ledger.$client.close();
    }
    assert.equal((await sim.admin.stats()).byEndpoint.saveBhfUser, 1);
    assert.equal((await failure('users.create', { name: 'Kamau', role: 'cashier', pin: '5555' }, login.token)).code, 'FORBIDDEN');
  });

  it('names the field of bad input, and refuses a PIN someone has', async () => {
    const before = (await app.call('users.list', {}, manager)).length;
    assert.deepEqual(pick(await failure('users.create', { name: 'Kamau', role: 'cashier', pin: '12' })), { code: 'INVALID_INPUT', field: 'pin' });
    assert.deepEqual(pick(await failure('users.create', { name: 'Kamau', role: 'installer', pin: '5555' })), { code: 'INVALID_INPUT', field: 'role' });
    assert.deepEqual(pick(await failure('users.create', { name: ' ', role: 'cashier', pin: '5555' })), { code: 'INVALID_INPUT', field: 'name' });
    assert.deepEqual(pick(await failure('users.create', { name: 'Kamau', role: 'cashier', pin: '1234' })), { code: 'PIN_IN_USE', field: 'pin' });
    assert.equal((await app.call('users.list', {}, manager)).length, before);
  });
});

describe('purchases and imports through the api', () => {
  it('confirms a supplier sale: KRA accepts purchase 1 and the stock KRA knows of rises', async () => {
    assert.deepEqual(await app.call('purchases.fetch', {}, manager), { listed: 2, added: 2 });
    const [first] = await app.call('purchases.list', { state: 'received' }, manager);
    assert.ok(first);
    assert.deepEqual(pick(await failure('purchases.confirm', { purchaseId: first.purchaseId, lines: [] })), { code: 'INVALID_INPUT', field: 'lines' });
    assert.deepEqual(pick(await failure('purchases.confirm', { purchaseId: 'one', lines: [{ itemSeq: 1, itemCode: 'X' }] })), { code: 'INVALID_INPUT', field: 'purchaseId' });

    const lines = [{ itemSeq: 1, itemCode: 'KE2BGNO0000002' }, { itemSeq: 2, itemCode: 'KE2BGNO0000001' }];
    const confirmed = await app.call('purchases.confirm', { purchaseId: first.purchaseId, lines }, manager);
    assert.equal(confirmed.state, 'confirmed');
    await waitFor('KRA to accept the purchase', async () => {
      const [purchase] = await app.call('purchases.list', { state: 'confirmed' }, manager);
      return purchase?.kra?.state === 'accepted';
    });
    const [purchase] = await app.call('purchases.list', { state: 'confirmed' }, manager);
    assert.deepEqual(purchase?.kra, { state: 'accepted', number: 1, error: null });
    const toldKra = async (itemCode: string) => {
      const history = await app.call('stock.moves', { itemCode }, manager);
      return history.moves[0]?.ioType === '02' && history.kraStock === history.stock;
    };
    await waitFor('the stock masters of both items', async () => (await toldKra('KE2BGNO0000002')) && (await toldKra('KE2BGNO0000001')));
  });

  it('approves a customs line, and KRA holds the approval', async () => {
    assert.deepEqual(await app.call('imports.fetch', {}, manager), { listed: 1, added: 1 });
    const [line] = await app.call('imports.list', {}, manager);
    assert.ok(line);
    const key = { taskCode: line.taskCode, declarationDate: line.declarationDate, itemSeq: line.itemSeq };
    assert.deepEqual(pick(await failure('imports.decide', { ...key, declarationDate: '01-03-2024', decision: 'approve', itemCode: 'KE2BRNO0000006' })), {
      code: 'INVALID_INPUT',
      field: 'declarationDate',
    });
    await app.call('imports.decide', { ...key, decision: 'approve', itemCode: 'KE2BRNO0000006' }, manager);
    await waitFor('KRA to accept the approval', async () => (await app.call('imports.list', {}, manager))[0]?.kra?.state === 'accepted');
  });
});
