/** A demo device initialised on the simulator, its OSCU client, and the requests it sent. */
import type { SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { createHttpClient } from '../../../src-main/oscu/http';
import { createOscuClient, type OscuClient } from '../../../src-main/oscu/client';
import type { Exchange } from '../../../src-main/oscu/transport';
import type { Clock } from '../../../src-shared/clock';
import { ratesFromCodeList, type TaxRates } from '../../../src-shared/tax';
import { TestClock } from '../../support/clock';
import { initDemoDevice } from '../../support/kra-sim';
import { testLedger, type TestLedger } from '../../support/ledger';

/** One HTTP client for the file's KRA calls, as the till has one. */
const http = createHttpClient();

export interface TestDevice {
  client: OscuClient;
  tin: string;
  branchId: string;
  exchanges: Exchange[];
  /** The lastReqDt of each request to this endpoint, in order. */
  sentSince(endpoint: string): string[];
}

export async function testDevice(sim: SimulatorProcess, clock: Clock): Promise<TestDevice> {
  const device = await initDemoDevice(sim);
  const exchanges: Exchange[] = [];
  const client = createOscuClient({
    http: http.send,
    now: () => clock.now(),
    record: (exchange) => exchanges.push(exchange),
    target: { baseUrl: sim.directBase, profile: 'direct', headers: { tin: device.tin, bhfId: device.bhfId, cmcKey: device.cmcKey } },
    timeouts: { read: 5_000, bulkRead: 5_000, write: 5_000 },
  });
  return {
    client,
    tin: device.tin,
    branchId: device.bhfId,
    exchanges,
    sentSince: (endpoint) =>
      exchanges.filter((e) => e.endpoint.endsWith(endpoint)).map((e) => (JSON.parse(e.request) as { lastReqDt: string }).lastReqDt),
  };
}

/** The tax rates of the simulator's code list, as the till reads them (cdCls 04). */
export async function kraTaxRates(client: OscuClient): Promise<TaxRates> {
  const answer = await client.selectCodeList({ lastReqDt: '20180101000000' });
  if (!answer.ok) throw new Error(`no code list: ${JSON.stringify(answer)}`);
  return ratesFromCodeList(answer.data.clsList.find((c) => c.cdCls === '04')?.dtlList ?? []);
}

/** A fresh start for each test: the simulator reset and its clock pinned, a new ledger, a new device. */
export async function freshTill(sim: SimulatorProcess): Promise<{ clock: TestClock; ledger: TestLedger; device: TestDevice }> {
  await sim.admin.reset();
  const clock = new TestClock(new Date('2026-11-24T09:00:00Z'));
  await sim.admin.setClock(clock.now());
  const ledger = testLedger();
  return { clock, ledger, device: await testDevice(sim, clock) };
}
