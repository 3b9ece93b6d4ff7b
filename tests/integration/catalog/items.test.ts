import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { itemImportHandlers } from '../../../src-main/catalog/item-import';
import { itemHandlers, itemJobEffects, saveItemRequest } from '../../../src-main/catalog/items';
import { MasterDataSync } from '../../../src-main/catalog/master-data';
import { launchSimulator, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { allItems } from '../../../src-main/ledger/items';
import { parkedJobs } from '../../../src-main/ledger/kra-jobs';
import { kraJobs } from '../../../src-main/ledger/schema';
import { KraContact } from '../../../src-main/sync/contact';
import { JobWorker } from '../../../src-main/sync/jobs';
import { completeSale } from '../../../src-main/till/sale';
import { api, type InputOf, type ItemDetail, type ItemPage } from '../../../src-shared/api';
import type { ItemRecord } from '../../../src-shared/etims/wire';
import { startTestApp } from '../../support/app';
import type { TestClock } from '../../support/clock';
import { saleDeps, type TestLedger } from '../../support/ledger';
import { waitFor } from '../../support/wait';
import { freshTill, type TestDevice } from './device';

const manager = { id: 2, name: 'Otieno', role: 'manager' as const };
const ctx = { session: { token: 't', user: manager, startedAt: new Date() } };
const MANGO: InputOf<'items.create'> = {
  name: 'Mango juice 500ml',
  barcode: '6161101234567',
  unitPrice: 15000,
  taxClass: 'B',
  itemClass: '1000000000',
  itemType: '2',
  origin: 'KE',
  packagingUnit: 'NT',
  quantityUnit: 'NO',
};
const CSV_HEADER = 'name,barcode,price,taxClass,itemClass,itemType,origin,packagingUnit,quantityUnit';

let sim: SimulatorProcess;
let clock: TestClock;
let ledger: TestLedger;
let device: TestDevice;
let queued: number;

before(async () => {
  sim = await launchSimulator({ profile: 'gateway', seed: 'catalog-items' });
});
after(() => sim.stop());

beforeEach(async () => {
  ({ clock, ledger, device } = await freshTill(sim));
  queued = 0;
  // The demo shelf (codes 1 to 12) is KRA's already, as demo mode registers it.
  for (const row of allItems(ledger.db)) {
    const answer = await device.client.saveItem(saveItemRequest(row, manager));
    assert.ok(answer.ok, `demo item ${row.code} registered`);
  }
});
afterEach(() => ledger.close());

function handlers(tin: string | null = device.tin) {
  const deps = { db: ledger.db, clock, tin: () => tin, onQueued: () => (queued += 1) };
  return { ...itemHandlers(deps), ...itemImportHandlers(deps) };
}

const create = async (input: Partial<InputOf<'items.create'>> = {}) => handlers()['items.create'](api['items.create'].input.parse({ ...MANGO, ...input }), ctx);
const update = async (input: InputOf<'items.update'>) => handlers()['items.update'](api['items.update'].input.parse(input), ctx);
const importCsv = async (csv: string, dryRun = false) => handlers()['items.importCsv']({ csv, dryRun }, ctx);
// The handlers answer at once; their type allows a promise.
const list = (filter: InputOf<'items.list'> = {}) => handlers()['items.list'](api['items.list'].input.parse(filter), ctx) as ItemPage;

/** Sends every due KRA job, as the job sender does, until none is left. */
async function drain(): Promise<void> {
  const worker = new JobWorker({ db: ledger.db, clock, client: device.client, contact: new KraContact(ledger.db, clock), effects: itemJobEffects(clock) });
  for (let i = 0; i < 200; i++) if ((await worker.step()) === 'idle') return;
  assert.fail('the KRA job queue never emptied');
}

async function kraItems(): Promise<Map<string, ItemRecord>> {
  const answer = await device.client.selectItemList({ lastReqDt: '20180101000000' });
  assert.ok(answer.ok, 'KRA lists the items');
  return new Map(answer.data.itemList.map((item) => [item.itemCd, item]));
}

const itemOf = (code: string): ItemDetail => {
  const found = list({ query: code }).items.find((i) => i.code === code);
  assert.ok(found, `item ${code} is listed`);
  return found;
};

const sell = (code: string, price = MANGO.unitPrice) =>
  completeSale(saleDeps(ledger, clock), { lines: [{ itemCode: code, quantity: 100 }], tenders: [{ kind: 'cash', amount: price }] }, ledger.cashier);

const jobCount = () => ledger.db.select().from(kraJobs).all().length;

describe('creating an item', () => {
  it('gives it the next KRA code after the shelf, queues saveItem, and sells it once the strict gateway accepts it', async () => {
    const item = await create();
    assert.equal(item.code, 'KE2NTNO0000013');
    assert.equal(item.registration, 'waiting');
    assert.equal(item.registered, false);
    assert.equal(queued, 1);
    assert.throws(() => sell(item.code), { code: 'ITEM_NOT_REGISTERED', field: 'lines.0.itemCode', message: /waiting for KRA/ });

    await drain();

    const atKra = (await kraItems()).get(item.code);
    assert.ok(atKra, 'KRA holds the item');
    assert.deepEqual(
      [atKra.itemNm, atKra.itemClsCd, atKra.itemTyCd, atKra.orgnNatCd, atKra.pkgUnitCd, atKra.qtyUnitCd, atKra.taxTyCd, atKra.bcd, atKra.dftPrc],
      ['Mango juice 500ml', '1000000000', '2', 'KE', 'NT', 'NO', 'B', '6161101234567', 150],
    );
    assert.equal(itemOf(item.code).registration, 'accepted');
    assert.equal(sell(item.code).total, 15000);
  });

  it("refuses, naming the field and writing nothing, a unit or country outside KRA's lists", async () => {
    await assert.rejects(async () => create({ packagingUnit: 'BX' }), { code: 'INVALID_INPUT', field: 'packagingUnit', message: /not in KRA's list/ });
    await assert.rejects(async () => create({ quantityUnit: 'U' }), { code: 'INVALID_INPUT', field: 'quantityUnit', message: /use NO instead/ });
    await assert.rejects(async () => create({ origin: 'XX' }), { code: 'INVALID_INPUT', field: 'origin' });
    assert.throws(() => api['items.create'].input.parse({ ...MANGO, unitPrice: 0 }), /above 0/);
    assert.equal(jobCount(), 0);
    assert.equal(allItems(ledger.db).length, 12);
    assert.equal((await create()).code, 'KE2NTNO0000013', 'the refused attempts used up no number');
  });

  it('refuses a barcode another item has', async () => {
    await assert.rejects(async () => create({ barcode: '6161100110024' }), { code: 'BARCODE_TAKEN', field: 'barcode', message: /Sugar 1kg/ });
    assert.equal(jobCount(), 0);
  });

  it("checks the item class against KRA's synced list once there is one", async () => {
    const link = { client: device.client, environment: 'demo' as const, tin: device.tin, branchId: device.branchId };
    await new MasterDataSync({ db: ledger.db, clock, link: () => link, emit: () => {} }).sync(['itemClasses']);
    await assert.rejects(async () => create({ itemClass: '12345678' }), { code: 'INVALID_INPUT', field: 'itemClass', message: /not in KRA's item classification list/ });
    assert.equal((await create()).registration, 'waiting');
  });

  it('needs the till registered with KRA, since KRA numbers codes per PIN', async () => {
    await assert.rejects(async () => handlers(null)['items.create'](api['items.create'].input.parse(MANGO), ctx), { code: 'DEVICE_NOT_INITIALISED' });
  });
});

describe("KRA's refusal", () => {
  it("shows KRA's words on the item, the till refuses to sell it with them, and a corrected item goes through", async () => {
    const item = await create({ itemClass: '12345678' });
    await drain();

    const refused = itemOf(item.code);
    assert.equal(refused.registration, 'refused');
    assert.match(refused.kraError ?? '', /valid item classification code/);
    assert.deepEqual(list({ registration: 'refused' }).items.map((i) => i.code), [item.code]);
    assert.throws(() => sell(item.code), (error: { code: string; params: { reason: string } }) => {
      assert.equal(error.code, 'ITEM_REFUSED_BY_KRA');
      assert.equal(error.params.reason, refused.kraError);
      return true;
    });

    const fixed = await update({ code: item.code, itemClass: '1000000000' });
    assert.equal(fixed.registration, 'waiting');
    assert.equal(fixed.kraError, null);
    await drain();
    assert.equal(itemOf(item.code).registration, 'accepted');
    assert.deepEqual(parkedJobs(ledger.db), [], 'the refused version is settled by the corrected one');
    assert.equal(sell(item.code).total, 15000);
  });

  it('holds back the codes after a refused one (KRA wants them in sequence) and sends them once it is fixed', async () => {
    const first = await create({ itemClass: '12345678' });
    const second = await create({ name: 'Passion juice 500ml', barcode: null });
    await drain();
    assert.equal(itemOf(first.code).registration, 'refused');
    assert.match(itemOf(second.code).kraError ?? '', /Invalid itemCd Sequence/);

    await update({ code: first.code, itemClass: '1000000000' });
    await drain();
    assert.deepEqual([itemOf(first.code).registration, itemOf(second.code).registration], ['accepted', 'accepted']);
    const atKra = await kraItems();
    assert.ok(atKra.has(first.code) && atKra.has(second.code));
  });
});

describe('item codes', () => {
  it('never gives a number twice, across prefixes and after the ledger is reopened, and KRA takes each in turn', async () => {
    const codes = [(await create()).code, (await create({ barcode: null, itemType: '3', packagingUnit: 'OU' })).code];
    ledger = ledger.reopen();
    codes.push((await create({ barcode: null, origin: 'CN', quantityUnit: 'KG' })).code);
    assert.deepEqual(codes, ['KE2NTNO0000013', 'KE3OUNO0000014', 'CN2NTKG0000015']);
    await drain();
    assert.equal(list({ registration: 'accepted', query: 'mango' }).total, 3);
  });
});

describe('editing an item', () => {
  it('keeps an accepted item sellable while the change waits for KRA, then KRA holds the change', async () => {
    const item = await create();
    await drain();
    const changed = await update({ code: item.code, name: 'Mango juice 1L', unitPrice: 25000, barcode: null });
    assert.deepEqual([changed.registration, changed.registered, changed.name, changed.barcode], ['accepted', true, 'Mango juice 1L', null]);
    assert.equal(sell(item.code, 25000).total, 25000, 'sold at the new price before KRA answered');
    await drain();
    const atKra = (await kraItems()).get(item.code);
    assert.deepEqual([atKra?.itemNm, atKra?.dftPrc, atKra?.bcd], ['Mango juice 1L', 250, null]);
  });

  it('withdraws an item from sale with useYn N, and the till refuses it until it is back', async () => {
    const item = await create();
    await update({ code: item.code, active: false });
    await drain();
    assert.equal((await kraItems()).get(item.code)?.useYn, 'N');
    assert.equal(list({ active: false }).items[0]?.code, item.code);
    assert.throws(() => sell(item.code), { code: 'ITEM_WITHDRAWN', field: 'lines.0.itemCode' });
    await update({ code: item.code, active: true });
    await drain();
    assert.equal(sell(item.code).total, MANGO.unitPrice, 'back on sale');
  });

  it('refuses to change what the code is made of, naming the field, and writes nothing', async () => {
    const item = await create();
    const jobs = jobCount();
    await assert.rejects(async () => update({ code: item.code, quantityUnit: 'KG', name: 'Mango pulp' }), {
      code: 'ITEM_FIELD_FIXED',
      field: 'quantityUnit',
      message: /create a new item/,
    });
    await assert.rejects(async () => update({ code: item.code, itemType: '1' }), { code: 'ITEM_FIELD_FIXED', field: 'itemType' });
    assert.equal(itemOf(item.code).name, 'Mango juice 500ml');
    assert.equal(jobCount(), jobs);
    assert.equal((await update({ code: item.code, quantityUnit: 'NO', origin: 'KE' })).code, item.code, 'the same value is no change');
  });

  it("refuses another item's barcode and an unknown code", async () => {
    const item = await create();
    await assert.rejects(async () => update({ code: item.code, barcode: '6161100110024' }), { code: 'BARCODE_TAKEN', field: 'barcode' });
    await assert.rejects(async () => update({ code: 'KE2NTNO0009999', name: 'x' }), { code: 'ITEM_NOT_FOUND', field: 'code' });
  });

  it('sends nothing when an accepted item is saved unchanged', async () => {
    const item = await create();
    await drain();
    const jobs = jobCount();
    await update({ code: item.code, name: item.name });
    assert.equal(jobCount(), jobs);
  });
});

describe('listing items', () => {
  it('filters by name, code or barcode and by registration, and pages by name', async () => {
    await create();
    await create({ name: 'Avocado 1pc', barcode: null, itemClass: '12345678' });
    await drain();
    assert.equal(list().total, 14);
    assert.deepEqual(list({ limit: 2 }).items.map((i) => i.name), ['Avocado 1pc', 'Bar soap 800g']);
    assert.deepEqual(list({ limit: 2, offset: 2 }).items.map((i) => i.name), ['Bread 400g', 'Cooking oil 1L']);
    assert.deepEqual(list({ query: 'JUICE' }).items.map((i) => i.code), ['KE2NTNO0000013']);
    assert.deepEqual(list({ query: '6161101234' }).items.map((i) => i.name), ['Mango juice 500ml']);
    assert.equal(list({ query: 'ke2ntno' }).total, 2);
    assert.equal(list({ query: '100%' }).total, 0);
    assert.deepEqual(list({ registration: 'refused' }).items.map((i) => i.name), ['Avocado 1pc']);
    assert.equal(list({ registration: 'accepted' }).total, 13);
  });
});

describe('importing a catalogue from CSV', () => {
  it('creates and updates items in one go, with quoted fields, CRLF and a BOM, and KRA accepts every new code in turn', async () => {
    const csv = [
      `\uFEFFcode,${CSV_HEADER}`,
      ',"Nails, 2"" (per kg)",6160000000011,"1,250.50",b,1000000000,1,CN,BG,KG',
      ',Phone repair,,500,B,1000000000,3,KE,OU,NO',
      'KE2BGNO0000002,Sugar 1kg (Mumias),6161100110024,170.00,B,1000000000,,,,',
    ].join('\r\n');
    const result = await importCsv(csv);
    assert.deepEqual(result, { imported: 3, created: 2, updated: 1, dryRun: false, errors: [], errorCount: 0 });
    assert.equal(queued, 1);
    const nails = itemOf('CN1BGKG0000013');
    assert.deepEqual([nails.name, nails.unitPrice, nails.taxClass, nails.barcode], ['Nails, 2" (per kg)', 125050, 'B', '6160000000011']);
    assert.equal(itemOf('KE3OUNO0000014').name, 'Phone repair');
    const sugar = itemOf('KE2BGNO0000002');
    assert.deepEqual([sugar.name, sugar.unitPrice, sugar.registration], ['Sugar 1kg (Mumias)', 17000, 'accepted']);

    await drain();
    const atKra = await kraItems();
    assert.equal(atKra.get('CN1BGKG0000013')?.itemNm, 'Nails, 2" (per kg)');
    assert.equal(atKra.get('KE2BGNO0000002')?.dftPrc, 170);
    assert.equal(list({ registration: 'accepted' }).total, 14);
  });

  it('reports every bad row with its column and the fix, and writes nothing', async () => {
    const csv = [
      CSV_HEADER,
      'Good item,,100,B,1000000000,2,KE,BG,NO',
      ',,100,B,1000000000,2,KE,BG,NO',
      'Cheap,,0,B,1000000000,2,KE,BG,NO',
      'Boxed,,abc,F,1000000000,2,KE,BX,NO',
      'Pieces,,10,B,1000000000,2,KE,BG,U',
      'Dup barcode,6161100110024,10,B,1000000000,2,KE,BG,NO',
      'Too,many,fields,here,1,2,3,4,5,6',
      'Class,,10,B,5016,4,KE,BG,NO',
    ].join('\n');
    const result = await importCsv(csv);
    assert.equal(result.imported, 0);
    assert.deepEqual(result.errors.map((e) => [e.row, e.field]), [
      [3, 'name'],
      [4, 'price'],
      [5, 'price'],
      [5, 'taxClass'],
      [6, 'quantityUnit'],
      [7, 'barcode'],
      [8, 'csv'],
      [9, 'itemClass'],
      [9, 'itemType'],
    ]);
    assert.equal(result.errorCount, 9);
    assert.match(result.errors.find((e) => e.row === 6)!.message, /use NO instead/);
    assert.match(result.errors.find((e) => e.row === 7)!.message, /Sugar 1kg/);
    assert.equal(allItems(ledger.db).length, 12);
    assert.equal(jobCount(), 0);
    assert.equal((await create()).code, 'KE2NTNO0000013', 'no number was used');
  });

  it('refuses duplicate codes and barcodes within the file, unknown codes, and changing what a code is made of', async () => {
    const csv = [
      `code,${CSV_HEADER}`,
      'KE2BGNO0000002,Sugar,,165,B,1000000000,,,,',
      'KE2BGNO0000002,Sugar again,,165,B,1000000000,,,,',
      'KE2BGNO0000099,Ghost,,165,B,1000000000,,,,',
      'KE2BGNO0000001,Maize flour,,185,C,50221200,2,KE,BG,KG',
      ',New A,6160000000028,10,B,1000000000,2,KE,BG,NO',
      ',New B,6160000000028,10,B,1000000000,2,KE,BG,NO',
    ].join('\n');
    const result = await importCsv(csv);
    assert.deepEqual(result.errors.map((e) => [e.row, e.field]), [[3, 'code'], [4, 'code'], [5, 'quantityUnit'], [7, 'barcode']]);
    assert.match(result.errors[2]!.message, /leave code empty to create a new item/);
    assert.equal(jobCount(), 0);
  });

  it('lets a file move a barcode from one item to another', async () => {
    const csv = [
      `code,${CSV_HEADER}`,
      'KE2BGNO0000001,Maize flour 2kg,6161100110024,185,C,50221200,,,,',
      'KE2BGNO0000002,Sugar 1kg,6169999999999,165,B,1000000000,,,,',
    ].join('\n');
    assert.equal((await importCsv(csv)).imported, 2);
    assert.equal(itemOf('KE2BGNO0000001').barcode, '6161100110024');
    assert.equal(itemOf('KE2BGNO0000002').barcode, '6169999999999');
  });

  it('checks a dry run as fully as an import and writes nothing', async () => {
    const result = await importCsv(`${CSV_HEADER}\nMango,,150,B,50202306,2,KE,NT,NO\n`, true);
    assert.deepEqual(result, { imported: 0, created: 1, updated: 0, dryRun: true, errors: [], errorCount: 0 });
    assert.equal(allItems(ledger.db).length, 12);
    assert.equal(queued, 0);
  });

  it('says what is wrong with the header: a missing column, an unknown one, no rows', async () => {
    const missing = await importCsv('name,price,colour\nMango,150,red\n');
    assert.deepEqual(missing.errors.map((e) => [e.row, e.field]).slice(0, 2), [[1, 'colour'], [1, 'taxClass']]);
    assert.match(missing.errors[0]!.message, /not one Mauzo reads/);
    assert.deepEqual((await importCsv(`${CSV_HEADER}\n`)).errors.map((e) => [e.row, e.field]), [[2, 'csv']]);
    assert.deepEqual((await importCsv(`${CSV_HEADER}\n"Mango,150\n`)).errors.map((e) => [e.row, e.field]), [[2, 'csv']]);
  });
});

describe('items through the app', () => {
  it('a manager creates an item, the job sender registers it with KRA, and a cashier sells it', async () => {
    // The till runs on the real clock, so KRA's must agree with it (earlier tests pinned it).
    await sim.admin.setClock(new Date());
    const app = startTestApp({ kra: { mode: 'demo', baseUrl: sim.directBase } });
    try {
      await app.ready;
      const managerToken = (await app.call('session.login', { pin: '9999' })).token;
      const item = await app.call('items.create', MANGO, managerToken);
      const registration = async () => (await app.call('items.list', { query: item.code }, managerToken)).items[0]?.registration;
      await waitFor('KRA to accept the item', async () => (await registration()) === 'accepted');
      const cashierToken = (await app.call('session.login', { pin: '1234' })).token;
      const sale = await app.call('sale.complete', { lines: [{ itemCode: item.code, quantity: 100 }], tenders: [{ kind: 'cash', amount: 15000 }] }, cashierToken);
      assert.equal(sale.total, 15000);
      const refused = await app.dispatch('items.update', { code: item.code, packagingUnit: 'CT' }, managerToken);
      assert.deepEqual(refused.ok ? null : [refused.error.code, refused.error.field], ['ITEM_FIELD_FIXED', 'packagingUnit']);
    } finally {
      await app.dispose();
    }
  });
});
