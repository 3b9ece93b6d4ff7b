import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { launchSimulator, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { moveWatermark } from '../../../src-main/ledger/master-data';
import { auditLog, items, purchases, stockMoves } from '../../../src-main/ledger/schema';
import { purchaseHandlers } from '../../../src-main/purchases/purchases';
import { DEMO_SUPPLIER } from '../../../src-shared/etims/demo';
import { DEFAULT_TAX_RATES } from '../../../src-shared/tax';
import { openTill, type Till } from './harness';

const MAIZE = 'KE2BGNO0000001';
const SUGAR = 'KE2BGNO0000002';
const MILK = 'KE2BQNO0000003';
const OIL = 'KE2BQNO0000004';
const PARAFFIN = 'KE2JYNO0000009';

let sim: SimulatorProcess;
let till: Till;
let handlers: ReturnType<typeof purchaseHandlers>;

before(async () => {
  sim = await launchSimulator({ seed: 'purchases' });
});
after(() => sim.stop());

beforeEach(async () => {
  till = await openTill(sim);
  handlers = purchaseHandlers(till.deps);
});
afterEach(() => till.close());

const received = async () => {
  await handlers['purchases.fetch']({}, till.ctx);
  const list = await handlers['purchases.list']({}, till.ctx);
  const invoice = (no: number) => list.find((p) => p.supplier.invoiceNo === no)!;
  return { list, invoice501: invoice(501), invoice502: invoice(502) };
};

const confirm501 = (purchaseId: number) =>
  handlers['purchases.confirm'](
    { purchaseId, lines: [{ itemSeq: 1, itemCode: SUGAR }, { itemSeq: 2, itemCode: MAIZE }] },
    till.ctx,
  );
const confirm502 = (purchaseId: number) =>
  handlers['purchases.confirm'](
    { purchaseId, lines: [{ itemSeq: 3, itemCode: MILK }, { itemSeq: 1, itemCode: OIL }, { itemSeq: 2, itemCode: PARAFFIN }] },
    till.ctx,
  );

const stockOf = (code: string) => till.ledger.db.select({ stock: items.stock, kraStock: items.kraStock }).from(items).where(eq(items.code, code)).get()!;

describe('fetching supplier sales', () => {
  it("keeps the sales suppliers declared to the store, as received, with the supplier's figures", async () => {
    const fetched = await handlers['purchases.fetch']({}, till.ctx);
    assert.deepEqual(fetched, { listed: 2, added: 2 });
    const list = await handlers['purchases.list']({}, till.ctx);
    assert.deepEqual(
      list.map((p) => [p.supplier.tin, p.supplier.invoiceNo, p.state, p.kind, p.kra]),
      [
        [DEMO_SUPPLIER.tin, 501, 'received', 'sale', null],
        [DEMO_SUPPLIER.tin, 502, 'received', 'sale', null],
      ],
    );
    const [first] = list;
    assert.equal(first?.supplier.sdcId, 'KRACU0100000501');
    assert.equal(first?.salesDate, '20231220');
    assert.equal(first?.paymentType, '02');
    assert.deepEqual(first?.lines[0], {
      itemSeq: 1, supplierItemCode: 'KE2BGNO0000101', name: 'Sugar 1kg (bale of 20)', quantity: 5000, quantityUnit: 'NO',
      unitPrice: 14000, total: 700000, taxClass: 'B', itemCode: null,
    });
    assert.equal(first?.total, 700000 + 640000);
  });

  it('asks KRA only for what is new: the second fetch sends the first answer\'s time and adds nothing', async () => {
    await handlers['purchases.fetch']({}, till.ctx);
    assert.deepEqual(await handlers['purchases.fetch']({}, till.ctx), { listed: 0, added: 0 });
    assert.deepEqual(till.device.sentSince('selectTrnsPurchaseSalesList'), ['20180101000000', '20261124120000']);
    assert.equal((await handlers['purchases.list']({}, till.ctx)).length, 2);
  });

  it('keeps one purchase per supplier invoice when KRA lists it again', async () => {
    await handlers['purchases.fetch']({}, till.ctx);
    const key = { environment: 'demo' as const, tin: till.device.tin, branchId: till.device.branchId };
    moveWatermark(till.ledger.db, key, 'purchases', '20180101000000', till.clock.now().toISOString());
    assert.deepEqual(await handlers['purchases.fetch']({}, till.ctx), { listed: 2, added: 0 });
    assert.equal(till.ledger.db.select().from(purchases).all().length, 2);
  });

  it('says KRA is unreachable, and keeps the watermark, when KRA is down', async () => {
    await sim.admin.addFault({ kind: 'down' });
    await assert.rejects(async () => handlers['purchases.fetch']({}, till.ctx), { code: 'KRA_UNREACHABLE' });
    await sim.admin.clearFaults();
    await handlers['purchases.fetch']({}, till.ctx);
    assert.deepEqual(till.device.sentSince('selectTrnsPurchaseSalesList').at(-1), '20180101000000');
  });

  it('needs a KRA device', async () => {
    const offline = purchaseHandlers({ ...till.deps, link: () => null });
    await assert.rejects(async () => offline['purchases.fetch']({}, till.ctx), { code: 'DEVICE_NOT_INITIALISED' });
  });
});

describe('confirming a purchase (strict profile)', () => {
  beforeEach(async () => {
    await sim.admin.setConfig({ strict: true });
  });

  it('sends each confirmation under the purchase sequence, 1 then 2, and KRA accepts both', async () => {
    await till.registerAtKra();
    const { invoice501, invoice502 } = await received();
    await confirm501(invoice501.purchaseId);
    await confirm502(invoice502.purchaseId);
    await till.drain();

    const list = await handlers['purchases.list']({ state: 'confirmed' }, till.ctx);
    assert.deepEqual(
      list.map((p) => [p.supplier.invoiceNo, p.kra]),
      [
        [501, { state: 'accepted', number: 1, error: null }],
        [502, { state: 'accepted', number: 2, error: null }],
      ],
    );
    assert.deepEqual(list[1]?.lines.map((l) => l.itemCode), [OIL, PARAFFIN, MILK]);
    const sent = till.sent('insertTrnsPurchase');
    assert.deepEqual(sent.map((b) => [b.invcNo, b.spplrInvcNo]), [[1, 501], [2, 502]]);
    const audit = till.ledger.db.select().from(auditLog).where(eq(auditLog.action, 'purchase.acceptedByKra')).all();
    assert.deepEqual(audit.map((a) => (a.detail as { invcNo: number }).invcNo), [1, 2]);
  });

  it("declares the supplier's sale as an automatic, approved purchase of our own items", async () => {
    await till.registerAtKra();
    const { invoice501 } = await received();
    await confirm501(invoice501.purchaseId);
    await till.drain();
    const [body] = till.sent('insertTrnsPurchase');
    assert.ok(body);
    assert.deepEqual(
      [body.regTyCd, body.pchsTyCd, body.rcptTyCd, body.pchsSttsCd, body.pmtTyCd, body.orgInvcNo, body.pchsDt, body.spplrTin, body.spplrBhfId],
      ['A', 'N', 'P', '02', '02', 0, '20231220', DEMO_SUPPLIER.tin, '00'],
    );
    assert.deepEqual([body.totAmt, body.taxblAmtB, body.taxAmtB, body.taxblAmtC, body.regrId, body.modrNm], [13400, 6034.48, 965.52, 6400, String(till.manager.id), 'Otieno']);
    const [sugar] = body.itemList as Record<string, unknown>[];
    assert.deepEqual(
      [sugar?.itemCd, sugar?.itemNm, sugar?.spplrItemCd, sugar?.spplrItemNm, sugar?.qty, sugar?.prc, sugar?.totAmt, sugar?.taxTyCd],
      [SUGAR, 'Sugar 1kg', 'KE2BGNO0000101', 'Sugar 1kg (bale of 20)', 50, 140, 7000, 'B'],
    );
  });

  it("rebuilds the lines from prc x qty when KRA's seeded supplier sale puts the net amount in splyAmt, and KRA accepts them", async () => {
    await till.registerAtKra();
    const { invoice501 } = await received();
    const listed = JSON.parse(till.device.exchanges.find((e) => e.endpoint.endsWith('selectTrnsPurchaseSalesList'))!.response!) as {
      data: { saleList: { spplrInvcNo: string; itemList: Record<string, number>[] }[] };
    };
    const declared = listed.data.saleList.find((s) => Number(s.spplrInvcNo) === 501)!.itemList[0]!;
    assert.deepEqual([declared.prc, declared.qty, declared.splyAmt, declared.taxblAmt, declared.totAmt], [140, 50, 6034.48, 6034.48, 7000], 'the supplier declared net splyAmt');
    await confirm501(invoice501.purchaseId);
    await till.drain();
    const [body] = till.sent('insertTrnsPurchase');
    const [sugar, maize] = body!.itemList as Record<string, number>[];
    assert.deepEqual([sugar!.splyAmt, sugar!.dcAmt, sugar!.taxblAmt, sugar!.taxAmt, sugar!.totAmt], [7000, 0, 6034.48, 965.52, 7000]);
    assert.deepEqual([maize!.splyAmt, maize!.taxblAmt, maize!.taxAmt, maize!.totAmt], [6400, 6400, 0, 6400]);
    assert.deepEqual([body!.taxblAmtB, body!.taxAmtB, body!.taxRtB, body!.totTaxblAmt, body!.totTaxAmt, body!.totAmt], [6034.48, 965.52, 16, 12434.48, 965.52, 13400]);
    const [accepted] = await handlers['purchases.list']({ state: 'confirmed' }, till.ctx);
    assert.deepEqual(accepted?.kra, { state: 'accepted', number: 1, error: null });
  });

  it('puts the goods on the shelf as a purchase (stock IO 02) that KRA accepts', async () => {
    await till.registerAtKra();
    const before = stockOf(SUGAR).stock;
    const { invoice501 } = await received();
    await confirm501(invoice501.purchaseId);
    assert.equal(stockOf(SUGAR).stock, before + 5000);
    assert.equal(stockOf(MAIZE).stock, 4000);
    await till.drain();
    assert.deepEqual(stockOf(SUGAR), { stock: before + 5000, kraStock: 5000 });
    const moves = till.ledger.db.select().from(stockMoves).where(eq(stockMoves.purchaseId, invoice501.purchaseId)).all();
    assert.deepEqual(moves.map((m) => [m.itemCode, m.quantity, m.ioType]), [[SUGAR, 5000, '02'], [MAIZE, 4000, '02']]);
    const [io] = till.sent('insertStockIO');
    assert.deepEqual([io?.sarTyCd, io?.custTin, io?.totAmt], ['02', DEMO_SUPPLIER.tin, 13400]);
    assert.ok(till.jobs().every((job) => job.state === 'done'), JSON.stringify(till.jobs().map((j) => [j.endpoint, j.state, j.lastError])));
  });

  it("parks a purchase KRA refuses, with KRA's words, and gives its number to the next one", async () => {
    const { invoice501, invoice502 } = await received();
    await confirm501(invoice501.purchaseId);
    await till.drain();
    const [refused] = await handlers['purchases.list']({ state: 'confirmed' }, till.ctx);
    assert.equal(refused?.kra?.state, 'refused');
    assert.equal(refused?.kra?.number, null);
    assert.match(refused?.kra?.error ?? '', /Item KE2BGNO0000002 provided on item: 1\. does not exist in your inventory/);
    const audit = till.ledger.db.select().from(auditLog).where(eq(auditLog.action, 'purchase.refusedByKra')).all();
    assert.equal(audit.length, 1);

    await till.registerAtKra();
    await confirm502(invoice502.purchaseId);
    await till.drain();
    const accepted = (await handlers['purchases.list']({}, till.ctx)).find((p) => p.purchaseId === invoice502.purchaseId);
    assert.deepEqual(accepted?.kra, { state: 'accepted', number: 1, error: null });
  });
});

describe('what a manager may not confirm', () => {
  const noTrace = (purchaseId: number) => {
    assert.equal(till.jobs().length, 0);
    assert.equal(till.ledger.db.select().from(stockMoves).all().length, 0);
    assert.equal(till.ledger.db.select().from(purchases).where(eq(purchases.id, purchaseId)).get()?.state, 'received');
  };

  it('names the field and writes nothing when the mapping is wrong', async () => {
    const { invoice501 } = await received();
    const id = invoice501.purchaseId;
    const cases: [{ itemSeq: number; itemCode: string }[], Record<string, string>][] = [
      [[{ itemSeq: 1, itemCode: SUGAR }], { code: 'INVALID_INPUT', field: 'lines' }],
      [[{ itemSeq: 1, itemCode: SUGAR }, { itemSeq: 3, itemCode: MAIZE }], { code: 'INVALID_INPUT', field: 'lines.1.itemSeq' }],
      [[{ itemSeq: 1, itemCode: SUGAR }, { itemSeq: 1, itemCode: MAIZE }], { code: 'INVALID_INPUT', field: 'lines.1.itemSeq' }],
      [[{ itemSeq: 1, itemCode: SUGAR }, { itemSeq: 2, itemCode: 'KE2BGNO9999999' }], { code: 'ITEM_NOT_FOUND', field: 'lines.1.itemCode' }],
    ];
    for (const [lines, error] of cases) {
      await assert.rejects(async () => handlers['purchases.confirm']({ purchaseId: id, lines }, till.ctx), error);
    }
    noTrace(id);
  });

  it('refuses an item KRA has not registered yet', async () => {
    const { invoice501 } = await received();
    till.ledger.db.update(items).set({ registered: false }).where(eq(items.code, MAIZE)).run();
    await assert.rejects(async () => confirm501(invoice501.purchaseId), { code: 'ITEM_NOT_REGISTERED', field: 'lines.1.itemCode' });
    noTrace(invoice501.purchaseId);
  });

  it('refuses a supplier line in a class this environment has no rate for, naming the line, and writes nothing', async () => {
    const { invoice502 } = await received();
    const { E: _dropped, ...withoutE } = DEFAULT_TAX_RATES;
    const noE = purchaseHandlers({ ...till.deps, taxRates: () => withoutE });
    await assert.rejects(async () => noE['purchases.confirm']({ purchaseId: invoice502.purchaseId, lines: [{ itemSeq: 1, itemCode: OIL }, { itemSeq: 2, itemCode: PARAFFIN }, { itemSeq: 3, itemCode: MILK }] }, till.ctx), {
      code: 'TAX_CLASS_NOT_LISTED',
      field: 'lines.1.itemSeq',
    });
    noTrace(invoice502.purchaseId);
  });

  it('refuses a purchase that does not exist', async () => {
    await assert.rejects(async () => confirm501(999), { code: 'PURCHASE_NOT_FOUND', field: 'purchaseId' });
  });

  it('decides a purchase once: confirmed or rejected, never both', async () => {
    const { invoice501, invoice502 } = await received();
    await confirm501(invoice501.purchaseId);
    await assert.rejects(async () => confirm501(invoice501.purchaseId), { code: 'PURCHASE_DECIDED' });
    await assert.rejects(async () => handlers['purchases.reject']({ purchaseId: invoice501.purchaseId, reason: 'wrong goods' }, till.ctx), {
      code: 'PURCHASE_DECIDED',
    });

    const rejected = await handlers['purchases.reject']({ purchaseId: invoice502.purchaseId, reason: 'never delivered' }, till.ctx);
    assert.deepEqual([rejected.state, rejected.kra], ['rejected', null]);
    await assert.rejects(async () => confirm502(invoice502.purchaseId), { code: 'PURCHASE_DECIDED' });
    assert.equal(till.jobs().filter((job) => job.endpoint === 'insertTrnsPurchase').length, 1);
  });
});
