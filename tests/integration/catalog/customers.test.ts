import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { customerHandlers, resendUnsentCustomers } from '../../../src-main/catalog/customers';
import { launchSimulator, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { customerByTin } from '../../../src-main/ledger/customers';
import type { LedgerDb } from '../../../src-main/ledger/open';
import { DEMO_PARTNERS } from '../../../src-shared/etims/demo';
import type { TestClock } from '../../support/clock';
import type { TestLedger } from '../../support/ledger';
import { freshTill, type TestDevice } from './device';

const ACME = DEMO_PARTNERS[0]!;
const UNKNOWN_PIN = 'P999999999Z';
const ctx = { session: { token: 't', user: { id: 7, name: 'Wanjiru', role: 'cashier' as const }, startedAt: new Date() } };

let sim: SimulatorProcess;
let ledger: TestLedger;
let db: LedgerDb;
let clock: TestClock;
let device: TestDevice;
let handlers: ReturnType<typeof customerHandlers>;

before(async () => {
  sim = await launchSimulator({ seed: 'catalog-customers' });
});
after(() => sim.stop());

beforeEach(async () => {
  ({ clock, ledger, device } = await freshTill(sim));
  db = ledger.db;
  handlers = customerHandlers({ db, clock, client: () => device.client });
});
afterEach(() => ledger.close());

const savedAtKra = () =>
  device.exchanges.filter((e) => e.endpoint.endsWith('saveBhfCustomer') && e.resultCd === '000').map((e) => JSON.parse(e.request) as Record<string, unknown>);

describe('customer PIN lookup', () => {
  it("answers a known PIN with KRA's name, status and location", async () => {
    const found = await handlers['customers.lookup']({ tin: ACME.tin }, ctx);
    assert.deepEqual(found, {
      tin: ACME.tin,
      name: ACME.name,
      status: 'A',
      location: { county: ACME.county, subCounty: ACME.subCounty, locality: ACME.locality, description: null },
    });
  });

  it('says clearly when KRA knows no taxpayer with the PIN (001)', async () => {
    await assert.rejects(async () => handlers['customers.lookup']({ tin: UNKNOWN_PIN }, ctx), { code: 'CUSTOMER_NOT_FOUND', field: 'tin' });
  });

  it('says KRA is unreachable when it is down, not that the PIN is unknown', async () => {
    await sim.admin.addFault({ kind: 'down' });
    await assert.rejects(async () => handlers['customers.lookup']({ tin: ACME.tin }, ctx), { code: 'KRA_UNREACHABLE' });
  });

  it('needs a KRA device', async () => {
    const offline = customerHandlers({ db, clock, client: () => null });
    await assert.rejects(async () => offline['customers.lookup']({ tin: ACME.tin }, ctx), { code: 'DEVICE_NOT_INITIALISED' });
  });
});

describe('saving a customer', () => {
  it('saves it here and with KRA, with a 9-character customer number and the cashier as registrar', async () => {
    const saved = await handlers['customers.save']({ tin: ACME.tin, name: 'Acme Ltd', phone: '0722000000' }, ctx);
    assert.equal(saved.sentToKra, true);
    assert.equal(saved.kraError, null);
    assert.match(saved.customerNo, /^C\d{8}$/);
    const [sent] = savedAtKra();
    assert.equal(sent?.custNo, saved.customerNo);
    assert.equal(sent?.custTin, ACME.tin);
    assert.equal(sent?.telNo, '0722000000');
    assert.equal(sent?.regrNm, 'Wanjiru');
    assert.equal(customerByTin(db, ACME.tin)?.sentToKra, true);
  });

  it('keeps it here marked unsent when KRA cannot be reached, and says so', async () => {
    await sim.admin.addFault({ kind: 'down' });
    const saved = await handlers['customers.save']({ tin: ACME.tin, name: 'Acme Ltd' }, ctx);
    assert.equal(saved.sentToKra, false);
    assert.ok(saved.kraError);
    assert.equal(customerByTin(db, ACME.tin)?.sentToKra, false);
    assert.equal(savedAtKra().length, 0);
  });

  it('sends an unsent customer again under the same number when saved once KRA is back', async () => {
    await sim.admin.addFault({ kind: 'down' });
    const offline = await handlers['customers.save']({ tin: ACME.tin, name: 'Acme Ltd' }, ctx);
    await sim.admin.clearFaults();
    const online = await handlers['customers.save']({ tin: ACME.tin, name: 'Acme Limited' }, ctx);
    assert.equal(online.customerNo, offline.customerNo);
    assert.equal(online.sentToKra, true);
    assert.equal(customerByTin(db, ACME.tin)?.name, 'Acme Limited');
  });

  it('gives each new customer its own number', async () => {
    const first = await handlers['customers.save']({ tin: ACME.tin, name: 'Acme Ltd' }, ctx);
    const second = await handlers['customers.save']({ tin: DEMO_PARTNERS[1]!.tin, name: 'Jumla' }, ctx);
    assert.notEqual(first.customerNo, second.customerNo);
  });

  it('sends the customers left unsent once KRA answers again, and stops while it does not', async () => {
    await sim.admin.addFault({ kind: 'down' });
    await handlers['customers.save']({ tin: ACME.tin, name: 'Acme Ltd' }, ctx);
    await handlers['customers.save']({ tin: DEMO_PARTNERS[1]!.tin, name: 'Jumla' }, ctx);
    const deps = { db, clock, client: () => device.client };
    assert.deepEqual(await resendUnsentCustomers(deps), { sent: 0, left: 2 });

    await sim.admin.clearFaults();
    assert.deepEqual(await resendUnsentCustomers(deps), { sent: 2, left: 0 });
    assert.deepEqual(savedAtKra().map((c) => c.custTin), [ACME.tin, DEMO_PARTNERS[1]!.tin]);
    assert.equal(customerByTin(db, ACME.tin)?.sentToKra, true);
    assert.deepEqual(await resendUnsentCustomers(deps), { sent: 0, left: 0 });
  });
});
