import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SimClock } from '../../../src-main/kra-sim/clock';
import { checkFaultSpec, FaultBook, FaultSpecError } from '../../../src-main/kra-sim/faults';
import type { FaultSpec } from '../../../src-main/kra-sim/protocol';
import { TestClock } from '../../support/clock';

function book(seed = 'seed') {
  const real = new TestClock();
  const clock = new SimClock(real);
  return { faults: new FaultBook(seed, clock), clock };
}

const kinds = (faults: FaultBook, endpoint: string, n: number) => Array.from({ length: n }, () => faults.decide(endpoint).action?.kind ?? 'none');

describe('faults on demand', () => {
  test('a fault with a count hits the next N matching calls, then is gone', () => {
    const { faults } = book();
    faults.add({ kind: 'result999', count: 2 });
    assert.deepEqual(kinds(faults, 'saveTrnsSalesOsdc', 3), ['result999', 'result999', 'none']);
    assert.deepEqual(faults.list(), []);
  });

  test('a fault without count, fraction or window stays until cleared', () => {
    const { faults } = book();
    faults.add({ kind: 'nonJson' });
    assert.deepEqual(kinds(faults, 'selectCodeList', 5), Array(5).fill('nonJson'));
    faults.clear();
    assert.deepEqual(kinds(faults, 'selectCodeList', 1), ['none']);
  });

  test('endpoints limit a fault; the token endpoint is hit only when named', () => {
    const { faults } = book();
    faults.add({ kind: 'http', status: 502, endpoints: ['saveTrnsSalesOsdc'] });
    faults.add({ kind: 'down' });
    assert.deepEqual(faults.decide('saveTrnsSalesOsdc').action, { kind: 'http', status: 502 });
    assert.deepEqual(faults.decide('selectInvoiceDetails').action, { kind: 'down' });
    assert.equal(faults.decide('token').action, null);
  });

  test('a fraction of calls is drawn from the seed: the same seed gives the same calls', () => {
    const draw = (seed: string) => {
      const { faults } = book(seed);
      faults.add({ kind: 'reset', fraction: 0.3 });
      return kinds(faults, 'saveTrnsSalesOsdc', 200);
    };
    const first = draw('seed');
    assert.deepEqual(draw('seed'), first);
    assert.notDeepEqual(draw('another seed'), first);
    const hits = first.filter((k) => k === 'reset').length;
    assert.ok(hits > 35 && hits < 85, `about 30% of 200 calls reset (${hits})`);
  });

  test('a window of simulated time ends when the simulator clock passes it', () => {
    const { faults, clock } = book();
    faults.add({ kind: 'down', forMs: 3 * 3600_000 });
    assert.equal(faults.decide('saveTrnsSalesOsdc').action?.kind, 'down');
    clock.advance(3 * 3600_000 - 1);
    assert.equal(faults.decide('saveTrnsSalesOsdc').action?.kind, 'down');
    clock.advance(1);
    assert.equal(faults.decide('saveTrnsSalesOsdc').action, null);
  });

  test('latencies add up, draw between their bounds, and do not stop another fault', () => {
    const { faults } = book();
    faults.add({ kind: 'latency', latencyMs: 100 });
    faults.add({ kind: 'latency', latencyMs: 10, latencyMaxMs: 50 });
    faults.add({ kind: 'lostResponse', count: 1 });
    const first = faults.decide('saveTrnsSalesOsdc');
    assert.equal(first.action?.kind, 'lostResponse');
    for (let i = 0; i < 50; i++) {
      const { delayMs } = faults.decide('saveTrnsSalesOsdc');
      assert.ok(delayMs >= 110 && delayMs <= 150, `delay ${delayMs}`);
    }
  });

  test('the first fault added that fires decides; later ones keep their count', () => {
    const { faults } = book();
    faults.add({ kind: 'result999', count: 1 });
    faults.add({ kind: 'reset', count: 1 });
    assert.deepEqual(kinds(faults, 'saveItem', 3), ['result999', 'reset', 'none']);
  });

  test('rejects a fault it cannot honour, naming the field', () => {
    const bad: [Partial<FaultSpec>, RegExp][] = [
      [{ kind: 'flood' as never }, /kind must be one of/],
      [{ kind: 'latency' }, /latencyMs/],
      [{ kind: 'latency', latencyMs: 50, latencyMaxMs: 10 }, /latencyMaxMs/],
      [{ kind: 'http', status: 503 as never }, /500, 502 or 504/],
      [{ kind: 'reset', count: 0 }, /count/],
      [{ kind: 'reset', fraction: 1.5 }, /fraction/],
      [{ kind: 'down', forMs: -1 }, /forMs/],
      [{ kind: 'down', endpoints: ['sendSalesTransaction'] }, /unknown endpoints: sendSalesTransaction/],
    ];
    for (const [spec, message] of bad) assert.throws(() => checkFaultSpec(spec as FaultSpec), (e: Error) => e instanceof FaultSpecError && message.test(e.message));
  });
});
