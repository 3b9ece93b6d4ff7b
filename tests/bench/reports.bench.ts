// X and Z reports over a big ledger: 1,000,000 sales in 200 business days of 5,000, each day but the
// last closed by its Z. Timed: the Z of the last day (target <= 150 ms), the X of the day so far,
// and the X of a shift of 2,000 sales. Each beside a floor measured in the same run: a bare
// COUNT/SUM over the same sales by the same primary-key range. Seeded with one transaction per
// 10,000 sales, straight into the tables, not through the api.
import { openLedger, type LedgerDb } from '../../src-main/ledger/open';
import { closeShiftRow, lastAuditId, lastSaleId } from '../../src-main/ledger/shifts';
import { shifts, users } from '../../src-main/ledger/schema';
import { projectPaths } from '../../src-main/paths';
import { takeZ, xReport, type ReportDeps } from '../../src-main/reports/service';
import { TestClock } from '../support/clock';
import { tempDir } from '../support/temp';
import type { BenchSuite } from './run';
import { figure, summarise, type Figure } from './stats';

const SALES = Number(process.env.MAUZO_BENCH_LEDGER_SALES ?? 1_000_000);
const PER_DAY = 5_000;
const PER_TRANSACTION = 10_000;
const SHIFT_SALES = 2_000;
const RUNS = 15;

const STORE = { tradeName: 'DUKA', pin: 'P051234567M', branchId: '00', scuId: 'KRACU0100000001', mrcNo: 'WIS01006430', tillId: 'T01' };

/** A day's sales ten seconds apart from 06:00 UTC (09:00 Nairobi): one, two or three lines, cash or M-Pesa, every 50th a credit note. */
function seed(db: LedgerDb, clock: TestClock, cashierId: number, manager: { id: number; name: string; role: 'manager' }): void {
  const client = db.$client;
  const sale = client.prepare(
    `INSERT INTO sales (id, receipt_no, kind, committed_at, cashier_id, total, taxable_total, tax_total, change_given, payload, prev_hash, hash, invc_no)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, '{}', '', ?, ?)`,
  );
  const line = client.prepare('INSERT INTO sale_lines (sale_id, seq, item_code, name, quantity, unit_price, discount, total, tax_class, rate, taxable, tax) VALUES (?, ?, ?, ?, 100, ?, 0, ?, ?, ?, ?, ?)');
  const tender = client.prepare('INSERT INTO tenders (sale_id, seq, kind, amount) VALUES (?, 1, ?, ?)');
  const outbox = client.prepare("INSERT INTO outbox (sale_id, state, invc_no, updated_at) VALUES (?, ?, ?, '')");
  const audit = client.prepare("INSERT INTO audit_log (at, user_id, action, detail) VALUES (?, ?, 'sale.complete', '{}')");
  const deps: ReportDeps = { db, clock, store: () => STORE };
  client.pragma('synchronous = OFF');
  for (let first = 1; first <= SALES; first += PER_TRANSACTION) {
    client.transaction(() => {
      for (let id = first; id < first + PER_TRANSACTION && id <= SALES; id++) {
        const day = Math.floor((id - 1) / PER_DAY);
        const at = new Date(Date.UTC(2026, 0, 1 + day, 6, 0, 0) + ((id - 1) % PER_DAY) * 10_000).toISOString();
        const lines = 1 + (id % 3);
        const kind = id % 50 === 0 ? 'R' : 'S';
        sale.run(id, id, kind, at, cashierId, lines * 16_500, lines * 14_224, lines * 2_276, `h${id}`, id);
        for (let seq = 1; seq <= lines; seq++) line.run(id, seq, 'KE2BGNO0000002', 'Sugar 1kg', 16_500, 16_500, 'B', 1600, 14_224, 2_276);
        tender.run(id, id % 4 === 0 ? 'mpesa' : 'cash', lines * 16_500);
        outbox.run(id, id > SALES - 20 ? 'pending' : 'signed', id);
        audit.run(at, cashierId);
        if (id % PER_DAY === 0 && id < SALES) {
          clock.set(new Date(at));
          takeZ(deps, manager);
        }
      }
    })();
  }
  client.pragma('synchronous = FULL');
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = work();
  return { value, ms: performance.now() - started };
}

