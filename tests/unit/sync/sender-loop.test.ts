import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../src-main/sync/backoff';
import { SenderLoop, type StepResult, type Timer } from '../../../src-main/sync/loop';

interface Wait {
  ms: number;
  fire: () => void;
  cancelled: boolean;
}

/** A timer that fires only when the test says so, and hands each wait to whoever asked for it. */
class ManualTimer {
  readonly waits: Wait[] = [];
  private listeners: ((wait: Wait) => void)[] = [];

  readonly timer: Timer = (ms, fire) => {
    const wait: Wait = { ms, fire, cancelled: false };
    this.waits.push(wait);
    this.listeners.shift()?.(wait);
    return () => {
      wait.cancelled = true;
    };
  };

  /** The next wait the loop starts. */
  next(): Promise<Wait> {
    return new Promise((resolve) => this.listeners.push(resolve));
  }
}

/** Steps that answer from a script, one at a time, and say when each was taken. */
function scriptedSteps(script: StepResult[]) {
  let taken = 0;
  const step = async (): Promise<StepResult> => script[taken++] ?? 'idle';
  return { step, taken: () => taken };
}

describe('backoff between failed attempts', () => {
  it('waits between half and all of base x 2^n for the nth failure in a row, capped', () => {
    const policy = { baseMs: 1_000, capMs: 60_000 };
    assert.deepEqual([1, 2, 3].map((n) => backoffDelay(n, policy, () => 0)), [1_000, 2_000, 4_000]);
    assert.deepEqual([1, 2, 3].map((n) => backoffDelay(n, policy, () => 0.999_999)), [2_000, 4_000, 8_000]);
    assert.equal(backoffDelay(2, policy, () => 0.5), 3_000);
    assert.equal(backoffDelay(6, policy, () => 0.999_999), 60_000, 'capped');
    assert.equal(backoffDelay(10_000, policy, () => 0), 30_000, 'a very long outage stays at the cap');
  });

  it('waits at most five minutes by default', () => {
    assert.equal(backoffDelay(50, DEFAULT_BACKOFF, () => 0.999_999), 5 * 60_000);
    assert.equal(backoffDelay(1, DEFAULT_BACKOFF, () => 0), 1_000);
  });
});

describe('the sender loop', () => {
  it('backs off longer after each failure in a row, starts again after progress, and polls when idle', async () => {
    const time = new ManualTimer();
    const steps = scriptedSteps(['retry', 'retry', 'retry', 'retry', 'progress', 'retry', 'idle']);
    const loop = new SenderLoop(steps.step, { backoff: { baseMs: 1_000, capMs: 5_000 }, random: () => 0.5, idlePollMs: 30_000, timer: time.timer });
    const scheduled: number[] = [];
    let wait = time.next();
    loop.start();
    for (let i = 0; i < 6; i++) {
      const current = await wait;
      scheduled.push(current.ms);
      wait = time.next();
      current.fire();
    }
    await loop.stop();
    // 0.75 of 2000, 4000, 5000 (capped), 5000; nothing after progress; 0.75 of 2000 again; then the idle poll.
    assert.deepEqual(scheduled, [1_500, 3_000, 3_750, 3_750, 1_500, 30_000]);
    assert.equal(steps.taken(), 7);
  });

  it('ends a wait at once when woken, and cancels its timer', async () => {
    const time = new ManualTimer();
    const steps = scriptedSteps(['idle']);
    const loop = new SenderLoop(steps.step, { idlePollMs: 30_000, timer: time.timer });
    const first = time.next();
    loop.start();
    const idle = await first;
    assert.equal(idle.ms, 30_000);
    const second = time.next();
    loop.wake();
    await second;
    assert.equal(steps.taken(), 2, 'the wake let the next step run without the timer firing');
    assert.equal(idle.cancelled, true);
    await loop.stop();
  });

  it('does not lose a wake that comes while a step runs', async () => {
    const time = new ManualTimer();
    let finish: (result: StepResult) => void = () => {};
    let taken = 0;
    const loop = new SenderLoop(
      () => {
        taken += 1;
        return taken === 1 ? new Promise<StepResult>((resolve) => (finish = resolve)) : Promise.resolve('idle');
      },
      { idlePollMs: 30_000, timer: time.timer },
    );
    const wait = time.next();
    loop.start();
    loop.wake();
    finish('idle');
    await wait;
    assert.equal(taken, 2, 'the step after the wake ran without waiting');
    assert.deepEqual(time.waits.map((w) => w.ms), [30_000], 'only the second idle step waits');
    await loop.stop();
  });

  it('counts a step that throws as a failure, logs it and backs off', async () => {
    const time = new ManualTimer();
    const logged: string[] = [];
    const loop = new SenderLoop(
      async () => {
        throw new Error('disk unplugged');
      },
      { backoff: { baseMs: 100, capMs: 10_000 }, random: () => 0, timer: time.timer, log: (m) => logged.push(m) },
    );
    let wait = time.next();
    loop.start();
    const first = await wait;
    wait = time.next();
    first.fire();
    const second = await wait;
    await loop.stop();
    assert.equal(second.cancelled, true);
    assert.deepEqual([first.ms, second.ms], [100, 200]);
    assert.match(logged[0] ?? '', /sender step failed: Error: disk unplugged/);
  });

  it('stops between steps, ending the wait it is in', async () => {
    const time = new ManualTimer();
    const steps = scriptedSteps([]);
    const loop = new SenderLoop(steps.step, { idlePollMs: 30_000, timer: time.timer });
    const wait = time.next();
    loop.start();
    await wait;
    await loop.stop();
    assert.equal(steps.taken(), 1);
    assert.equal(time.waits[0]!.cancelled, true);
  });
});
