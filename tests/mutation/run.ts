// Mutation testing (StrykerJS) of the code that must not be wrong: money, tax, the hash chain, the
// sender, sale, refund and dispatch. A measurement like the bench, not part of `npm test`.
// Usage: tsx tests/mutation/run.ts [GROUP ...]   (npm run mutate -- money tax)
//
// Each group of files is mutated against the tests that speak of it, so a mutant of money.ts does
// not wait for the integration tests that merely import it. Results are kept per group in
// tests/mutation/incremental/GROUP.json: a later run tests only mutants whose code or tests changed.
import { relative } from 'node:path';
import { Stryker } from '@stryker-mutator/core';
import type { MutantResult } from '@stryker-mutator/api/core';

interface Group {
  name: string;
  mutate: string[];
  tests: string[];
}

// Within a group the quick, focused files come first: a mutant stops at the first file that fails.
const GROUPS: Group[] = [
  { name: 'money', mutate: ['src-shared/money.ts'], tests: ['tests/unit/money.test.ts', 'tests/unit/money-*.test.ts'] },
  { name: 'tax', mutate: ['src-shared/tax.ts'], tests: ['tests/unit/tax.test.ts', 'tests/unit/tax-*.test.ts'] },
  {
    name: 'chain',
    mutate: ['src-main/ledger/chain*.ts'],
    tests: ['tests/integration/ledger/chain-links.test.ts', 'tests/integration/ledger/sale-commit.test.ts', 'tests/integration/ledger/chain-pages.test.ts'],
  },
  { name: 'worker', mutate: ['src-main/sync/worker.ts'], tests: ['tests/integration/sync/worker-*.test.ts', 'tests/integration/sync/worker.test.ts'] },
  {
    name: 'till',
    mutate: ['src-main/till/sale.ts', 'src-main/till/refund.ts'],
    tests: [
      'tests/integration/ledger/sale-rules.test.ts',
      'tests/integration/ledger/refund-rules.test.ts',
      'tests/integration/ledger/refund.test.ts',
      'tests/integration/ledger/sale-commit.test.ts',
    ],
  },
  { name: 'dispatch', mutate: ['src-main/api/dispatch.ts'], tests: ['tests/unit/api/dispatch-*.test.ts', 'tests/unit/api/dispatch.test.ts'] },
];

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

interface Tally {
  killed: number;
  timedOut: number;
  survived: number;
  noCoverage: number;
}

function tally(results: readonly MutantResult[]): Map<string, Tally> {
  const byFile = new Map<string, Tally>();
  for (const mutant of results) {
    const t = byFile.get(mutant.fileName) ?? { killed: 0, timedOut: 0, survived: 0, noCoverage: 0 };
    if (mutant.status === 'Killed') t.killed += 1;
    if (mutant.status === 'Timeout') t.timedOut += 1;
    if (mutant.status === 'Survived') t.survived += 1;
    if (mutant.status === 'NoCoverage') t.noCoverage += 1;
    byFile.set(mutant.fileName, t);
  }
  return byFile;
}

const score = (t: Tally) => {
  const detected = t.killed + t.timedOut;
  const total = detected + t.survived + t.noCoverage;
  return total === 0 ? 100 : (100 * detected) / total;
};

async function runGroup(group: Group): Promise<MutantResult[]> {
  const stryker = new Stryker({
    mutate: group.mutate,
    tap: { testFiles: group.tests, nodeArgs: ['--test-reporter=tap', '--import', 'tsx'], forceBail: true },
    incrementalFile: `tests/mutation/incremental/${group.name}.json`,
    htmlReporter: { fileName: `test-output/mutation/${group.name}.html` },
  });
  return stryker.runMutationTest();
}

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !GROUPS.some((g) => g.name === name));
if (unknown.length > 0) {
  console.error(`unknown group ${unknown.join(', ')}; the groups are ${GROUPS.map((g) => g.name).join(', ')}`);
  process.exit(2);
}
const groups = asked.length === 0 ? GROUPS : GROUPS.filter((g) => asked.includes(g.name));

const started = Date.now();
const rows: [string, Tally, number][] = [];
const all: MutantResult[] = [];
for (const group of groups) {
  const groupStarted = Date.now();
  const results = await runGroup(group);
  all.push(...results.filter((m) => DETECTED.has(m.status) || UNDETECTED.has(m.status)));
  const seconds = (Date.now() - groupStarted) / 1000;
  for (const [file, t] of tally(results)) rows.push([relative(process.cwd(), file), t, seconds]);
}

const pad = (text: string | number, width: number) => String(text).padStart(width);
console.log('\nmutation score per file (killed + timed out) / (killed + timed out + survived + no coverage)');
console.log(`${'file'.padEnd(32)} ${pad('score', 7)} ${pad('killed', 7)} ${pad('timeout', 8)} ${pad('survived', 9)} ${pad('no cover', 9)} ${pad('group s', 8)}`);
for (const [file, t, seconds] of rows) {
  console.log(
    `${file.padEnd(32)} ${pad(`${score(t).toFixed(1)}%`, 7)} ${pad(t.killed, 7)} ${pad(t.timedOut, 8)} ${pad(t.survived, 9)} ${pad(t.noCoverage, 9)} ${pad(seconds.toFixed(0), 8)}`,
  );
}
const whole = [...tally(all).values()].reduce(
  (sum, t) => ({ killed: sum.killed + t.killed, timedOut: sum.timedOut + t.timedOut, survived: sum.survived + t.survived, noCoverage: sum.noCoverage + t.noCoverage }),
  { killed: 0, timedOut: 0, survived: 0, noCoverage: 0 },
);
console.log(`mutation score ${score(whole).toFixed(1)}% over ${all.length} mutants, in ${((Date.now() - started) / 1000).toFixed(0)} s`);
