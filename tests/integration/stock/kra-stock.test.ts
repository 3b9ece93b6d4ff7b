import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { asc, eq } from 'drizzle-orm';
import { refundInput, saleInput, type UserSummary } from '../../../src-shared/api';
import type { TaxRates } from '../../../src-shared/tax';
import { DEMO_CATALOGUE } from '../../../src-main/catalog/demo-catalogue';
import { launchSimulator, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { unsignedSummary } from '../../../src-main/ledger/outbox';
import { items, kraJobs, stockMoves, users } from '../../../src-main/ledger/schema';
import type { OscuClient } from '../../../src-main/oscu/client';
import { salesPort } from '../../../src-main/oscu/sales-port';
import { stockHandlers } from '../../../src-main/stock/handlers';
import { stockJobEffects } from '../../../src-main/stock/movements';
import { KraContact } from '../../../src-main/sync/contact';
import { JobWorker } from '../../../src-main/sync/jobs';
import { SyncWorker } from '../../../src-main/sync/worker';
import { refundSale } from '../../../src-main/till/refund';
import { completeSale } from '../../../src-main/till/sale';
import { TestClock } from '../../support/clock';
import { saleDeps, testLedger, type TestLedger } from '../../support/ledger';
import { kraTaxRates, testDevice, type TestDevice } from '../catalog/device';

const SUGAR = 'KE2BGNO0000002';
const MAIZE = 'KE2BGNO0000001';
const CHARGING = 'KE3OUNO0000012';

/** The demo shelf registered with KRA, in code order (the strict profile checks the sequence). */
async function registerDemoItems(client: OscuClient): Promise<void> {
  for (const item of DEMO_CATALOGUE) {
    const answer = await client.saveItem({
      itemCd: item.code, itemClsCd: item.classCode, itemTyCd: item.code.charAt(2), itemNm: item.name, itemStdNm: null,
      orgnNatCd: 'KE', pkgUnitCd: item.packagingUnit, qtyUnitCd: item.quantityUnit, taxTyCd: item.taxClass, btchNo: null,
      bcd: item.barcode, dftPrc: item.unitPrice / 100, isrcAplcbYn: 'N', useYn: 'Y',
      regrId: 'test', regrNm: 'Test', modrId: 'test', modrNm: 'Test',
    });
    assert.ok(answer.ok, `saveItem ${item.code}: ${JSON.stringify(answer)}`);
  }
}

describe('stock told to KRA: insertStockIO then saveStockMaster (strict simulator)', () => {
  let sim: SimulatorProcess;
  let ledger: TestLedger;
  let clock: TestClock;
  let device: TestDevice;
  let jobs: JobWorker;
  let sales: SyncWorker;
  let manager: UserSummary;
  let rates: TaxRates;

  before(async () => {
    sim = await launchSimulator({ profile: 'gateway', seed: 'stock' });
  });
  after(() => sim.stop());

  beforeEach(async () => {
    await sim.admin.reset();
    clock = new TestClock();
    ledger = testLedger();
    device = await testDevice(sim, clock);
    await registerDemoItems(device.client);
    rates = await kraTaxRates(device.client);
    const contact = new KraContact(ledger.db, clock);
    jobs = new JobWorker({ db: ledger.db, clock, client: device.client, contact, effects: stockJobEffects({ id: 'mauzo', name: 'Mauzo' }, clock) });
    sales = new SyncWorker({ db: ledger.db, clock, kra: salesPort(device.client, clock), contact });
    const row = ledger.db.insert(users).values({ name: 'Otieno', role: 'manager', pinHash: 'm', createdAt: clock.now().toISOString() }).returning().get();
    manager = { id: row.id, name: row.name, role: 'manager' };
  });
  afterEach(() => ledger.close());

  const handlers = () => stockHandlers({ db: ledger.db, clock, taxRates: () => rates, onQueued: () => {} });
  const session = () => ({ session: { token: 't', user: manager, startedAt: clock.now() } });
  const adjust = async (itemCode: string, quantity: number, reasonCode: '01' | '02' | '03' | '04' | '05' | '06' | '07', note?: string) =>
    handlers()['stock.adjust']({ itemCode, quantity, reasonCode, ...(note ? { note } : {}) }, session());
  const moves = async (itemCode: string) => handlers()['stock.moves']({ itemCode, limit: 50 }, session());
  const sell = (lines: { itemCode: string; quantity: number }[], amount: number) =>
    completeSale(saleDeps(ledger, clock, { taxRates: () => rates }), saleInput.parse({ lines, tenders: [{ kind: 'cash', amount }] }), ledger.cashier);

  /** Steps the KRA jobs sender until it has nothing it may send. */
  const drainJobs = async () => {
    for (let i = 0; i < 30; i++) if ((await jobs.step()) === 'idle') return;
    assert.fail('the jobs sender never went idle');
  };
  const signSales = async () => {
    for (let i = 0; i < 30 && unsignedSummary(ledger.db).depth > 0; i++) await sales.step();
    assert.equal(unsignedSummary(ledger.db).depth, 0, 'KRA signed every sale');
  };
  const allJobs = () => ledger.db.select().from(kraJobs).orderBy(asc(kraJobs.id)).all();
  const itemRow = (code: string) => ledger.db.select().from(items).where(eq(items.code, code)).get()!;
  /** Each KRA stock request sent, in order: [endpoint, sarNo or rsdQty, result]. */
  const stockTraffic = () =>
    device.exchanges
      .filter((e) => /StockIO|StockMaster/.test(e.endpoint))
      .map((e) => {
        const body = JSON.parse(e.request) as { sarNo?: number; rsdQty?: number; sarTyCd?: string; itemCd?: string };
        return e.endpoint.endsWith('insertStockIO') ? ['IO', body.sarTyCd, body.sarNo, e.resultCd] : ['master', body.itemCd, body.rsdQty, e.resultCd];
      });

  test('opening stock is an adjustment in: IO 06 with sarNo 1, then the master declares it', async () => {
    const adjusted = await adjust(SUGAR, 1000, '03', 'opening stock');
    assert.equal(adjusted.stock, 1000);
    assert.deepEqual(adjusted.move.kra, { state: 'waiting', number: null, error: null });
    assert.equal(itemRow(SUGAR).kraStock, 0, 'KRA knows of nothing yet');

    await drainJobs();
    assert.deepEqual(stockTraffic(), [
      ['IO', '06', 1, '000'],
      ['master', SUGAR, 10, '000'],
    ]);
    const io = JSON.parse(device.exchanges.find((e) => e.endpoint.endsWith('insertStockIO'))!.request) as Record<string, unknown>;
    assert.equal(io.orgSarNo, 0);
    assert.equal(io.regTyCd, 'M');
    assert.equal(io.ocrnDt, '20261124');
    assert.equal(io.remark, 'Adjustment In: opening stock');
    // 10 x 165.00 incl. 16% VAT: taxable round(165000/1.16) = 142241
    assert.deepEqual([io.totItemCnt, io.totAmt, io.totTaxblAmt, io.totTaxAmt], [1, 1650, 1422.41, 227.59]);
    assert.equal(itemRow(SUGAR).kraStock, 1000);
    const history = await moves(SUGAR);
    assert.deepEqual([history.stock, history.kraStock], [1000, 1000]);
    assert.deepEqual(history.moves.map((m) => [m.ioType, m.quantity, m.reasonCode, m.note, m.userName, m.kra.state, m.kra.number]), [
      ['06', 1000, '03', 'opening stock', 'Otieno', 'accepted', 1],
    ]);
  });

  test('a sale: its IO (11) waits until KRA signed the sale, then the master declares what is left; services move nothing', async () => {
    await adjust(SUGAR, 1000, '03');
    await drainJobs();
    const sale = sell([{ itemCode: SUGAR, quantity: 300 }, { itemCode: CHARGING, quantity: 100 }], 60_000);
    assert.equal(itemRow(SUGAR).stock, 700, 'the shelf moves at the commit');
    assert.equal(await jobs.step(), 'idle', 'the sale\'s IO does not go before the sale');

    await adjust(MAIZE, 500, '03');
    await drainJobs();
    assert.deepEqual(stockTraffic().slice(2), [
      ['IO', '06', 2, '000'],
      ['master', MAIZE, 5, '000'],
    ], 'a later adjustment goes while the sale\'s IO waits');

    await signSales();
    await drainJobs();
    assert.deepEqual(stockTraffic().slice(4), [
      ['IO', '11', 3, '000'],
      ['master', SUGAR, 7, '000'],
    ]);
    const io = JSON.parse(device.exchanges.filter((e) => e.endpoint.endsWith('insertStockIO')).at(-1)!.request) as { regTyCd: string; itemList: { itemCd: string; qty: number; prc: number; totAmt: number }[] };
    assert.equal(io.regTyCd, 'A');
    assert.deepEqual(io.itemList.map((l) => [l.itemCd, l.qty, l.prc, l.totAmt]), [[SUGAR, 3, 165, 495]], 'the phone charging service has no stock line');
    assert.deepEqual(ledger.db.select().from(stockMoves).where(eq(stockMoves.saleId, sale.saleId)).all().map((m) => [m.itemCode, m.quantity, m.ioType]), [[SUGAR, -300, '11']]);
    assert.deepEqual([itemRow(SUGAR).stock, itemRow(SUGAR).kraStock], [700, 700]);
    assert.equal(itemRow(CHARGING).stock, 0);
  });

  test('a credit note puts the goods back: IO 03 after KRA signed it', async () => {
    await adjust(SUGAR, 1000, '03');
    await drainJobs();
    const sale = sell([{ itemCode: SUGAR, quantity: 300 }], 49_500);
    await signSales();
    await drainJobs();
    const supervisor = { ...ledger.cashier, role: 'supervisor' as const };
    refundSale(
      saleDeps(ledger, clock, { taxRates: () => rates }),
      refundInput.parse({ originalSaleId: sale.saleId, reasonCode: '06', lines: [{ seq: 1, quantity: 100 }], tenders: [{ kind: 'cash', amount: 16_500 }] }),
      supervisor,
    );
    assert.equal(itemRow(SUGAR).stock, 800);
    assert.equal(await jobs.step(), 'idle', 'the credit note\'s IO waits for its signature');
    await signSales();
    await drainJobs();
    assert.deepEqual(stockTraffic().slice(4), [
      ['IO', '03', 3, '000'],
      ['master', SUGAR, 8, '000'],
    ]);
    assert.deepEqual([itemRow(SUGAR).stock, itemRow(SUGAR).kraStock], [800, 800]);
    assert.deepEqual((await moves(SUGAR)).moves.map((m) => [m.ioType, m.quantity, m.kra.state]), [
      ['03', 100, 'accepted'],
      ['11', -300, 'accepted'],
      ['06', 1000, 'accepted'],
    ]);
  });

  test('a lost answer on insertStockIO: sent again under the same sarNo, and counted once', async () => {
    await sim.admin.addFault({ kind: 'lostResponse', endpoints: ['insertStockIO'], count: 1 });
    await adjust(SUGAR, 1000, '03');
    assert.equal(await jobs.step(), 'retry');
    const [io] = allJobs();
    assert.deepEqual([io!.state, io!.number], ['unknown', 1]);
    assert.equal((await moves(SUGAR)).moves[0]!.kra.state, 'waiting');

    await drainJobs();
    // KRA took the first; the second answer (expected 2, found 1) proves it, and the master's running sum agrees.
    assert.deepEqual(stockTraffic(), [
      ['IO', '06', 1, null],
      ['IO', '06', 1, '910'],
      ['master', SUGAR, 10, '000'],
    ]);
    assert.deepEqual(allJobs().map((j) => [j.endpoint, j.state, j.number]), [
      ['insertStockIO', 'done', 1],
      ['saveStockMaster', 'done', null],
    ]);
    assert.equal(itemRow(SUGAR).kraStock, 1000);
    assert.equal((await sim.admin.stats()).byEndpoint.insertStockIO, 2);
  });

  test('a master not yet sent gives way to the newer total when another IO is accepted before it', async () => {
    await adjust(SUGAR, 1000, '03');
    sell([{ itemCode: SUGAR, quantity: 200 }], 33_000);
    assert.equal(await jobs.step(), 'progress', 'the adjustment is accepted; its master is queued after the sale\'s IO');
    await signSales();
    // The sale's IO, queued before that master, now may go, and goes first.
    await drainJobs();
    assert.deepEqual(stockTraffic(), [
      ['IO', '06', 1, '000'],
      ['IO', '11', 2, '000'],
      ['master', SUGAR, 8, '000'],
    ]);
    assert.deepEqual(allJobs().map((j) => [j.endpoint, j.state, j.lastError]), [
      ['insertStockIO', 'done', null],
      ['insertStockIO', 'done', null],
      ['saveStockMaster', 'done', '(superseded by job 4)'],
      ['saveStockMaster', 'done', null],
    ]);
  });
});
