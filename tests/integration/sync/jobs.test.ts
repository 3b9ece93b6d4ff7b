// The sender of KRA requests other than sales, against the simulator as the gateway checks them:
// sequence numbers kept across a lost answer, refusals parked for a manager and re-driven.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { launchSimulator, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { jobById, queueJob } from '../../../src-main/ledger/kra-jobs';
import { outbox } from '../../../src-main/ledger/schema';
import { KraContact } from '../../../src-main/sync/contact';
import { syncHandlers } from '../../../src-main/sync/handlers';
import { JobWorker } from '../../../src-main/sync/jobs';
import type { SyncStatus } from '../../../src-shared/api';
import type { ItemRequest, StockIoRequest } from '../../../src-shared/etims/wire';
import type { TestClock } from '../../support/clock';
import { sellSugar, type TestLedger } from '../../support/ledger';
import { freshTill, type TestDevice } from '../catalog/device';

const AUDIT = { regrId: 'mauzo', regrNm: 'Mauzo', modrId: 'mauzo', modrNm: 'Mauzo' };
const FLOUR = 'KE2BGNO0000001';

function flourItem(): ItemRequest {
  return {
    itemCd: FLOUR, itemClsCd: '9901100000', itemTyCd: '2', itemNm: 'Maize flour 2kg', itemStdNm: null, orgnNatCd: 'KE',
    pkgUnitCd: 'BG', qtyUnitCd: 'NO', taxTyCd: 'C', btchNo: null, bcd: null, dftPrc: 185, isrcAplcbYn: 'N', useYn: 'Y', ...AUDIT,
  };
}

/** Ten bags of maize flour in (zero-rated), as an opening-stock adjustment, without its sarNo (the sender gives it). */
function flourIn(): Omit<StockIoRequest, 'sarNo'> {
  const amounts = { prc: 185, splyAmt: 1850, totDcAmt: 0, taxblAmt: 1850, taxTyCd: 'C', taxAmt: 0, totAmt: 1850 };
  return {
    orgSarNo: 0, regTyCd: 'M', custTin: null, custNm: null, custBhfId: null, sarTyCd: '06', ocrnDt: '20261124',
    totItemCnt: 1, totTaxblAmt: 1850, totTaxAmt: 0, totAmt: 1850, remark: null, ...AUDIT,
    itemList: [{ itemSeq: 1, itemCd: FLOUR, itemClsCd: '9901100000', itemNm: 'Maize flour 2kg', bcd: null, pkgUnitCd: 'BG', pkg: 10, qtyUnitCd: 'NO', qty: 10, itemExprDt: null, ...amounts }],
  };
}

let sim: SimulatorProcess;
let clock: TestClock;
let ledger: TestLedger;
let device: TestDevice;
let worker: JobWorker;

before(async () => {
  sim = await launchSimulator({ profile: 'gateway', seed: 'kra-jobs' });
});
after(() => sim.stop());

beforeEach(async () => {
  ({ clock, ledger, device } = await freshTill(sim));
  worker = new JobWorker({ db: ledger.db, clock, client: device.client, contact: new KraContact(ledger.db, clock), effects: {} });
});
afterEach(() => ledger.close());

const drain = async () => {
  for (let i = 0; i < 20 && (await worker.step()) !== 'idle'; i++);
};
const queue = (endpoint: 'saveItem' | 'insertStockIO', payload: object, numbering?: 'sar') =>
  queueJob(ledger.db, { endpoint, subject: FLOUR, payload: { ...payload }, ...(numbering ? { numbering } : {}) }, clock.now());
const sarNosAtKra = () => device.exchanges.filter((e) => e.endpoint.endsWith('insertStockIO')).map((e) => (JSON.parse(e.request) as { sarNo: number }).sarNo);

describe('the KRA jobs sender', () => {
  it('after a lost answer resends under the same sarNo and takes "expected the next" as accepted', async () => {
    queue('saveItem', flourItem());
    const io = queue('insertStockIO', flourIn(), 'sar');
    await sim.admin.addFault({ kind: 'lostResponse', endpoints: ['insertStockIO'], count: 1 });
    await drain();
    assert.deepEqual(sarNosAtKra(), [1, 1], 'sent twice under sarNo 1');
    assert.equal(jobById(ledger.db, io)!.state, 'done');
    const second = queue('insertStockIO', flourIn(), 'sar');
    await drain();
    assert.equal(jobById(ledger.db, second)!.number, 2, 'KRA holds sarNo 1 once; the next movement is 2');
    assert.deepEqual(sarNosAtKra(), [1, 1, 2]);
  });

  it('parks a refusal with KRA\'s words, gives its number back, and sends it again when a manager re-drives it', async () => {
    const io = queue('insertStockIO', flourIn(), 'sar');
    await drain();
    const status = (): SyncStatus => {
      throw new Error('not asked for here');
    };
    let redriven = 0;
    const handlers = syncHandlers({ db: ledger.db, clock, status, onRedriven: () => (redriven += 1), resync: () => Promise.reject(new Error('not asked for here')) });
    const [parked] = await handlers['sync.parkedJobs'](undefined as never, undefined as never);
    assert.equal(parked?.jobId, io);
    assert.match(parked?.reason ?? '', /does not exist in your inventory/);
    assert.equal(jobById(ledger.db, io)!.number, null, 'its sarNo goes to whatever is sent next');

    await device.client.saveItem(flourItem());
    assert.deepEqual(await handlers['sync.redriveJob']({ jobId: io }, undefined as never), { jobId: io });
    assert.equal(redriven, 1);
    await drain();
    assert.equal(jobById(ledger.db, io)!.state, 'done');
    assert.deepEqual(sarNosAtKra(), [1, 1], 'refused as 1, accepted as 1');
    await assert.rejects(async () => handlers['sync.redriveJob']({ jobId: io }, undefined as never), { code: 'JOB_NOT_PARKED', field: 'jobId' });
  });

  it('holds a job tied to a sale until KRA has signed that sale', async () => {
    const { saleId } = sellSugar(ledger, clock);
    const waiting = queueJob(ledger.db, { endpoint: 'saveItem', subject: FLOUR, payload: { ...flourItem() }, afterSaleId: saleId }, clock.now());
    assert.equal(await worker.step(), 'idle', 'nothing may go while the sale is unsigned');
    ledger.db.update(outbox).set({ state: 'signed' }).where(eq(outbox.saleId, saleId)).run();
    await drain();
    assert.equal(jobById(ledger.db, waiting)!.state, 'done');
  });
});
