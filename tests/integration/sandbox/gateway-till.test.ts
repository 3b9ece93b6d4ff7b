/**
 * A whole till on the gateway path of a strict simulator that behaves as KRA's live sandbox did
 * (spec 13): the buyer-PIN lookup, the gateway's own "Please try again" faults, supplier sales
 * seeded with net splyAmt, and tax rates that come only from the environment's code list.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchSimulator, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
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
