import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asc, eq } from 'drizzle-orm';
import type { InputOf } from '../../../src-shared/api';
import { CatalogIndex } from '../../../src-main/catalog/search';
import { launchSimulator, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { allItems, externalVersion, watchItemChanges } from '../../../src-main/ledger/items';
import { openLedger } from '../../../src-main/ledger/open';
import { items, kraJobs } from '../../../src-main/ledger/schema';
import { projectPaths } from '../../../src-main/paths';
import { stockReader } from '../../../src-main/stock/levels';
import { startTestApp, type TestApp } from '../../support/app';
import { TestClock } from '../../support/clock';
import { sellSugar, storeTaxCodeList, testLedger } from '../../support/ledger';
import { waitFor } from '../../support/wait';

const SUGAR = 'KE2BGNO0000002';
const RICE = 'KE2BGKG0000007';
const CHARGING = 'KE3OUNO0000012';

describe('stock.adjust and stock.moves over the api', () => {
  let app: TestApp;
  let manager: string;
  let cashier: string;
  before(async () => {
    app = startTestApp();
    manager = (await app.call('session.login', { pin: '9999' })).token;
    cashier = (await app.call('session.login', { pin: '1234' })).token;
  });
  after(() => app.dispose());

  const refusal = async (input: InputOf<'stock.adjust'>, token = manager) => {
    const result = await app.dispatch('stock.adjust', input, token);
    assert.ok(!result.ok, 'refused');
    return [result.error.code, result.error.field];
  };

  it('prices nothing before KRA\'s code list has given the rates: no built-in 16%', async () => {
    const result = await app.dispatch('stock.adjust', { itemCode: RICE, quantity: 100, reasonCode: '03' }, manager);
    assert.ok(!result.ok);
    assert.deepEqual([result.error.code, result.error.field, result.error.params], ['TAX_CLASS_NOT_LISTED', 'itemCode', { name: 'Rice (per kg)', taxClass: 'B' }]);
    assert.equal((await app.call('stock.moves', { itemCode: RICE }, manager)).moves.length, 0);
    storeTaxCodeList(app.dataDir);
  });

  it('refuses a bad adjustment naming the field, and writes nothing', async () => {
    assert.deepEqual(await refusal({ itemCode: SUGAR, quantity: 0, reasonCode: '03' }), ['INVALID_INPUT', 'quantity']);
    assert.deepEqual(await refusal({ itemCode: SUGAR, quantity: 1.5, reasonCode: '03' }), ['INVALID_INPUT', 'quantity']);
    assert.deepEqual(await refusal({ itemCode: SUGAR, quantity: 500, reasonCode: '09' as '03' }), ['INVALID_INPUT', 'reasonCode']);
    assert.deepEqual(await refusal({ itemCode: SUGAR, quantity: 500, reasonCode: '04' }), ['ADJUSTMENT_REASON_MISMATCH', 'reasonCode']);
    assert.deepEqual(await refusal({ itemCode: SUGAR, quantity: -500, reasonCode: '03' }), ['ADJUSTMENT_REASON_MISMATCH', 'reasonCode']);
    assert.deepEqual(await refusal({ itemCode: CHARGING, quantity: 500, reasonCode: '03' }), ['ITEM_HAS_NO_STOCK', 'itemCode']);
    assert.deepEqual(await refusal({ itemCode: 'KE2BGNO9999999', quantity: 500, reasonCode: '03' }), ['ITEM_NOT_FOUND', 'itemCode']);
    assert.deepEqual(await refusal({ itemCode: SUGAR, quantity: 500, reasonCode: '03' }, cashier), ['FORBIDDEN', undefined]);
    const history = await app.call('stock.moves', { itemCode: SUGAR }, manager);
    assert.deepEqual([history.stock, history.moves.length], [0, 0]);
  });

  it('counts opening stock in, takes discarded stock out, and lists the moves newest first', async () => {
    const opened = await app.call('stock.adjust', { itemCode: RICE, quantity: 1250, reasonCode: '03', note: 'opening stock' }, manager);
    assert.deepEqual([opened.stock, opened.move.ioType, opened.move.kra.state], [1250, '06', 'waiting']);
    const discarded = await app.call('stock.adjust', { itemCode: RICE.toLowerCase(), quantity: -250, reasonCode: '05', note: 'weevils' }, manager);
    assert.deepEqual([discarded.stock, discarded.move.ioType, discarded.move.quantity], [1000, '16', -250]);
    const history = await app.call('stock.moves', { itemCode: RICE }, manager);
    assert.deepEqual(
      history.moves.map((m) => [m.ioType, m.quantity, m.reasonCode, m.note, m.userName]),
      [
        ['16', -250, '05', 'weevils', 'Otieno'],
        ['06', 1250, '03', 'opening stock', 'Otieno'],
      ],
    );
    assert.deepEqual(await app.call('stock.moves', { itemCode: RICE, before: history.moves[0]!.id }, manager).then((h) => h.moves.length), 1);
    assert.deepEqual([history.stock, history.kraStock], [1000, 0], 'KRA has not been reached');
  });

  it('shows the stock at the till: in items.search and items.lookup, null for a service', async () => {
    const [rice] = await app.call('items.search', { query: 'rice' }, cashier);
    assert.deepEqual([rice!.code, rice!.stock], [RICE, 1000]);
    assert.equal((await app.call('items.lookup', { code: '6161100110024' }, cashier)).stock, 0);
    assert.equal((await app.call('items.search', { query: 'phone' }, cashier))[0]!.stock, null);
    await app.call('stock.adjust', { itemCode: RICE, quantity: -50, reasonCode: '04' }, manager);
    assert.equal((await app.call('items.lookup', { code: RICE }, cashier)).stock, 950, 'the till sees the new level at once');
  });
});

describe('stock in the till\'s catalogue index', () => {
  it('reads each sale\'s stock live, without rebuilding the index for it', () => {
    const ledger = testLedger();
    try {
      let loads = 0;
      const load = () => {
        loads += 1;
        return allItems(ledger.db);
      };
      const index = new CatalogIndex(load, () => externalVersion(ledger.db), stockReader(ledger.db));
      watchItemChanges(ledger.db, () => index.invalidate());
      assert.equal(index.lookup(SUGAR)?.stock, 0);
      sellSugar(ledger, new TestClock(), 2);
      assert.equal(index.lookup(SUGAR)?.stock, -200, 'sold below zero: the shelf is the truth');
      assert.equal(index.search('sugar', 5)[0]?.stock, -200);
      assert.equal(loads, 1, 'a sale moves stock, which is no change to the catalogue');
      ledger.db.update(items).set({ name: 'Sukari 1kg' }).where(eq(items.code, SUGAR)).run();
      assert.deepEqual([index.lookup(SUGAR)?.name, index.lookup(SUGAR)?.stock], ['Sukari 1kg', -200]);
      assert.equal(loads, 2, 'a change to the catalogue still rebuilds it');
    } finally {
      ledger.close();
    }
  });
});

describe('the whole till: stock reaches KRA in the spec\'s order (strict simulator)', () => {
  let sim: SimulatorProcess;
  let app: TestApp;
  before(async () => {
    sim = await launchSimulator({ profile: 'gateway', seed: 'stock-app' });
    const clock = new TestClock();
    await sim.admin.setClock(clock.now());
    app = startTestApp({ clock, kra: { mode: 'demo', baseUrl: sim.directBase }, backoff: { baseMs: 5, capMs: 50 } });
    await app.ready;
  });
  after(async () => {
    await app.dispose();
    await sim.stop();
  });

  it('sends the demo shelf\'s opening stock, then each sale after KRA signed it, each followed by its master', async () => {
    const { token } = await app.call('session.login', { pin: '9999' });
    const accepted = async (count: number) => {
      const history = await app.call('stock.moves', { itemCode: SUGAR }, token);
      return history.moves.length === count && history.moves.every((m) => m.kra.state === 'accepted') && history.kraStock === history.stock;
    };
    await waitFor('the opening stock accepted by KRA', () => accepted(1));
    await app.call('sale.complete', { lines: [{ itemCode: SUGAR, quantity: 400 }], tenders: [{ kind: 'cash', amount: 70_000 }] }, token);
    await waitFor('the sale and its stock accepted by KRA', () => accepted(2));
    const history = await app.call('stock.moves', { itemCode: SUGAR }, token);
    assert.deepEqual(history.moves.map((m) => [m.ioType, m.reasonCode, m.kra.number]), [['11', null, 2], ['06', '03', 1]]);
    assert.equal(history.kraStock, 4400);
    const ledger = openLedger(app.dataDir, projectPaths.migrations);
    try {
      await waitFor('every KRA job settled', () => ledger.select().from(kraJobs).all().every((job) => job.state === 'done'));
      const sent = ledger.select().from(kraJobs).orderBy(asc(kraJobs.id)).all();
      const ofSugar = sent.filter((job) => job.endpoint === 'insertStockIO' || (job.payload as { itemCd?: string }).itemCd === SUGAR);
      assert.deepEqual(ofSugar.map((job) => [job.endpoint, (job.payload as { rsdQty?: number }).rsdQty ?? null]), [
        ['insertStockIO', null],
        ['saveStockMaster', 48],
        ['insertStockIO', null],
        ['saveStockMaster', 44],
      ]);
    } finally {
      ledger.$client.close();
    }
  });
});
