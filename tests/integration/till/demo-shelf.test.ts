import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { createApp, type App } from '../../../src-main/app';
import { DEMO_CATALOGUE } from '../../../src-main/catalog/demo-catalogue';
import { launchSimulator, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { openLedger } from '../../../src-main/ledger/open';
import { items } from '../../../src-main/ledger/schema';
import { projectPaths } from '../../../src-main/paths';
import { openShift } from '../../support/shift';
import type { ApiErrorBody, InputOf, MethodName, OutputOf } from '../../../src-shared/api';
import { tempDir } from '../../support/temp';
import { waitFor } from '../../support/wait';

const SUGAR = 'KE2BGNO0000002';
const RICE = 'KE2BGKG0000007';

interface Till {
  app: App;
  cashier: string;
  manager: string;
}

async function openTill(dataDir: string, kraUrl?: string): Promise<Till> {
  const app = createApp({
    dataDir,
    migrationsFolder: projectPaths.migrations,
    kra: { mode: 'demo', ...(kraUrl ? { baseUrl: kraUrl } : {}) },
    backoff: { baseMs: 5, capMs: 50 },
    log: () => {},
    // Tests move the clock by days while holding a session; the idle timeout has tests of its own.
    sessionIdleSeconds: 365 * 24 * 60 * 60,
  });
  await app.ready;
  await openShift(app.dispatch);
  const login = async (pin: string) => {
    const result = await app.dispatch('session.login', { pin }, null);
    assert.ok(result.ok, JSON.stringify(result));
    return (result.value as { token: string }).token;
  };
  return { app, cashier: await login('1234'), manager: await login('9999') };
}

async function call<M extends MethodName>(till: Till, method: M, input: InputOf<M>, token = till.cashier): Promise<OutputOf<M>> {
  const result = await till.app.dispatch(method, input, token);
  if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
  return result.value as OutputOf<M>;
}

function registeredCodes(dataDir: string): string[] {
  const db = openLedger(dataDir, projectPaths.migrations);
  try {
    return db.select({ code: items.code, registered: items.registered }).from(items).all().filter((i) => i.registered).map((i) => i.code);
  } finally {
    db.$client.close();
  }
}

describe('the demo shelf with a strict KRA from the start (simulator + app)', () => {
  let sim: SimulatorProcess;
  let dir: ReturnType<typeof tempDir>;
  let till: Till | null = null;

  before(async () => {
    sim = await launchSimulator({ seed: 'demo-shelf' });
  });
  after(() => sim.stop());
  beforeEach(async () => {
    await sim.admin.reset();
    await sim.admin.setConfig({ strict: true });
    dir = tempDir();
  });
  afterEach(async () => {
    await till?.app.close();
    till = null;
    dir.cleanup();
  });

  test('registers every demo item in item-code order, so an item a manager adds later is accepted too', async () => {
    till = await openTill(dir.path, sim.directBase);
    assert.deepEqual(registeredCodes(dir.path).sort(), DEMO_CATALOGUE.map((i) => i.code).sort());
    const mango = await call(
      till,
      'items.create',
      { name: 'Mango juice 500ml', barcode: '6161101234567', unitPrice: 15000, taxClass: 'B', itemClass: '1000000000', itemType: '2', origin: 'KE', packagingUnit: 'BQ', quantityUnit: 'NO' },
      till.manager,
    );
    assert.match(mango.code, /0000013$/);
    await waitFor('KRA to accept the new item', () => registeredCodes(dir.path).includes(mango.code));
  });

  test('gives the shelf opening stock, told to KRA as an adjustment in, once', async () => {
    till = await openTill(dir.path, sim.directBase);
    const history = await call(till, 'stock.moves', { itemCode: SUGAR }, till.manager);
    assert.equal(history.stock, 4800);
    assert.deepEqual(history.moves.map((m) => [m.quantity, m.ioType, m.reasonCode]), [[4800, '06', '03']]);
    await waitFor('KRA to hear of the opening stock', async () => (await call(till!, 'stock.moves', { itemCode: SUGAR }, till!.manager)).kraStock === 4800);
    assert.equal((await call(till, 'stock.moves', { itemCode: RICE }, till.manager)).stock, 2500);
    assert.equal((await call(till, 'items.lookup', { code: '6161100110024' })).stock, 4800, 'the till shows 48 on hand, not "out of stock"');

    await call(till, 'sale.complete', { lines: [{ itemCode: SUGAR, quantity: 100 }], tenders: [{ kind: 'cash', amount: 20_000 }] });
    await till.app.close();
    till = await openTill(dir.path, sim.directBase);
    const after = await call(till, 'stock.moves', { itemCode: SUGAR }, till.manager);
    assert.equal(after.stock, 4700);
    assert.equal(after.moves.filter((m) => m.ioType === '06').length, 1, 'a restart adds no more opening stock');
  });

  test('refuses 1.5 of an item counted by the piece, naming the field; a weighed item takes decimals', async () => {
    till = await openTill(dir.path, sim.directBase);
    const result = await till.app.dispatch(
      'sale.complete',
      { lines: [{ itemCode: RICE, quantity: 125 }, { itemCode: SUGAR, quantity: 150 }], tenders: [{ kind: 'cash', amount: 100_000 }] },
      till.cashier,
    );
    assert.equal(result.ok, false);
    const error = (result as { ok: false; error: ApiErrorBody }).error;
    assert.equal(error.code, 'QUANTITY_NOT_WHOLE');
    assert.equal(error.field, 'lines.1.quantity');
    assert.deepEqual(error.params, { field: 'lines.1.quantity', name: 'Sugar 1kg', unit: 'NO', quantity: 1.5 });
    assert.equal((await call(till, 'stock.moves', { itemCode: SUGAR }, till.manager)).stock, 4800, 'nothing sold');
    const sold = await call(till, 'sale.complete', { lines: [{ itemCode: RICE, quantity: 125 }, { itemCode: SUGAR, quantity: 200 }], tenders: [{ kind: 'cash', amount: 100_000 }] });
    assert.deepEqual(sold.lines.map((l) => l.quantity), [125, 200]);
  });
});

describe('the demo simulator started by the till', () => {
  const dir = tempDir();
  after(() => dir.cleanup());

  async function signedQr(till: Till): Promise<string> {
    const sale = await call(till, 'sale.complete', { lines: [{ itemCode: SUGAR, quantity: 100 }], tenders: [{ kind: 'cash', amount: 20_000 }] });
    let url: string | null = null;
    await waitFor('KRA to sign the sale', async () => {
      url = (await call(till, 'receipt.get', { saleId: sale.saleId, copy: false })).verificationUrl;
      return url !== null;
    });
    return url!;
  }

  test('keeps its port across restarts, so earlier QR codes still open; takes another if that one is taken', async () => {
    let till = await openTill(dir.path);
    const first = await signedQr(till);
    await till.app.close();

    till = await openTill(dir.path);
    const second = await signedQr(till);
    assert.equal(new URL(second).origin, new URL(first).origin);
    assert.equal((await fetch(first)).status, 200, 'the first receipt\'s QR code still opens its page');
    await till.app.close();

    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(Number(new URL(first).port), '127.0.0.1', resolve));
    try {
      till = await openTill(dir.path);
      const third = await signedQr(till);
      assert.notEqual(new URL(third).port, new URL(first).port);
      await till.app.close();
    } finally {
      squatter.close();
    }
  });
});
