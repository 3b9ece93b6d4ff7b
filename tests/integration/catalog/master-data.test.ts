import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { MasterDataSync, masterDataHandlers, taxRatesFromLedger, type MasterDataLink } from '../../../src-main/catalog/master-data';
import { launchSimulator, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { countOf, watermarkOf } from '../../../src-main/ledger/master-data';
import type { LedgerDb } from '../../../src-main/ledger/open';
import type { EventMap } from '../../../src-shared/api';
import { toKraDateTime } from '../../../src-shared/etims/time';
import type { TestClock } from '../../support/clock';
import type { TestLedger } from '../../support/ledger';
import { freshTill, type TestDevice } from './device';

const HOUR = 60 * 60 * 1000;
const ctx = { session: null };

let sim: SimulatorProcess;
let ledger: TestLedger;
let db: LedgerDb;
let clock: TestClock;
let device: TestDevice;
let link: MasterDataLink;
let progress: EventMap['masterData.progress'][];

function masterData(chunkSize?: number) {
  const sync = new MasterDataSync({ db, clock, link: () => link, emit: (_event, payload) => progress.push(payload), ...(chunkSize ? { chunkSize } : {}) });
  return { sync, handlers: masterDataHandlers({ db, link: () => link, sync }) };
}

const mark = (list: 'codes' | 'itemClasses' | 'notices' | 'branches') =>
  watermarkOf(db, { environment: 'demo', tin: device.tin, branchId: device.branchId }, list)?.lastReqDt;

before(async () => {
  sim = await launchSimulator({ seed: 'catalog-master-data' });
});
after(() => sim.stop());

beforeEach(async () => {
  ({ clock, ledger, device } = await freshTill(sim));
  db = ledger.db;
  link = { client: device.client, environment: 'demo', tin: device.tin, branchId: device.branchId };
  progress = [];
});
afterEach(() => ledger.close());

describe('KRA master data sync', () => {
  it('pulls every list in full from 2018 on the first sync and keeps KRA resultDt as each watermark', async () => {
    const { sync } = masterData();
    const results = await sync.sync();
    assert.deepEqual(results?.map((r) => [r.list, r.outcome]), [['codes', 'updated'], ['itemClasses', 'updated'], ['notices', 'updated'], ['branches', 'updated']]);
    for (const endpoint of ['selectCodeList', 'selectItemClsList', 'selectNoticeList', 'selectBhfList']) {
      assert.deepEqual(device.sentSince(endpoint), ['20180101000000'], endpoint);
    }
    const kraNow = toKraDateTime(await sim.admin.now());
    for (const list of ['codes', 'itemClasses', 'notices', 'branches'] as const) assert.equal(mark(list), kraNow, list);
    assert.equal(countOf(db, 'itemClasses'), results?.find((r) => r.list === 'itemClasses')?.received);
    assert.equal(countOf(db, 'notices'), 2);
    assert.equal(countOf(db, 'branches'), 2);
  });

  it('asks only for what changed after the watermark and stores just that', async () => {
    const { sync } = masterData();
    await sync.sync();
    const firstMark = mark('branches');
    await sim.admin.advanceClock(HOUR);
    await sim.admin.registerDevice(device.tin, '02', 'MAUZO-CATALOG-0002');
    await sim.admin.setConfig({ taxRates: { A: 0, B: 16, C: 0, D: 0, E: 0 } });

    const results = await sync.sync();
    assert.deepEqual(results?.map((r) => [r.list, r.outcome]), [['codes', 'updated'], ['itemClasses', 'unchanged'], ['notices', 'unchanged'], ['branches', 'updated']]);
    assert.equal(results?.[3]?.received, 1, 'only the new branch came back');
    assert.deepEqual(device.sentSince('selectBhfList'), ['20180101000000', firstMark]);
    assert.equal(countOf(db, 'branches'), 3);
    assert.equal(taxRatesFromLedger(db)?.E, 0, 'the new rate of class E came with the changed code list');
  });

  it('moves the watermark to KRA time on 001 (nothing new) without touching the stored lists', async () => {
    const { sync } = masterData();
    await sync.sync();
    const notices = countOf(db, 'notices');
    await sim.admin.advanceClock(10 * 60 * 1000);
    const results = await sync.sync();
    assert.ok(results?.every((r) => r.outcome === 'unchanged' && r.error === null));
    const kraNow = toKraDateTime(await sim.admin.now());
    for (const list of ['codes', 'itemClasses', 'notices', 'branches'] as const) assert.equal(mark(list), kraNow, list);
    assert.equal(countOf(db, 'notices'), notices);
  });

  it('reports KRA unreachable and leaves every watermark where it was', async () => {
    const { sync } = masterData();
    await sync.sync(['notices']);
    const before = mark('notices');
    await sim.admin.advanceClock(HOUR);
    await sim.admin.addFault({ kind: 'down' });
    const results = await sync.sync();
    assert.equal(results?.length, 4);
    for (const result of results ?? []) {
      assert.equal(result.outcome, 'failed', result.list);
      assert.ok(result.error?.message, `${result.list} says why`);
    }
    assert.equal(mark('notices'), before);
    assert.equal(mark('codes'), undefined);
    assert.equal(countOf(db, 'codes'), 0);

    await sim.admin.clearFaults();
    const again = await sync.sync(['codes']);
    assert.equal(again?.[0]?.outcome, 'updated', 'the next pull starts again from where the last good one ended');
  });

  it('reports progress while storing the item classes, chunk by chunk, up to the total', async () => {
    const { sync } = masterData(10);
    const results = await sync.sync(['itemClasses']);
    const total = results?.[0]?.received ?? 0;
    assert.ok(total > 20);
    const steps = progress.filter((p) => p.list === 'itemClasses');
    assert.deepEqual(steps[0], { list: 'itemClasses', done: 0 });
    const expected = [];
    for (let done = 10; done < total; done += 10) expected.push({ list: 'itemClasses', done, total });
    expected.push({ list: 'itemClasses', done: total, total });
    assert.deepEqual(steps.slice(1), expected);
  });

  it('gives the till the tax rates of the synced code list, and none before the first pull', async () => {
    assert.equal(taxRatesFromLedger(db), null);
    await sim.admin.setConfig({ taxRates: { A: 0, B: 16, C: 0, D: 0, E: 0 } });
    await masterData().sync.sync(['codes']);
    assert.deepEqual(taxRatesFromLedger(db), { A: 0, B: 1600, C: 0, D: 0, E: 0 });
  });

  it('drops the rate of a class KRA no longer lists, rather than keep the old one', async () => {
    const { sync } = masterData();
    await sync.sync(['codes']);
    assert.equal(taxRatesFromLedger(db)?.E, 800);
    await sim.admin.advanceClock(HOUR);
    await sim.admin.setConfig({ taxRates: { E: null } });
    await sync.sync(['codes']);
    assert.deepEqual(taxRatesFromLedger(db), { A: 0, B: 1600, C: 0, D: 0 });
    assert.equal(countOf(db, 'codes') > 0, true, 'the other lists are kept');
  });

  it('serves code lists and notices to the till screens, from KRA once synced', async () => {
    const { handlers } = masterData();
    const builtIn = await handlers['codes.list']({ cdCls: '24' }, ctx);
    assert.equal(builtIn.source, 'builtIn');
    const builtInTax = await handlers['codes.list']({ cdCls: '04' }, ctx);
    assert.equal(builtInTax.codes.find((c) => c.code === 'B')?.userDefined1, '16', 'tax types carry their rate even before a sync');
    await handlers['masterData.sync']({}, ctx);
    const synced = await handlers['codes.list']({ cdCls: '24' }, ctx);
    assert.equal(synced.source, 'kra');
    assert.deepEqual(synced.codes.map((c) => c.code), ['1', '2', '3']);
    const notices = await handlers['notices.list']({}, ctx);
    assert.deepEqual(notices.map((n) => n.noticeNo), [2, 1]);
    const status = await handlers['masterData.status']({}, ctx);
    assert.deepEqual(status.map((s) => [s.list, s.count > 0, s.lastReqDt !== null]), [
      ['codes', true, true], ['itemClasses', true, true], ['notices', true, true], ['branches', true, true],
    ]);
  });

  it('refuses a sync while the till has no KRA device', async () => {
    const sync = new MasterDataSync({ db, clock, link: () => null, emit: () => undefined });
    const handlers = masterDataHandlers({ db, link: () => null, sync });
    await assert.rejects(async () => handlers['masterData.sync']({}, ctx), { code: 'DEVICE_NOT_INITIALISED' });
  });
});
