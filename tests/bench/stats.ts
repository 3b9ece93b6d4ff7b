/**
 * Every bench figure is reported beside a floor: the least the same work could cost on this machine,
 * measured in the same run, interleaved with the figure, so that a busy machine slows both alike and
 * the ratio stays readable when the absolute figures move.
 */
export type Unit = 'ms' | 's' | 'MB' | '%' | '/s';

export interface Figure {
  /** What is measured, e.g. "sale commit, 20 lines, p50". */
  name: string;
  value: number;
  unit: Unit;
  /** The same measure of the floor, in the same unit. */
  floor?: { name: string; value: number };
  /** value / floor. */
  ratio?: number;
  /** What the figure should stay within, e.g. "<= 3x" (of the floor) or "<= 15 ms". */
  target?: string;
}

export function figure(name: string, value: number, unit: Unit, extra: { floor?: { name: string; value: number }; target?: string } = {}): Figure {
  const ratio = extra.floor && extra.floor.value > 0 ? value / extra.floor.value : undefined;
  return { name, value, unit, ...extra, ...(ratio === undefined ? {} : { ratio }) };
}

/** Percentiles of a sample of timings, in the unit given. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function summarise(samples: readonly number[]): { p50: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

/**
 * p50 and p99 of timings in ms beside the same percentiles of their floor's timings; `targets` are
 * printed beside each.
 */
export function timingFigures(
  name: string,
  samples: readonly number[],
  floor: { name: string; samples: readonly number[] },
  targets: { p50?: string; p99?: string } = {},
): Figure[] {
  const own = summarise(samples);
  const base = summarise(floor.samples);
  return (['p50', 'p99'] as const).map((p) =>
    figure(`${name}, ${p}`, own[p], 'ms', { floor: { name: floor.name, value: base[p] }, ...(targets[p] ? { target: targets[p] } : {}) }),
  );
}

/**
 * Runs `floor` and `work` by turns, `rounds` times each, and returns each one's timings in ms.
 * Between rounds the event loop has a turn, untimed, as it has between a till's requests.
 */
export async function interleave(rounds: number, floor: () => unknown, work: () => unknown): Promise<{ floor: number[]; work: number[] }> {
  const times = { floor: [] as number[], work: [] as number[] };
  for (let i = 0; i < rounds; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    let started = performance.now();
    await floor();
    times.floor.push(performance.now() - started);
    started = performance.now();
    await work();
    times.work.push(performance.now() - started);
  }
  return times;
}

export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return '-';
  switch (unit) {
    case 'ms':
      return `${value.toFixed(value < 1 ? 3 : value < 10 ? 2 : 1)} ms`;
    case 's':
      return `${value.toFixed(2)} s`;
    case 'MB':
      return `${value.toFixed(0)} MB`;
    case '%':
      return `${value.toFixed(1)}%`;
    case '/s':
      return `${Math.round(value).toLocaleString('en')}/s`;
  }
}

export const formatRatio = (ratio: number | undefined) => (ratio === undefined ? '' : `${ratio.toFixed(2)}x`);
