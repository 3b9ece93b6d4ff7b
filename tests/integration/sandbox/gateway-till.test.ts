/**
 * A whole till on the gateway path of a strict simulator that behaves as KRA's live sandbox did
 * (spec 13): the buyer-PIN lookup, the gateway's own "Please try again" faults, supplier sales
 * seeded with net splyAmt, and tax rates that come only from the environment's code list.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { launchSimulator, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { openLedger } from '../../../src-main/ledger/open';
import { auditLog } from '../../../src-main/ledger/schema';
import { projectPaths } from '../../../src-main/paths';
import { DEMO_PARTNERS, DEMO_TAXPAYER } from '../../../src-shared/etims/demo';
import { startTestApp, type TestApp } from '../../support/app';
import { TestClock } from '../../support/clock';
import { waitFor } from '../../support/wait';

const ACME = DEMO_PARTNERS[0]!;
const CHARGING = 'KE3OUNO0000012';

let sim: SimulatorProcess;
let app: TestApp;
let cashier: string;
let manager: string;

before(async () => {
  sim = await launchSimulator({ profile: 'gateway', seed: 'gateway-till' });
  const clock = new TestClock();
  await sim.admin.setClock(clock.now());
  app = startTestApp({
    clock,
    kra: {
      mode: 'demo',
      baseUrl: sim.gatewayBase,
      profile: 'gateway',
      gateway: { tokenUrl: `${sim.url}/v1/token/generate?grant_type=client_credentials`, consumerKey: 'key', consumerSecret: 'secret', appId: 'mauzo-test' },
    },
    backoff: { baseMs: 5, capMs: 50 },
  });
  await app.ready;
  cashier = (await app.call('session.login', { pin: '1234' })).token;
  manager = (await app.call('session.login', { pin: '9999' })).token;
});
after(async () => {
  await app.dispose();
  await sim.stop();
});

const gatewayCalls = async (endpoint: string) => (await sim.admin.stats()).byEndpoint[endpoint] ?? 0;

describe('a till on the gateway, as KRA’s sandbox answers', () => {
  it('looks a buyer’s PIN up at /customerPinInfo, not at the branch’s saved-customer list', async () => {
    const found = await app.call('customers.lookup', { tin: ACME.tin }, cashier);
    assert.deepEqual([found.tin, found.name, found.status], [ACME.tin, ACME.name, 'A']);
    const saved = await app.call('customers.save', { tin: ACME.tin, name: 'Acme (Westlands)', phone: '0700000009' }, cashier);
    assert.equal(saved.sentToKra, true);
    const unknown = await app.dispatch('customers.lookup', { tin: 'P999999999Z' }, cashier);
    assert.ok(!unknown.ok && unknown.error.code === 'CUSTOMER_NOT_FOUND', JSON.stringify(unknown));
    assert.equal(await gatewayCalls('selectCustomer'), 2);
  });

  it('retries a sale the gateway answered "Please try again later" and has it signed, never parked', async () => {
    await sim.admin.addFault({ kind: 'tryAgain', count: 1, endpoints: ['saveTrnsSalesOsdc'] });
    const before = await gatewayCalls('saveTrnsSalesOsdc');
    const sale = await app.call('sale.complete', { lines: [{ itemCode: CHARGING, quantity: 100 }], tenders: [{ kind: 'cash', amount: 3000 }] }, cashier);
    await waitFor('the sale to be signed', async () => (await app.call('sync.status', {}, cashier)).queueDepth === 0);
    assert.deepEqual(await app.call('sync.parked', {}, manager), []);
    assert.equal((await gatewayCalls('saveTrnsSalesOsdc')) - before, 2, 'the fault, then the accepted retry');
    const [signed] = (await sim.admin.sales(DEMO_TAXPAYER.tin)).slice(-1);
    assert.equal(signed?.trdInvcNo, sale.tradeInvoiceNo);
  });
});

/** A till on the strict simulator's direct path whose code list is set up before the till first reads it. */
function tillOn(seed: string, config: Parameters<SimulatorProcess['admin']['setConfig']>[0]) {
  const ctx = {} as { sim: SimulatorProcess; till: TestApp; boss: string };
  before(async () => {
    ctx.sim = await launchSimulator({ profile: 'gateway', seed });
    await ctx.sim.admin.setConfig(config);
    const clock = new TestClock();
    await ctx.sim.admin.setClock(clock.now());
    ctx.till = startTestApp({ clock, kra: { mode: 'demo', baseUrl: ctx.sim.directBase }, backoff: { baseMs: 5, capMs: 50 } });
    await ctx.till.ready;
    ctx.boss = (await ctx.till.call('session.login', { pin: '9999' })).token;
  });
  after(async () => {
    await ctx.till.dispose();
    await ctx.sim.stop();
  });
  return ctx;
}

