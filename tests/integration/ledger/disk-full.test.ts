import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_TAXPAYER } from '../../../src-shared/etims/demo';
import { launchSimulator, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { startTestApp, type TestApp } from '../../support/app';
import { assertKraHoldsExactlyOurSales, ourSales } from '../../support/kra-match';
import { tempDir } from '../../support/temp';
import { waitFor } from '../../support/wait';

/** Writes until the file system has not a byte left; returns the filler to delete. */
function fillDisk(folder: string): string {
  const filler = join(folder, 'filler.bin');
  const fd = openSync(filler, 'w');
  try {
    for (const size of [64 * 1024, 4096, 512, 1]) {
      const chunk = Buffer.alloc(size, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        assert.equal((error as NodeJS.ErrnoException).code, 'ENOSPC');
      }
    }
  } finally {
    closeSync(fd);
  }
  return filler;
}

describe('a full disk under the data folder (a real 6 MB tmpfs; the test mounts it, as root does in CI)', () => {
  const root = tempDir();
  const disk = join(root.path, 'disk');
  let sim: SimulatorProcess;
  let app: TestApp;

  before(async () => {
    mkdirSync(disk);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m,mode=0700', 'tmpfs', disk]);
    sim = await launchSimulator({ seed: 'disk-full' });
  });
  after(async () => {
    await app?.close();
    await sim?.stop();
    execFileSync('umount', [disk]);
    root.cleanup();
  });

  test('refuses the sale with DISK_FULL naming the folder and the space needed, keeps running, and sells again once space returns', async () => {
    const dataDir = join(disk, 'till');
    const logged: string[] = [];
    app = startTestApp({ dataDir, kra: { mode: 'demo', baseUrl: sim.directBase, timeoutsMs: { write: 500, read: 500 } }, backoff: { baseMs: 5, capMs: 50 }, log: (m) => logged.push(m) });
    await app.ready;
    const { token: manager } = await app.call('session.login', { pin: '9999' });
    assert.deepEqual(await app.call('settings.storage.set', { diskMarginMb: 1 }, manager), { diskMarginMb: 1 });
    const { token } = await app.call('session.login', { pin: '1234' });
    const sell = () => app.dispatch('sale.complete', { lines: [{ itemCode: 'KE2BGNO0000002', quantity: 100 }], tenders: [{ kind: 'cash', amount: 20_000 }] }, token);
    assert.ok((await sell()).ok);
    await waitFor('the first sale signed', async () => (await app.call('sync.status', {}, token)).queueDepth === 0);
    // KRA is away while the disk fills: the sales made until then wait in the outbox.
    await sim.admin.addFault({ kind: 'down' });
    for (let i = 0; i < 3; i++) assert.ok((await sell()).ok);

    const filler = fillDisk(disk);
    const alerts = async () => (await app.call('sync.status', {}, token)).alerts;
    assert.deepEqual((await alerts()).map((a) => a.code), ['DISK_LOW'], 'a warning below the store\'s margin');

    let refused: Awaited<ReturnType<typeof sell>> | null = null;
    let acknowledged = 4;
    for (let i = 0; i < 500 && !refused; i++) {
      const sale = await sell();
      if (sale.ok) acknowledged += 1;
      else refused = sale;
    }
    assert.ok(refused && !refused.ok);
    assert.equal(refused.error.code, 'DISK_FULL');
    assert.deepEqual(refused.error.params, { folder: dataDir, needed: '1 MB' });
    assert.deepEqual((await alerts()).map((a) => [a.code, a.params]), [['DISK_FULL', { folder: dataDir, needed: '1 MB' }]]);
    const again = await sell();
    assert.equal(!again.ok && again.error.code, 'DISK_FULL', 'nothing is sold while the disk is full');
    assert.equal(ourSales(dataDir).length, acknowledged, 'every acknowledged sale is in the ledger, and no other');

    // KRA is back while the disk is still full: its answers cannot be written, and nothing throws out of the event loop.
    await sim.admin.clearFaults();
    await waitFor('a KRA exchange to find the disk full', () => logged.some((m) => /KRA exchanges could not be written/.test(m)));
    assert.ok((await app.call('sync.status', {}, token)).queueDepth > 0);

    rmSync(filler);
    assert.deepEqual(await alerts(), []);
    assert.ok((await sell()).ok, 'selling resumes by itself');
    acknowledged += 1;
    await waitFor('every sale signed', async () => (await app.call('sync.status', {}, token)).queueDepth === 0);
    assert.equal(await assertKraHoldsExactlyOurSales(sim.admin, DEMO_TAXPAYER.tin, dataDir), acknowledged);
    assert.ok(!logged.some((m) => /sale\.complete failed/.test(m)), 'a full disk is not an internal error');
  });
});
