import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { DEMO_DEVICE_SERIALS } from '../../../src-shared/etims/demo';
import { projectPaths } from '../../../src-main/paths';
import { launchSimulator } from '../../../src-main/kra-sim/launch';
import { initDemoDevice, itemBody, kraCaller, saleBody } from '../../support/kra-sim';
import { tempDir } from '../../support/temp';

const sugar = { itemCd: 'KE2BGNO0000001', qty: 1, prc: 116, taxTyCd: 'B' } as const;

function runCli(args: string[], untilLine: boolean): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/kra-sim/cli.ts', ...args], { cwd: projectPaths.root });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (untilLine && stdout.includes('\n')) child.kill('SIGTERM');
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ stdout, stderr, code })));
}

describe('KRA simulator: its own process', () => {
  const dir = tempDir('mauzo-kra-sim-');
  after(() => dir.cleanup());

  test('the CLI prints exactly one line with its URL, and stops cleanly on SIGTERM', async () => {
    const { stdout, code } = await runCli(['--port', '0', '--profile', 'gateway', '--seed', 'cli'], true);
    assert.match(stdout, /^KRA simulator at http:\/\/127\.0\.0\.1:\d+\n$/);
    assert.equal(code, 0);
  });

  test('the CLI refuses arguments it cannot use, saying which', async () => {
    const { stderr, code } = await runCli(['--profile', 'sandbox'], false);
    assert.equal(code, 2);
    assert.match(stderr, /--profile must be direct or gateway, not sandbox/);
  });

  test('launchSimulator gives the URLs, and kill() ends the process at once', async () => {
    const sim = await launchSimulator({ seed: 'launch' });
    assert.match(sim.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(sim.directBase, `${sim.url}/etims-api/`);
    assert.equal(sim.gatewayBase, `${sim.url}/etims-oscu/api/v1/`);
    assert.ok(sim.pid > 0);
    sim.kill();
    await sim.stop();
    await assert.rejects(fetch(`${sim.url}/__sim/stats`), TypeError);
  });

  test('with --state, KRA remembers devices, items, sales, numbering and settings across a restart and a SIGKILL', async () => {
    const stateFile = join(dir.path, 'kra.sqlite');
    const first = await launchSimulator({ seed: 'state', stateFile });
    const device = await initDemoDevice(first, '00', DEMO_DEVICE_SERIALS[0]);
    const before = kraCaller(first, 'direct', device);
    assert.equal((await before.call('saveItem', itemBody('KE2BGNO0000001'))).envelope?.resultCd, '000');
    for (const invcNo of [1, 2]) assert.equal((await before.call('saveTrnsSalesOsdc', saleBody(invcNo, [sugar]))).envelope?.resultCd, '000');
    await first.admin.setConfig({ duplicateReply: 'echo' });
    const signed = await first.admin.sales(device.tin);
    await first.stop();

    const second = await launchSimulator({ seed: 'state', stateFile });
    const after = kraCaller(second, 'direct', device);
    assert.equal((await after.call('saveTrnsSalesOsdc', saleBody(3, [sugar]))).envelope?.resultCd, '000', 'the device key and the sequence survived');
    assert.deepEqual((await second.admin.sales(device.tin)).slice(0, 2), signed);
    assert.equal((await second.admin.config()).duplicateReply, 'echo');
    const items = await after.call('selectItemList', { lastReqDt: '20180101000000' });
    assert.equal((items.envelope?.data as { itemList: unknown[] }).itemList.length, 1);
    second.kill();
    await second.stop();

    const third = await launchSimulator({ seed: 'state', stateFile });
    assert.deepEqual((await third.admin.sales(device.tin)).map((s) => [s.invcNo, s.curRcptNo, s.totRcptNo]), [[1, 1, 1], [2, 2, 2], [3, 3, 3]]);
    const again = await kraCaller(third, 'direct').call('selectInitOsdcInfo', { tin: device.tin, bhfId: '00', dvcSrlNo: DEMO_DEVICE_SERIALS[0] });
    assert.equal(again.envelope?.resultCd, '902');
    await third.stop();
  });
});
