// The engine: how fast a sale commits (one transaction, synchronous=FULL) beside a bare one-row commit
// on the same disk, and how fast the outbox drains a backlog into the simulator beside a bare loop
// that only posts the same sale, and against the bound of one request in flight at a time.
import Database from 'better-sqlite3';
import { join } from 'node:path';
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
import { figure, interleave, timingFigures, type Figure } from './stats';

const SALES = 2000;

function twentyLineSale(): SaleInput {
  const lines = Array.from({ length: 20 }, (_, i) => ({ itemCode: DEMO_CATALOGUE[i % DEMO_CATALOGUE.length]!.code, quantity: 100 + (i % 3) * 100 }));
  return { lines, tenders: [{ kind: 'cash', amount: 10_000_000 }] };
}

/** The floor of a commit on this disk: one row, one transaction, WAL and synchronous=FULL as the ledger. */
function bareCommits(dir: string): { commit: () => void; close: () => void } {
  const db = new Database(join(dir, 'floor.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, at TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO rows (at) VALUES (?)');
  const commit = db.transaction(() => insert.run(new Date().toISOString()));
  return { commit: () => commit.immediate(), close: () => db.close() };
}

async function commitLatency(): Promise<Figure[]> {
  const ledger = testLedger();
  const floor = bareCommits(ledger.dir);
  const deps = saleDeps(ledger, systemClock);
  const input = saleInput.parse(twentyLineSale());
  const times = await interleave(SALES, floor.commit, () => completeSale(deps, input, ledger.cashier));
  floor.close();
  ledger.close();
  return [
    ...timingFigures('sale commit, 20 lines', times.work, { name: 'bare 1-row commit', samples: times.floor }, { p50: '<= 3x', p99: '<= 4x' }),
    figure('sale commit throughput', (SALES * 1000) / times.work.reduce((a, b) => a + b, 0), '/s'),
  ];
}

const BACKLOG = Number(process.env.MAUZO_BENCH_BACKLOG ?? 10_000);

/** Commits a backlog offline, then lets one sender drain it into the simulator at a given latency. */
async function drain(sim: SimulatorProcess, latencyMs: number): Promise<Figure[]> {
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
  const label = `drain of ${BACKLOG} sales at ${latencyMs} ms latency`;
  const figures = [figure(`${label}, a sale`, (seconds * 1000) / BACKLOG, 'ms', { floor: { name: 'bare loop, no ledger', value: bare * 1000 } })];
  if (latencyMs > 0) {
    const bound = (BACKLOG * latencyMs) / 1000;
    figures.push(figure(`${label}, share of the n x latency bound`, (bound / seconds) * 100, '%', { target: '>= 90%' }));
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
      return [...(await commitLatency()), ...(await drain(sim, 0)), ...(await drain(sim, 20))];
    } finally {
      await sim.stop();
    }
  },
};
