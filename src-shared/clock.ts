/** Time is passed in, never read directly, so tests and the simulator can control it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
