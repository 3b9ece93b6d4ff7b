import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { build } from 'esbuild';
import { DEMO_TAXPAYER } from '../../../src-shared/etims/demo';
import { launchSimulator, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { projectPaths } from '../../../src-main/paths';
import { assertKraHoldsExactlyOurSales, ourSales } from '../../support/kra-match';
import { tempDir } from '../../support/temp';
import { waitFor } from '../../support/wait';

const KILLS = Number(process.env.MAUZO_CRASH_KILLS ?? 200);

/** One run of the engine process: sells continuously until it is killed or told to stop. */
class EngineRun {
  readonly acks: number[] = [];
  private readonly child: ChildProcess;
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;
  private lines: ((line: string) => void)[] = [];

  constructor(bundle: string, dataDir: string, baseUrl: string) {
    this.child = spawn(process.execPath, [bundle, dataDir, projectPaths.migrations, baseUrl], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.child.stdin!.on('error', () => {});
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    this.ready = new Promise((resolve, reject) => {
      this.child.once('exit', (code) => reject(new Error(`engine exited (${code}) before it was ready`)));
      createInterface({ input: this.child.stdout! }).on('line', (line) => {
        if (line === 'ready') resolve();
        const ack = /^ack (\d+)$/.exec(line);
        if (ack) this.acks.push(Number(ack[1]));
        this.lines.shift()?.(line);
      });
    });
  }

  /** Keeps one sale request in flight at a time until the process dies. */
  async sellUntilKilled(): Promise<void> {
    while (this.child.exitCode === null && this.child.signalCode === null) {
      const answered = new Promise<void>((resolve) => this.lines.push(() => resolve()));
      if (!this.child.stdin!.write('sell\n')) break;
      await Promise.race([answered, this.exited]);
    }
  }

  /** Resolves once `count` sales are acknowledged, or the engine has died. */
  acknowledged(count: number): Promise<void> {
    const reached = new Promise<void>((resolve) => {
      const check = () => (this.acks.length >= count ? resolve() : setTimeout(check, 2));
      check();
    });
    return Promise.race([reached, this.exited]);
  }

  async depth(): Promise<number> {
    const answer = new Promise<string>((resolve) => this.lines.push(resolve));
    this.child.stdin!.write('depth\n');
    return Number((await answer).split(' ')[1]);
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    this.child.kill('SIGTERM');
    await this.exited;
  }
}

describe('crash safety: SIGKILL at random points while selling and sending', () => {
  let sim: SimulatorProcess;
  let bundle: string;
  const dir = tempDir('mauzo-crash-');

  before(async () => {
    sim = await launchSimulator({ seed: 'crash', stateFile: join(dir.path, 'kra.sqlite') });
    bundle = join(projectPaths.root, 'test-output', 'crash-engine.mjs');
    await build({
      entryPoints: [join(projectPaths.root, 'tests/support/engine-process.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'error',
    });
  });
  after(async () => {
    await sim.stop();
    dir.cleanup();
  });

  test(`every acknowledged sale survives ${KILLS} kills, the chain verifies, and KRA holds each exactly once`, async () => {
    const dataDir = join(dir.path, 'till');
    const acknowledged: number[] = [];
    const first = new EngineRun(bundle, dataDir, sim.directBase);
    await first.ready;
    await first.stop();

    for (let kill = 0; kill < KILLS; kill++) {
      const run = new EngineRun(bundle, dataDir, sim.directBase);
      await run.ready;
      const selling = run.sellUntilKilled();
      // Somewhere in a stream of sales: after 0-4 acknowledgements, then 0-15 ms into whatever is next.
      await run.acknowledged(Math.floor(Math.random() * 5));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
      run.kill();
      await Promise.all([selling, run.exited]);
      acknowledged.push(...run.acks);
    }

    const last = new EngineRun(bundle, dataDir, sim.directBase);
    await last.ready;
    await waitFor('the last run to send every sale to KRA', async () => (await last.depth()) === 0, 5 * 60_000);
    await last.stop();

    const receipts = new Set(ourSales(dataDir).map((s) => s.receipt_no));
    for (const receiptNo of acknowledged) assert.ok(receipts.has(receiptNo), `acknowledged receipt ${receiptNo} is in the ledger`);
    assert.ok(acknowledged.length >= KILLS, `sales were acknowledged between kills (${acknowledged.length})`);
    assert.deepEqual([...receipts].sort((a, b) => a - b), [...receipts].map((_, i) => i + 1), 'receipt numbers have no gap');

    const verify = spawnVerify(dataDir);
    assert.equal(await verify, 0, 'npm run verify-ledger finds the chain intact');
    await assertKraHoldsExactlyOurSales(sim.admin, DEMO_TAXPAYER.tin, dataDir);
    console.log(`crash test: ${KILLS} kills, ${acknowledged.length} sales acknowledged, all in the ledger and at KRA once`);
  });
});

function spawnVerify(dataDir: string): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/ledger/verify-cli.ts', dataDir], { cwd: projectPaths.root, stdio: 'ignore' });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
