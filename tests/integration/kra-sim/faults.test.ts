import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { DEMO_DEVICE_SERIALS } from '../../../src-shared/etims/demo';
import { launchSimulator, type FaultSpec, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { initDemoDevice, kraCaller, saleBody, type Device, type KraCaller } from '../../support/kra-sim';
import { waitFor } from '../../support/wait';

const sugar = { itemCd: 'KE2BGNO0000001', qty: 1, prc: 116, taxTyCd: 'B' } as const;

describe('KRA simulator: faults on demand', () => {
  let sim: SimulatorProcess;
  let device: Device;
  let kra: KraCaller;

  before(async () => {
    sim = await launchSimulator({ seed: 'faults-test' });
  });
  after(async () => {
    await sim.stop();
  });
  beforeEach(async () => {
    await sim.admin.reset();
    device = await initDemoDevice(sim, '00', DEMO_DEVICE_SERIALS[0]);
    kra = kraCaller(sim, 'direct', device);
  });

  const sell = (invcNo: number, signal?: AbortSignal) =>
    kra.raw('saveTrnsSalesOsdc', { headers: { tin: device.tin, bhfId: '00', cmcKey: device.cmcKey }, body: JSON.stringify(saleBody(invcNo, [sugar])), signal });
  const accepted = async () => (await sim.admin.sales(device.tin)).map((s) => s.invcNo);

  test('latency delays the answer', async () => {
    // Long enough that looking at KRA while it holds the call needs no luck on a busy machine.
    await sim.admin.addFault({ kind: 'latency', latencyMs: 5_000, count: 1 });
    let answered = false;
    const answering = sell(1).finally(() => (answered = true));
    await waitFor('KRA to receive the sale', async () => (await sim.admin.stats()).byEndpoint.saveTrnsSalesOsdc === 1);
    assert.deepEqual([answered, await accepted()], [false, []], 'while the latency lasts the sale is neither answered nor processed');
    const answer = await answering;
    assert.equal(answer.envelope?.resultCd, '000');
    assert.deepEqual(await accepted(), [1], 'answered after the latency');
  });

  test('a call whose client gave up during the latency is still processed', async () => {
    await sim.admin.addFault({ kind: 'latency', latencyMs: 400, count: 1 });
    await assert.rejects(sell(1, AbortSignal.timeout(100)), { name: 'TimeoutError' });
    await waitFor('the slow sale to be accepted', async () => (await accepted()).length === 1);
  });

  test('a connection reset, an HTTP 5xx, a non-JSON answer, result 999 and the gateway\'s "try again" process nothing', async () => {
    const faults: [FaultSpec, (answer: Promise<Awaited<ReturnType<typeof sell>>>) => Promise<void>][] = [
      [{ kind: 'reset', count: 1 }, (a) => assert.rejects(a, TypeError)],
      [{ kind: 'http', status: 500, count: 1 }, async (a) => assert.deepEqual([(await a).status, (await a).json], [500, undefined])],
      [{ kind: 'http', status: 502, count: 1 }, async (a) => assert.equal((await a).status, 502)],
      [{ kind: 'http', status: 504, count: 1 }, async (a) => assert.equal((await a).status, 504)],
      [{ kind: 'nonJson', count: 1 }, async (a) => assert.deepEqual([(await a).status, (await a).json], [200, undefined])],
      [{ kind: 'result999', count: 1 }, async (a) => assert.equal((await a).envelope?.resultCd, '999')],
      [{ kind: 'tryAgain', count: 1 }, async (a) => {
        const { status, json } = await a;
        assert.deepEqual([status, (json?.responseHeader as { customerMessage?: string }).customerMessage, json?.responseBody], [400, 'Unable to process the request. Please try again later', null]);
      }],
    ];
    for (const [fault, check] of faults) {
      await sim.admin.addFault(fault);
      await check(sell(1));
      assert.deepEqual(await accepted(), [], `${fault.kind} ${fault.status ?? ''} processed nothing`);
    }
    assert.equal((await sell(1)).envelope?.resultCd, '000');
  });

  test('a lost response: KRA accepted the sale, the client got no answer, selectInvoiceDetails finds it', async () => {
    await sim.admin.addFault({ kind: 'lostResponse', count: 1, endpoints: ['saveTrnsSalesOsdc'] });
    await assert.rejects(sell(1), TypeError);
    const [sale] = await sim.admin.sales(device.tin);
    assert.equal(sale?.invcNo, 1);
    const lookup = await kra.call('selectInvoiceDetails', { invcNo: 1 });
    const receipt = (lookup.envelope?.data as { salesList: { receipt: { rcptSign: string } }[] }).salesList[0]!.receipt;
    assert.equal(receipt.rcptSign, sale.rcptSign);
  });

  test('down for a window of simulated time: every call fails until the clock passes it; admin calls still work', async () => {
    await sim.admin.addFault({ kind: 'down', forMs: 3 * 3600_000 });
    await assert.rejects(sell(1), TypeError);
    await assert.rejects(kra.call('selectCodeList', { lastReqDt: '20180101000000' }), TypeError);
    assert.deepEqual(await accepted(), []);
    await sim.admin.advanceClock(3 * 3600_000);
    assert.equal((await sell(1)).envelope?.resultCd, '000');
    const stats = await sim.admin.stats();
    assert.equal(stats.byEndpoint.saveTrnsSalesOsdc, 2, 'faulted calls are counted too');
  });

  test('a fault limited to some endpoints leaves the others alone', async () => {
    await sim.admin.addFault({ kind: 'result999', endpoints: ['saveTrnsSalesOsdc'] });
    assert.equal((await sell(1)).envelope?.resultCd, '999');
    assert.equal((await kra.call('selectCodeList', { lastReqDt: '20180101000000' })).envelope?.resultCd, '000');
    await sim.admin.clearFaults();
    assert.equal((await sell(1)).envelope?.resultCd, '000');
  });

  test('a fraction of calls fails, the same calls again after a reset with the same seed', async () => {
    const pattern = async () => {
      await sim.admin.addFault({ kind: 'result999', fraction: 0.5, endpoints: ['selectCodeList'] });
      const codes: string[] = [];
      for (let i = 0; i < 20; i++) codes.push((await kra.call('selectCodeList', { lastReqDt: '20180101000000' })).envelope!.resultCd);
      return codes.join(' ');
    };
    const first = await pattern();
    assert.match(first, /999/);
    assert.match(first, /000/);
    await sim.admin.reset();
    device = await initDemoDevice(sim, '00', DEMO_DEVICE_SERIALS[0]);
    kra = kraCaller(sim, 'direct', device);
    assert.equal(await pattern(), first);
  });

  test('refuses a fault it cannot honour, and removes one it holds', async () => {
    await assert.rejects(sim.admin.addFault({ kind: 'http', status: 418 as never }), /status must be 500, 502 or 504/);
    const { id } = await sim.admin.addFault({ kind: 'reset', count: 3 });
    await sim.admin.removeFault(id);
    assert.equal((await sell(1)).envelope?.resultCd, '000');
  });
});