function repeat(work: () => unknown): { p50: number; p99: number; max: number } {
  work();
  return summarise(Array.from({ length: RUNS }, () => timed(work).ms));
}

async function measure(): Promise<Figure[]> {
  const dir = tempDir();
  const db = openLedger(dir.path, projectPaths.migrations);
  const clock = new TestClock();
  const at = new Date().toISOString();
  const cashier = db.insert(users).values({ name: 'Wanjiru', role: 'cashier', pinHash: 'c', createdAt: at }).returning().get();
  const managerRow = db.insert(users).values({ name: 'Otieno', role: 'manager', pinHash: 'm', createdAt: at }).returning().get();
  const manager = { id: managerRow.id, name: managerRow.name, role: 'manager' as const };
  try {
    const seeded = timed(() => seed(db, clock, cashier.id, manager));
    const deps: ReportDeps = { db, clock, store: () => STORE };
    const last = lastSaleId(db);
    const dayRange = [last - (((last - 1) % PER_DAY) + 1), last] as const;
    const floor = db.$client.prepare('SELECT count(*), sum(total) FROM sales WHERE id > ? AND id <= ?');
    clock.set(new Date(Date.UTC(2026, 0, 1 + Math.floor((last - 1) / PER_DAY), 22)));

    // A shift opened 2,000 sales before the end of the day, still open.
    const shift = db.insert(shifts).values({ tillId: 'T01', openedAt: clock.now().toISOString(), openedBy: cashier.id, float: 500_000, openAfterSaleId: last - SHIFT_SALES, openAfterAuditId: lastAuditId(db) - SHIFT_SALES }).returning().get();
    const xShift = repeat(() => xReport(deps, 'shift', manager));
    const shiftFloor = repeat(() => floor.get(last - SHIFT_SALES, last));
    closeShiftRow(db, shift.id, { closedAt: clock.now().toISOString(), closedBy: cashier.id, countedPieces: {}, counted: 0, expected: 0 });

    const xDay = repeat(() => xReport(deps, 'day', manager));
    const dayFloor = repeat(() => floor.get(...dayRange));
    const z = timed(() => takeZ(deps, manager));
    const zFloor = timed(() => floor.get(...dayRange));
    const wholeFloor = timed(() => db.$client.prepare('SELECT count(*), sum(total) FROM sales').get());
    console.log(`  ledger: ${SALES.toLocaleString('en')} sales seeded in ${(seeded.ms / 1000).toFixed(1)} s, ${Math.floor(SALES / PER_DAY) - 1} days closed by Z on the way; COUNT/SUM over all sales: ${wholeFloor.ms.toFixed(1)} ms`);
    const countSum = 'COUNT/SUM over the same sales';
    return [
      figure(`Z of the last day (${z.value.figures.labels.NS.count + z.value.figures.labels.NC.count} documents)`, z.ms, 'ms', { floor: { name: countSum, value: zFloor.ms }, target: '<= 150 ms' }),
      ...(['p50', 'p99'] as const).map((p) => figure(`X of the day so far, ${p}`, xDay[p], 'ms', { floor: { name: countSum, value: dayFloor[p] } })),
      ...(['p50', 'p99'] as const).map((p) => figure(`X of a shift of 2,000 sales, ${p}`, xShift[p], 'ms', { floor: { name: countSum, value: shiftFloor[p] } })),
    ];
  } finally {
    db.$client.close();
    dir.cleanup();
  }
}

export const suite: BenchSuite = { name: 'reports: Z and X over a ledger of 1,000,000 sales', run: measure };
