/**
 * A till with a real ledger (the demo catalogue, registered here), a demo device on the simulator,
 * a manager's session, and the KRA jobs sender driven by hand.
 */
import { eq } from 'drizzle-orm';
import { DEMO_CATALOGUE } from '../../../src-main/catalog/demo-catalogue';
import type { SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { kraJobs, users } from '../../../src-main/ledger/schema';
import { importJobEffects } from '../../../src-main/purchases/imports';
import { purchaseJobEffects } from '../../../src-main/purchases/purchases';
import { stockJobEffects } from '../../../src-main/stock/movements';
import { KraContact } from '../../../src-main/sync/contact';
import { JobWorker } from '../../../src-main/sync/jobs';
import { centsToWire } from '../../../src-shared/money';
import { DEFAULT_TAX_RATES } from '../../../src-shared/tax';
import { TestClock } from '../../support/clock';
import { testLedger, type TestLedger } from '../../support/ledger';
import { testDevice, type TestDevice } from '../catalog/device';

export interface Till {
  clock: TestClock;
  ledger: TestLedger;
  device: TestDevice;
  manager: { id: number; name: string; role: 'manager' };
  ctx: { session: { token: string; user: { id: number; name: string; role: 'manager' }; startedAt: Date } };
  deps: {
    db: TestLedger['db'];
    clock: TestClock;
    link: () => { client: TestDevice['client']; environment: 'demo'; tin: string; branchId: string };
    taxRates: () => typeof DEFAULT_TAX_RATES;
    onQueued: () => void;
  };
  /** Sends queued KRA jobs until none is due. */
  drain(): Promise<void>;
  /** Registers demo items with KRA in catalogue order (the strict profile wants the item-code sequence). */
  registerAtKra(upTo?: number): Promise<void>;
  /** The request bodies of the answered calls to an endpoint, in order. */
  sent(endpoint: string): Record<string, unknown>[];
  jobs(): (typeof kraJobs.$inferSelect)[];
  close(): void;
}

export async function openTill(sim: SimulatorProcess): Promise<Till> {
  await sim.admin.reset();
  const clock = new TestClock(new Date('2026-11-24T09:00:00Z'));
  await sim.admin.setClock(clock.now());
  const ledger = testLedger();
  const device = await testDevice(sim, clock);
  const row = ledger.db.insert(users).values({ name: 'Otieno', role: 'manager', pinHash: 'manager', createdAt: clock.now().toISOString() }).returning().get();
  const manager = { id: row.id, name: row.name, role: 'manager' as const };
  const worker = new JobWorker({
    db: ledger.db,
    clock,
    client: device.client,
    contact: new KraContact(ledger.db, clock),
    effects: { ...purchaseJobEffects(clock), ...importJobEffects(clock), ...stockJobEffects({ id: 'mauzo', name: 'Mauzo' }, clock) },
  });
  return {
    clock,
    ledger,
    device,
    manager,
    ctx: { session: { token: 't', user: manager, startedAt: clock.now() } },
    deps: {
      db: ledger.db,
      clock,
      link: () => ({ client: device.client, environment: 'demo', tin: device.tin, branchId: device.branchId }),
      taxRates: () => DEFAULT_TAX_RATES,
      onQueued: () => {},
    },
    drain: async () => {
      for (let steps = 0; steps < 100; steps++) {
        const step = await worker.step();
        if (step === 'idle') return;
        if (step === 'retry') throw new Error(`a KRA job could not be sent: ${JSON.stringify(ledger.db.select().from(kraJobs).where(eq(kraJobs.state, 'unknown')).all())}`);
      }
      throw new Error('the KRA jobs queue did not empty');
    },
    registerAtKra: async (upTo = DEMO_CATALOGUE.length) => {
      for (const item of DEMO_CATALOGUE.slice(0, upTo)) {
        const answer = await device.client.saveItem({
          itemCd: item.code, itemClsCd: item.classCode, itemTyCd: item.code.charAt(2), itemNm: item.name, itemStdNm: null,
          orgnNatCd: 'KE', pkgUnitCd: item.packagingUnit, qtyUnitCd: item.quantityUnit, taxTyCd: item.taxClass, btchNo: null,
          bcd: item.barcode, dftPrc: centsToWire(item.unitPrice), isrcAplcbYn: 'N', useYn: 'Y',
          regrId: 'test', regrNm: 'Test', modrId: 'test', modrNm: 'Test',
        });
        if (!answer.ok && answer.kind !== 'empty') throw new Error(`KRA refused ${item.code}: ${JSON.stringify(answer)}`);
      }
    },
    sent: (endpoint) =>
      device.exchanges.filter((e) => e.endpoint.endsWith(endpoint) && e.resultCd !== null).map((e) => JSON.parse(e.request) as Record<string, unknown>),
    jobs: () => ledger.db.select().from(kraJobs).all(),
    close: () => ledger.close(),
  };
}
