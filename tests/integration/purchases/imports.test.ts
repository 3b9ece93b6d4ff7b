import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { launchSimulator, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { moveWatermark } from '../../../src-main/ledger/master-data';
import { items, stockMoves } from '../../../src-main/ledger/schema';
import { importHandlers } from '../../../src-main/purchases/imports';
import { openTill, type Till } from './harness';

const SOAP = 'KE2BRNO0000006';
const LINE = { taskCode: '20240301000001', declarationDate: '01032024', itemSeq: 1 };

let sim: SimulatorProcess;
let till: Till;
let handlers: ReturnType<typeof importHandlers>;

before(async () => {
  sim = await launchSimulator({ seed: 'imports' });
});
after(() => sim.stop());

beforeEach(async () => {
  till = await openTill(sim);
  handlers = importHandlers(till.deps);
  await sim.admin.setConfig({ strict: true });
  await till.registerAtKra();
});
afterEach(() => till.close());

/** What KRA itself now holds for the demo taxpayer's declaration line. */
async function statusAtKra(): Promise<string | null> {
  const answer = await till.device.client.selectImportItemList({ lastReqDt: '20180101000000' });
  assert.ok(answer.ok, JSON.stringify(answer));
  return answer.data.itemList.find((i) => i.taskCd === LINE.taskCode)?.imptItemsttsCd ?? null;
}

const stockOfSoap = () => till.ledger.db.select({ stock: items.stock, kraStock: items.kraStock }).from(items).where(eq(items.code, SOAP)).get()!;

describe('customs imports', () => {
  it('fetches the declaration lines waiting for the store, once', async () => {
    assert.deepEqual(await handlers['imports.fetch']({}, till.ctx), { listed: 1, added: 1 });
    assert.deepEqual(await handlers['imports.fetch']({}, till.ctx), { listed: 0, added: 0 });
    assert.deepEqual(till.device.sentSince('selectImportItemList'), ['20180101000000', '20261124120000']);
    const [line] = await handlers['imports.list']({}, till.ctx);
    assert.deepEqual(
      [line?.taskCode, line?.declarationDate, line?.itemSeq, line?.state, line?.name, line?.quantity, line?.invoiceAmount, line?.invoiceCurrency, line?.kra],
      [LINE.taskCode, '01032024', 1, 'waiting', 'Mobile phones, feature phones', 10000, 150000, 'USD', null],
    );
  });

  it('approves a line as one of our items: KRA stores status 3, and the goods come in as an import (01)', async () => {
    await handlers['imports.fetch']({}, till.ctx);
    const decided = await handlers['imports.decide']({ ...LINE, decision: 'approve', itemCode: SOAP }, till.ctx);
    assert.deepEqual([decided.state, decided.itemCode, decided.kra?.state], ['approved', SOAP, 'waiting']);
    assert.equal(stockOfSoap().stock, 10000);
    await till.drain();

    assert.equal(await statusAtKra(), '3');
    const [body] = till.sent('updateImportItem');
    assert.deepEqual(
      [body?.taskCd, body?.dclDe, body?.itemSeq, body?.hsCd, body?.itemCd, body?.itemClsCd, body?.imptItemSttsCd, body?.modrId],
      [LINE.taskCode, '01032024', 1, '85171300', SOAP, '1000000000', '3', String(till.manager.id)],
    );
    assert.ok(typeof body?.remark === 'string' && body.remark.length > 0, 'an approval carries a remark (the gateway answers 999 without one)');
    const [line] = await handlers['imports.list']({}, till.ctx);
    assert.deepEqual(line?.kra, { state: 'accepted', number: null, error: null });
    const moves = till.ledger.db.select().from(stockMoves).all();
    assert.deepEqual(moves.map((m) => [m.itemCode, m.quantity, m.ioType]), [[SOAP, 10000, '01']]);
    assert.deepEqual(stockOfSoap(), { stock: 10000, kraStock: 10000 });
  });

  it('cancels a line: KRA stores status 4 and the shelf is untouched', async () => {
    await handlers['imports.fetch']({}, till.ctx);
    const decided = await handlers['imports.decide']({ ...LINE, decision: 'cancel', itemCode: SOAP, remark: 'not ours' }, till.ctx);
    assert.equal(decided.state, 'cancelled');
    await till.drain();
    assert.equal(await statusAtKra(), '4');
    assert.equal(till.sent('updateImportItem')[0]?.remark, 'not ours');
    assert.deepEqual(stockOfSoap(), { stock: 0, kraStock: 0 });
    assert.equal(till.ledger.db.select().from(stockMoves).all().length, 0);
  });

  it("keeps the decision when KRA's list still shows the line waiting", async () => {
    await handlers['imports.fetch']({}, till.ctx);
    await handlers['imports.decide']({ ...LINE, decision: 'cancel', itemCode: SOAP }, till.ctx);
    moveWatermark(till.ledger.db, { environment: 'demo', tin: till.device.tin, branchId: till.device.branchId }, 'imports', '20180101000000', till.clock.now().toISOString());
    assert.deepEqual(await handlers['imports.fetch']({}, till.ctx), { listed: 1, added: 0 });
    const [line] = await handlers['imports.list']({}, till.ctx);
    assert.equal(line?.state, 'cancelled');
  });

  it('decides a line once, and names what is wrong', async () => {
    await handlers['imports.fetch']({}, till.ctx);
    await assert.rejects(async () => handlers['imports.decide']({ ...LINE, itemSeq: 2, decision: 'approve', itemCode: SOAP }, till.ctx), {
      code: 'IMPORT_NOT_FOUND',
      field: 'taskCode',
    });
    await assert.rejects(async () => handlers['imports.decide']({ ...LINE, decision: 'approve', itemCode: 'KE2BRNO9999999' }, till.ctx), {
      code: 'ITEM_NOT_FOUND',
      field: 'itemCode',
    });
    assert.equal(till.jobs().length, 0);
    await handlers['imports.decide']({ ...LINE, decision: 'approve', itemCode: SOAP }, till.ctx);
    await assert.rejects(async () => handlers['imports.decide']({ ...LINE, decision: 'cancel', itemCode: SOAP }, till.ctx), { code: 'IMPORT_DECIDED' });
    assert.equal(till.jobs().filter((job) => job.endpoint === 'updateImportItem').length, 1);
  });
});
