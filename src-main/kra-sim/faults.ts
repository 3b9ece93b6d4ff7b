/**
 * Faults on demand: what goes wrong with the next KRA calls. Each fault matches some endpoints and
 * stays until cleared, for its next N matching calls, for a seeded share of them, or for a window
 * of simulated time. Latencies add up; of the other faults the first that fires decides the call.
 */
import { createHash } from 'node:crypto';
import { ENDPOINT_NAMES } from '../../src-shared/etims/endpoints';
import type { FaultKind, FaultSpec } from './protocol';
import type { SimClock } from './clock';

/** Fault names for the gateway's token endpoint, besides the KRA endpoints. */
export const TOKEN_ENDPOINT = 'token';

const KINDS: readonly FaultKind[] = ['latency', 'reset', 'http', 'nonJson', 'result999', 'tryAgain', 'lostResponse', 'down'];
const STATUSES = [500, 502, 504];

export class FaultSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultSpecError';
  }
}

interface ActiveFault {
  id: string;
  spec: FaultSpec;
  remaining: number | null;
  until: number | null;
  random: () => number;
}

export type FaultAction = { kind: 'reset' | 'nonJson' | 'result999' | 'tryAgain' | 'lostResponse' | 'down' } | { kind: 'http'; status: number };

export interface FaultDecision {
  delayMs: number;
  action: FaultAction | null;
}

/** A small seeded generator (mulberry32): the same seed gives the same draws. */
function seededRandom(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function checkFaultSpec(spec: FaultSpec): FaultSpec {
  const fail = (why: string): never => {
    throw new FaultSpecError(why);
  };
  if (!KINDS.includes(spec.kind)) fail(`kind must be one of ${KINDS.join(', ')}`);
  const nonNegative = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= 0;
  if (spec.kind === 'latency' && !nonNegative(spec.latencyMs)) fail('latency needs latencyMs >= 0');
  if (spec.latencyMaxMs !== undefined && !(nonNegative(spec.latencyMaxMs) && spec.latencyMaxMs >= (spec.latencyMs ?? 0))) {
    fail('latencyMaxMs must be at least latencyMs');
  }
  if (spec.kind === 'http' && spec.status !== undefined && !STATUSES.includes(spec.status)) fail('status must be 500, 502 or 504');
  if (spec.count !== undefined && !(Number.isSafeInteger(spec.count) && spec.count > 0)) fail('count must be a whole number above 0');
  if (spec.fraction !== undefined && !(typeof spec.fraction === 'number' && spec.fraction > 0 && spec.fraction <= 1)) {
    fail('fraction must be above 0 and at most 1');
  }
  if (spec.forMs !== undefined && !(typeof spec.forMs === 'number' && spec.forMs > 0)) fail('forMs must be above 0');
  const known = [...ENDPOINT_NAMES, TOKEN_ENDPOINT] as string[];
  if (spec.endpoints !== undefined) {
    if (!Array.isArray(spec.endpoints) || spec.endpoints.length === 0) fail('endpoints must be a non-empty list of direct endpoint names');
    const unknown = spec.endpoints.filter((e) => !known.includes(e));
    if (unknown.length > 0) fail(`unknown endpoints: ${unknown.join(', ')}; use direct names such as saveTrnsSalesOsdc`);
  }
  return spec;
}

export class FaultBook {
  private faults: ActiveFault[] = [];
  private added = 0;

  constructor(
    private readonly seed: string,
    private readonly clock: SimClock,
  ) {}

  add(spec: FaultSpec): string {
    checkFaultSpec(spec);
    const id = `f${++this.added}`;
    this.faults.push({
      id,
      spec,
      remaining: spec.count ?? null,
      until: spec.forMs === undefined ? null : this.clock.now().getTime() + spec.forMs,
      random: seededRandom(`${this.seed}|fault|${id}`),
    });
    return id;
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  clear(): void {
    this.faults = [];
  }

  list(): { id: string; spec: FaultSpec; remaining: number | null; until: string | null }[] {
    this.prune();
    return this.faults.map((f) => ({ id: f.id, spec: f.spec, remaining: f.remaining, until: f.until === null ? null : new Date(f.until).toISOString() }));
  }

  /** What happens to one call of this endpoint; uses up counts and draws. */
  decide(endpoint: string): FaultDecision {
    this.prune();
    let delayMs = 0;
    let action: FaultAction | null = null;
    for (const fault of this.faults) {
      const { spec } = fault;
      const matches = spec.endpoints ? spec.endpoints.includes(endpoint) : endpoint !== TOKEN_ENDPOINT;
      if (!matches || (spec.kind !== 'latency' && action)) continue;
      if (spec.fraction !== undefined && fault.random() >= spec.fraction) continue;
      if (fault.remaining !== null) fault.remaining -= 1;
      if (spec.kind === 'latency') delayMs += this.latency(fault);
      else action = spec.kind === 'http' ? { kind: 'http', status: spec.status ?? 500 } : { kind: spec.kind };
    }
    this.prune();
    return { delayMs, action };
  }

  private latency(fault: ActiveFault): number {
    const low = fault.spec.latencyMs ?? 0;
    const high = fault.spec.latencyMaxMs ?? low;
    return Math.round(low + (high - low) * fault.random());
  }

  private prune(): void {
    const now = this.clock.now().getTime();
    this.faults = this.faults.filter((f) => (f.remaining === null || f.remaining > 0) && (f.until === null || now < f.until));
  }
}
