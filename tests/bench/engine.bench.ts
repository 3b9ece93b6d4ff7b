// The engine: how fast a sale commits (one transaction, synchronous=FULL) and how fast the outbox
// drains a backlog into the simulator, against the bound of one request in flight at a time.
import type { SaleInput } from '../../src-shared/api';
import { saleInput } from '../../src-shared/api';
import { DEMO_CATALOGUE } from '../../src-main/catalog/demo-catalogue';
import { completeSale } from '../../src-main/till/sale';
import { systemClock } from '../../src-shared/clock';
import { launchSimulator, type SimulatorProcess } from '../../src-main/kra-sim/launch';
import { unsignedSummary } from '../../src-main/ledger/outbox';
import type { DeviceRow } from '../../src-main/ledger/devices';
import { items, sales } from '../../src-main/ledger/schema';
import { KraContact } from '../../src-main/sync/contact';
import { connectKra } from '../../src-main/sync/link';
import { KraExchangeLog } from '../../src-main/ledger/kra-exchanges';
import { createHttpClient } from '../../src-main/oscu/http';
import { SyncWorker } from '../../src-main/sync/worker';
import { saleDeps, sellSugar, testLedger } from '../support/ledger';
import type { BenchSuite } from './run';
import { ms, summarise } from './stats';

const SALES = 2000;

function twentyLineSale(): SaleInput {
  const lines = Array.from({ length: 20 }, (_, i) => ({ itemCode: DEMO_CATALOGUE[i % DEMO_CATALOGUE.length]!.code, quantity: 100 + (i % 3) * 50 }));
  return { lines, tenders: [{ kind: 'cash', amount: 10_000_000 }] };
}

async function commitLatency(): Promise<Record<string, string>> {
  const ledger = testLedger();
  const deps = saleDeps(ledger, systemClock);
  const input = saleInput.parse(twentyLineSale());
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < SALES; i++) {
    const t0 = performance.now();
    completeSale(deps, input, ledger.cashier);
    samples.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  ledger.close();
  const { p50, p99, max } = summarise(samples);
  return {
    [`sale commit, 20 lines, p50 (${SALES} sales)`]: ms(p50),
    'sale commit, 20 lines, p99 (target <= 15 ms)': ms(p99),
    'sale commit, 20 lines, max': ms(max),
    'sale commit throughput': `${(SALES / seconds).toFixed(0)} sales/s`,
  };
}

const BACKLOG = Number(process.env.MAUZO_BENCH_BACKLOG ?? 10_000);

/** Commits a backlog offline, then lets one sender drain it into the simulator at a given latency. */
async function drain(sim: SimulatorProcess, latencyMs: number): Promise<Record<string, string>> {
  await sim.admin.reset();
  const ledger = testLedger();
  const clock = systemClock;
  for (let i = 0; i < BACKLOG; i++) sellSugar(ledger, clock);
  ledger.db.update(items).set({ registered: false }).run(); // the simulator was reset: register the shelf again
  // The commits above held the event loop for seconds: let the HTTP client see the sockets the
  // simulator closed meanwhile, rather than send on one of them.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const contact = new KraContact(ledger.db, clock);
  const exchanges = new KraExchangeLog(ledger.db);
  const link = await connectKra({
    db: ledger.db,
    exchanges,
    clock,
    mode: 'demo',
    settings: { mode: 'demo', baseUrl: sim.directBase },
    dataDir: ledger.dir,
  });
  if (latencyMs > 0) await sim.admin.addFault({ kind: 'latency', latencyMs });
  const worker = new SyncWorker({ db: ledger.db, clock, kra: link.sales, contact });
  const started = performance.now();
  while ((await worker.step()) !== 'idle');
  const seconds = (performance.now() - started) / 1000;
  if (unsignedSummary(ledger.db).depth > 0) throw new Error('the drain stopped with sales unsigned');
  const bare = await bareClientSeconds(sim, link.device, ledger.db.select().from(sales).get()!.payload as Record<string, unknown>, BACKLOG + 1);
  await sim.admin.clearFaults();
  await link.close();
  exchanges.close();
  ledger.close();
  const label = `drain ${BACKLOG} sales at ${latencyMs} ms latency`;
  const figures: Record<string, string> = {
    [label]: `${seconds.toFixed(1)} s, ${(BACKLOG / seconds).toFixed(0)} sales/s (${ms((seconds * 1000) / BACKLOG)} a sale)`,
    [`${label}: the same sale by a bare loop (no ledger)`]: `${ms(bare * 1000)} a sale`,
  };
  if (latencyMs > 0) {
    const bound = (BACKLOG * latencyMs) / 1000;
    figures[`${label}: share of the n x latency bound (target >= 90%)`] = `${((bound / seconds) * 100).toFixed(1)}% (bound ${bound.toFixed(0)} s); the bare loop: ${((latencyMs / 1000 / bare) * 100).toFixed(1)}%`;
  }
  return figures;
}

/**
 * What the simulator and HTTP alone cost: the seconds per sale of a loop that only posts sales, one
 * at a time, over the till's own HTTP client, with no ledger. The bound n x latency leaves this out;
 * the drain cannot beat it.
 */
async function bareClientSeconds(sim: SimulatorProcess, device: DeviceRow, payload: Record<string, unknown>, firstInvcNo: number): Promise<number> {
  const n = 300;
  const headers = { 'Content-Type': 'application/json', tin: device.tin, bhfId: device.branchId, cmcKey: device.cmcKey };
  const http = createHttpClient();
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const body = JSON.stringify({ ...payload, invcNo: firstInvcNo + i, orgInvcNo: 0 });
    const answer = JSON.parse((await http.send(`${sim.directBase}saveTrnsSalesOsdc`, { method: 'POST', headers, body, timeoutMs: 10_000 })).text) as { resultCd: string };
    if (answer.resultCd !== '000') throw new Error(`the bare loop was refused: ${JSON.stringify(answer)}`);
  }
  const seconds = (performance.now() - started) / 1000 / n;
  http.close();
  return seconds;
}

export const suite: BenchSuite = {
  name: 'engine: sale commit and outbox drain',
  async run() {
    const sim = await launchSimulator({ seed: 'bench' });
    try {
      return { ...(await commitLatency()), ...(await drain(sim, 0)), ...(await drain(sim, 20)) };
    } finally {
      await sim.stop();
    }
  },
};