const PARAFFIN = 'KE2JYNO0000009';
const oneParaffin = { lines: [{ itemCode: PARAFFIN, quantity: 100 }], tenders: [{ kind: 'cash' as const, amount: 16200 }] };

describe('a code list without class E', () => {
  const ctx = tillOn('no-class-e', { taxRates: { E: null } });

  it('refuses a class-E sale with a message naming the item and the class, and commits nothing', async () => {
    const { till, boss } = ctx;
    const rates = await till.call('taxRates.list', {}, boss);
    assert.deepEqual(rates.find((r) => r.taxClass === 'E'), { taxClass: 'E', kraRate: null, override: null, rate: null });
    assert.equal(rates.find((r) => r.taxClass === 'B')?.rate, 1600);
    const refused = await till.dispatch('sale.complete', oneParaffin, boss);
    assert.ok(!refused.ok);
    assert.deepEqual([refused.error.code, refused.error.field, refused.error.params], ['TAX_CLASS_NOT_LISTED', 'lines.0.itemCode', { name: 'Paraffin 1L', taxClass: 'E' }]);
    assert.match(refused.error.message, /Paraffin 1L is in tax class E, which KRA's code list/);
    assert.equal((await till.call('sync.status', {}, boss)).queueDepth, 0, 'nothing was committed');
    const charging = await till.call('sale.complete', { lines: [{ itemCode: 'KE3OUNO0000012', quantity: 100 }], tenders: [{ kind: 'cash', amount: 3000 }] }, boss);
    assert.equal(charging.taxTotal, 414, 'the classes the list carries still sell');
  });
});

describe('KRA’s code list says E is 8 % while its validation demands 0 % (spec 13.2)', () => {
  const ctx = tillOn('e-disagrees', { codeListRates: { E: 8 } });

  it('a manager overrides the rate of E for this environment, audited, and KRA accepts the sale', async () => {
    const { till, boss, sim } = ctx;
    assert.deepEqual((await till.call('taxRates.list', {}, boss)).find((r) => r.taxClass === 'E'), { taxClass: 'E', kraRate: 800, override: null, rate: 800 });
    const clerk = (await till.call('session.login', { pin: '1234' })).token;
    const forbidden = await till.dispatch('taxRates.override', { taxClass: 'E', rate: 0, reason: 'KRA wants taxRtE 0' }, clerk);
    assert.ok(!forbidden.ok && forbidden.error.code === 'FORBIDDEN');
    const badRate = await till.dispatch('taxRates.override', { taxClass: 'E', rate: 10_001, reason: 'typo' }, boss);
    assert.ok(!badRate.ok && badRate.error.code === 'INVALID_INPUT' && badRate.error.field === 'rate', JSON.stringify(badRate));

    const set = await till.call('taxRates.override', { taxClass: 'E', rate: 0, reason: 'the sandbox demands taxRtE 0' }, boss);
    assert.deepEqual(set.find((r) => r.taxClass === 'E'), { taxClass: 'E', kraRate: 800, override: 0, rate: 0 });
    // The demo shelf starts with stock of its own; KRA is told of what this test takes in on top of it.
    const shelfStock = (await till.call('stock.moves', { itemCode: PARAFFIN }, boss)).stock;
    await till.call('stock.adjust', { itemCode: PARAFFIN, quantity: 1000, reasonCode: '03', note: 'opening stock' }, boss);
    await waitFor('KRA to hear of the stock taken in', async () => (await till.call('stock.moves', { itemCode: PARAFFIN }, boss)).kraStock === shelfStock + 1000);
    const sold = await till.call('sale.complete', oneParaffin, boss);
    assert.deepEqual([sold.total, sold.taxTotal], [16200, 0]);
    await waitFor('KRA to sign the class-E sale', async () => (await till.call('sync.status', {}, boss)).queueDepth === 0);
    assert.deepEqual(await till.call('sync.parked', {}, boss), []);
    const [atKra] = await sim.admin.sales(DEMO_TAXPAYER.tin);
    assert.deepEqual([atKra?.body.taxRtE, atKra?.body.taxblAmtE], [0, 162]);

    const ledger = openLedger(till.dataDir, projectPaths.migrations);
    try {
      const entries = ledger.select().from(auditLog).where(eq(auditLog.action, 'taxRate.overridden')).all();
      assert.deepEqual(entries.map((e) => e.detail), [{ environment: 'demo', taxClass: 'E', from: null, to: 0, kraRate: 800, reason: 'the sandbox demands taxRtE 0' }]);
    } finally {
      ledger.$client.close();
    }
  });
});
