/** Time is passed in, never read directly, so tests and the simulator can control it. */
export interface Clock {
  /** The wall clock: what the till's owner can set, forwards or backwards. */
  now(): Date;
  /**
   * Milliseconds from an arbitrary zero that only ever move forward, at the rate time passes while
   * the till runs, whatever the wall clock does. Offline time is measured on it.
   */
  monotonicMs(): number;
}

export const systemClock: Clock = { now: () => new Date(), monotonicMs: () => performance.now() };
