/**
 * A clock tests can move over HTTP, so an end-to-end test can let simulated days pass in a moment
 * (the 24-hour offline limit). Only with `--test-clock` AND MAUZO_TEST=1: no till in a shop can
 * have its clock moved this way.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../src-shared/clock';

export const TEST_CLOCK_PATH = '/__test/clock';

export class MovableClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Simulated time passes for the running clock too. */
  monotonicMs(): number {
    return performance.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export function testClockFromFlags(requested: boolean, env: NodeJS.ProcessEnv): MovableClock | undefined {
  if (!requested) return undefined;
  if (env.MAUZO_TEST !== '1') throw new Error('--test-clock is for tests only: it needs MAUZO_TEST=1 in the environment');
  return new MovableClock();
}

/** POST { advanceMs } moves the clock forward; answers { now }. */
export async function serveTestClock(req: IncomingMessage, res: ServerResponse, clock: MovableClock): Promise<void> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  const advanceMs = req.method === 'POST' ? (JSON.parse(body || '{}') as { advanceMs?: unknown }).advanceMs : undefined;
  if (typeof advanceMs !== 'number' || !Number.isInteger(advanceMs) || advanceMs < 0) {
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('POST a JSON body { "advanceMs": <whole milliseconds, 0 or more> }\n');
    return;
  }
  clock.advance(advanceMs);
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ now: clock.now().toISOString() }));
}
