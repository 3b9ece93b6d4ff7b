// `npm run bench [-- NAME]`: runs every tests/bench/*.bench.ts suite (or those whose file name holds
// NAME) and prints each figure beside its floor and the ratio, then a summary of every figure, and
// writes them to test-output/bench.json so that runs can be compared. Figures are printed, never
// asserted: speed targets are read from here, not from timed unit tests.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatRatio, formatValue, type Figure } from './stats';

export interface BenchSuite {
  name: string;
  /** Figures beside their floors; a plain record of printed values is shown as it is, with no floor. */
  run(): Promise<Figure[] | Record<string, string | number>>;
}

interface SuiteReport {
  ranAt: string;
  seconds: number;
  machine: { cpus: number; loadAverage: number[] };
  figures: Figure[];
  /** Values printed without a floor. */
  notes: Record<string, string | number>;
}

interface BenchFile {
  suites: Record<string, SuiteReport>;
}

const dir = fileURLToPath(new URL('.', import.meta.url));
const outputFile = join(dir, '..', '..', 'test-output', 'bench.json');

function row(cells: string[], widths: number[]): string {
  return `  ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')}`.trimEnd();
}

/** One line per figure; with `lastRun`, each figure's ratio (or value) in the previous run beside it. */
function table(figures: readonly Figure[], lastRun?: readonly (Figure | undefined)[]): string {
  const header = ['figure', 'value', 'floor', 'ratio', 'target', ...(lastRun ? ['last run'] : [])];
  const rows = figures.map((f, n) => {
    const cells = [
      f.name,
      formatValue(f.value, f.unit),
      f.floor ? `${formatValue(f.floor.value, f.unit)} ${f.floor.name}` : '',
      formatRatio(f.ratio),
      f.target ?? '',
    ];
    if (lastRun) {
      const last = lastRun[n];
      cells.push(last ? (last.ratio === undefined ? formatValue(last.value, last.unit) : formatRatio(last.ratio)) : '');
    }
    return cells;
  });
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...rows.map((r) => r[i]!.length)));
  return [row(header, widths), ...rows.map((r) => row(r, widths))].join('\n');
}

function readBenchFile(): BenchFile {
  if (!existsSync(outputFile)) return { suites: {} };
  try {
    return JSON.parse(readFileSync(outputFile, 'utf8')) as BenchFile;
  } catch {
    return { suites: {} };
  }
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
    .sort();
  if (files.length === 0) {
    console.log(only ? `no benchmark suite matches "${only}"` : 'no benchmark suites yet');
    return;
  }
  const before = readBenchFile();
  const reports: Record<string, SuiteReport> = {};
  for (const file of files) {
    const { suite } = (await import(pathToFileURL(join(dir, file)).href)) as { suite: BenchSuite };
    const ranAt = new Date().toISOString();
    const started = performance.now();
    const result = await suite.run();
    const seconds = (performance.now() - started) / 1000;
    const figures = Array.isArray(result) ? result : [];
    const notes = Array.isArray(result) ? {} : result;
    reports[suite.name] = { ranAt, seconds, machine: { cpus: cpus().length, loadAverage: loadavg() }, figures, notes };
    console.log(`\n${suite.name} (${seconds.toFixed(1)} s)`);
    if (figures.length > 0) console.log(table(figures));
    for (const [name, value] of Object.entries(notes)) console.log(`  ${name.padEnd(52)} ${value}`);
  }

  const all = Object.entries(reports).flatMap(([suite, report]) => report.figures.map((figure) => ({ suite, figure })));
  if (all.length > 0) {
    console.log('\nsummary: every figure beside its floor, measured in this run');
    console.log(
      table(
        all.map(({ suite, figure }) => ({ ...figure, name: `${suite.split(':')[0]}: ${figure.name}` })),
        all.map(({ suite, figure }) => before.suites[suite]?.figures.find((old) => old.name === figure.name)),
      ),
    );
  }
  mkdirSync(join(outputFile, '..'), { recursive: true });
  writeFileSync(outputFile, `${JSON.stringify({ suites: { ...before.suites, ...reports } } satisfies BenchFile, null, 2)}\n`);
  console.log(`\nfigures written to ${outputFile}`);
}

await main();
