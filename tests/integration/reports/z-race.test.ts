import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { ApiError, type DayReport } from '../../../src-shared/api';
import { projectPaths } from '../../../src-main/paths';
import { takeZ } from '../../../src-main/reports/service';
import { verifyLedger } from '../../../src-main/ledger/z-chain';
import { TestClock } from '../../support/clock';
import { testLedger } from '../../support/ledger';

const SALES = 300;

test('a Z taken while another process commits sales puts every sale in exactly one day', async () => {
  const ledger = testLedger();
  const clock = new TestClock(new Date('2026-11-24T06:00:00Z'));
  const deps = {
    db: ledger.db,
    clock,
    store: () => ({ tradeName: 'DUKA', pin: 'P051234567M', branchId: '00', scuId: 'KRACU0100000001', mrcNo: 'WIS01006430', tillId: 'T01' }),
  };
  const manager = { ...ledger.cashier, role: 'manager' as const };
  const seller = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/reports/seller-process.ts', ledger.dir, String(ledger.cashier.id), String(SALES)], {
    cwd: projectPaths.root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(seller, 'exit');
  const lines = createInterface({ input: seller.stdout! });
  const said = (text: string) => new Promise<void>((resolve) => lines.on('line', (line) => line === text && resolve()));
  await said('ready');
  const done = said(`sold ${SALES}`);
  let finished = false;
  void done.then(() => (finished = true));

  const zs: DayReport[] = [];
  const take = () => {
    try {
      zs.push(takeZ(deps, manager));
    } catch (error) {
      // Nothing sold since the last Z yet: there is no day to close.
      if (!(error instanceof ApiError && error.code === 'Z_ALREADY_TAKEN')) throw error;
    }
  };
  while (!finished) {
    clock.advance(60_000);
    take();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await exited;
  take();

  assert.ok(zs.length >= 2, `the Zs raced the sales (${zs.length} taken)`);
  const counted = zs.reduce((sum, z) => sum + z.figures.labels.NS.count, 0);
  assert.equal(counted, SALES, 'every sale is in one Z, none twice, none missed');
  for (const [i, z] of zs.entries()) {
    assert.equal(z.zNumber, i + 1);
    const { firstReceiptNo, lastReceiptNo } = z.figures.receipts;
    assert.equal(lastReceiptNo! - firstReceiptNo! + 1, z.figures.labels.NS.count, `Z ${z.zNumber} covers a run of receipts without holes`);
    if (i > 0) assert.equal(firstReceiptNo, zs[i - 1]!.figures.receipts.lastReceiptNo! + 1, 'the next Z starts where the last one ended');
    assert.equal(z.figures.labels.NS.amount, 16_500 * z.figures.labels.NS.count);
  }
  assert.deepEqual(verifyLedger(ledger.db), { ok: true, sales: SALES, zReports: zs.length });
  ledger.close();
});
