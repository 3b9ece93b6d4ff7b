import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { launchSimulator, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { LOCK_FILE, STORE_MARKER } from '../../../src-main/ledger/data-dir';
import { LEDGER_FILE } from '../../../src-main/ledger/open';
import { projectPaths } from '../../../src-main/paths';
import { spawnHost, type HostProcess } from '../../support/host';
import { tempDir } from '../../support/temp';
import { waitFor } from '../../support/wait';

/** A host that is expected to refuse: its exit code and what it said. */
function refusedHost(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/host/cli.ts', ...args], { cwd: projectPaths.root, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

async function call<T>(host: HostProcess, method: string, input: unknown, token?: string): Promise<T> {
  const answer = await fetch(new URL(`api/${method}`, host.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  const body = (await answer.json()) as { ok: boolean; value: T; error?: unknown };
  if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.value;
}

const sell = async (host: HostProcess) => {
  const { token } = await call<{ token: string }>(host, 'session.login', { pin: '1234' });
  await call(host, 'sale.complete', { lines: [{ itemCode: 'KE2BGNO0000002', quantity: 100 }], tenders: [{ kind: 'cash', amount: 20_000 }] }, token);
  return token;
};

describe('starting the host on a data folder (real processes)', () => {
  let sim: SimulatorProcess;
  const root = tempDir();
  const running = new Set<HostProcess>();
  let folders = 0;
  const folder = () => join(root.path, `till-${++folders}`);
  const serve = async (dir: string, extra: string[] = []) => {
    const host = await spawnHost(['--data', dir, '--kra-url', sim.directBase, ...extra]);
    running.add(host);
    return host;
  };
  const stop = async () => {
    for (const host of running) await host.stop();
    running.clear();
  };

  before(async () => {
    sim = await launchSimulator({ seed: 'start-guards' });
  });
  // Each folder is a new till, initialising the demo device afresh.
  beforeEach(() => sim.admin.reset());
  afterEach(stop);
  after(async () => {
    await sim.stop();
    root.cleanup();
  });

  test('a brand new folder is a first run: the store is created, marked, and the demo PINs work', async () => {
    const dir = folder();
    const host = await serve(dir);
    await sell(host);
    assert.ok(existsSync(join(dir, STORE_MARKER)));
    await stop();
  });

  for (const damage of ['missing', 'empty'] as const) {
    test(`${damage === 'empty' ? 'an' : 'a'} ${damage} ledger in a folder that held a store is refused in one line, and nothing is written`, async () => {
      const dir = folder();
      await serve(dir);
      await stop();
      const ledger = join(dir, LEDGER_FILE);
      if (damage === 'missing') rmSync(ledger);
      else truncateSync(ledger, 0);
      const refused = refusedHost(['--data', dir, '--kra-url', sim.directBase, '--port', '0']);
      assert.notEqual(refused.status, 0);
      assert.equal(refused.stdout, '');
      const lines = refused.stderr.trim().split('\n');
      assert.equal(lines.length, 1, refused.stderr);
      assert.match(lines[0]!, new RegExp(`^Mauzo did not start: refusing to start: the ledger .*${LEDGER_FILE} is ${damage} but .* holds a store; restore it from a backup`));
      assert.equal(existsSync(ledger), damage === 'empty');
      if (damage === 'empty') assert.equal(statSync(ledger).size, 0, 'the empty ledger is left as it was');
      assert.equal(existsSync(join(dir, LOCK_FILE)), false, 'the refusing process leaves no lock behind');
    });
  }

  test('an explicit restore brings a backup into a folder whose ledger is gone, and never over a ledger with content', async () => {
    const dir = folder();
    const backup = join(root.path, 'backup.sqlite');
    const first = await serve(dir);
    await sell(first);
    await stop();
    copyFileSync(join(dir, LEDGER_FILE), backup);
    const overwrite = refusedHost(['--data', dir, '--kra-url', sim.directBase, '--port', '0', '--restore', backup]);
    assert.notEqual(overwrite.status, 0);
    assert.match(overwrite.stderr.trim(), /^Mauzo did not start: refusing to restore .*already holds a ledger, and nothing is overwritten$/);

    rmSync(join(dir, LEDGER_FILE));
    const restored = await serve(dir, ['--restore', backup]);
    const { token } = await call<{ token: string }>(restored, 'session.login', { pin: '9999' });
    const verdict = await call<{ ok: boolean; sales: number }>(restored, 'ledger.verify', {}, token);
    assert.deepEqual(verdict, { ok: true, sales: 1, zReports: 0 });
    await stop();
  });

  test('a second host on the same folder refuses in one line; the lock holds the first one\'s pid, readable by its owner only', async () => {
    const dir = folder();
    const first = await serve(dir);
    const lock = join(dir, LOCK_FILE);
    assert.equal(readFileSync(lock, 'utf8').trim(), String(first.process.pid));
    assert.equal(statSync(lock).mode & 0o777, 0o600);
    const second = refusedHost(['--data', dir, '--kra-url', sim.directBase, '--port', '0']);
    assert.notEqual(second.status, 0);
    assert.equal(second.stderr.trim(), `Mauzo did not start: refusing to start: another Mauzo (pid ${first.process.pid}) is using ${dir}; close it first`);
    assert.ok(existsSync(lock), 'the first host keeps its lock');
    await sell(first);
    await stop();
    assert.equal(existsSync(lock), false, 'a host that stops gives its lock back');
  });

  test('a lock left by a process that is no longer running is taken over', async () => {
    const dir = folder();
    await serve(dir);
    await stop();
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    writeFileSync(join(dir, LOCK_FILE), `${gone.pid}\n`, { mode: 0o600 });
    const host = await serve(dir);
    assert.equal(readFileSync(join(dir, LOCK_FILE), 'utf8').trim(), String(host.process.pid));
    await stop();
  });

  test('nothing is sent to KRA by a host that could not take its port, and the waiting sale leaves once one can', async () => {
    const dir = folder();
    const first = await serve(dir);
    await sim.admin.addFault({ kind: 'down' });
    const token = await sell(first);
    assert.equal((await call<{ queueDepth: number }>(first, 'sync.status', {}, token)).queueDepth, 1);
    await stop();
    await sim.admin.clearFaults();

    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    const asked = (await sim.admin.stats()).requests;
    const refused = refusedHost(['--data', dir, '--kra-url', sim.directBase, '--port', String(port)]);
    taken.close();
    assert.equal((await sim.admin.stats()).requests, asked, 'nothing went to KRA: not the waiting sale, nor anything else');
    assert.notEqual(refused.status, 0);
    // One line: no sender was started, so none was cut short by the closing till.
    assert.match(refused.stderr, /^Mauzo did not start: .*EADDRINUSE[^\n]*\n$/);

    const host = await serve(dir);
    const { token: again } = await call<{ token: string }>(host, 'session.login', { pin: '1234' });
    await waitFor('the waiting sale to reach KRA', async () => (await call<{ queueDepth: number }>(host, 'sync.status', {}, again)).queueDepth === 0);
    await stop();
  });
});
