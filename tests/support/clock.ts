import type { Clock } from '../../src-shared/clock';

/**
 * A clock the test moves by hand. `advance` lets time pass (the wall clock and the running clock
 * alike); `set` only moves the wall clock, as a shopkeeper changing the date does.
 */
export class TestClock implements Clock {
  private running = 0;

  constructor(private current: Date = new Date('2026-11-24T09:00:00Z')) {}

  now(): Date {
    return new Date(this.current);
  }

  monotonicMs(): number {
    return this.running;
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
    this.running += ms;
  }

  set(at: Date): void {
    this.current = new Date(at);
  }
}
