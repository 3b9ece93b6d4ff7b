// Runs the test suites with Node's own test runner (TypeScript through tsx).
// Usage: tsx tests/run.ts [unit|integration|e2e ...] [--only PATTERN]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return /\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const args = process.argv.slice(2);
let only: string | undefined;
const suites: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--only') only = args[++i];
  else suites.push(args[i]!);
}
if (suites.length === 0) suites.push('unit', 'integration', 'e2e');

const files = suites
  .flatMap((suite) => testFiles(join(root, 'tests', suite)))
  .filter((f) => !only || f.includes(only))
  .map((f) => relative(root, f))
  .sort();

if (files.length === 0) {
  console.error(`no test files found for: ${suites.join(', ')}`);
  process.exit(1);
}

/**
 * Each test file must finish within this, so a hang fails the run instead of holding CI. Node 20's
 * runner applies --test-timeout to a file as a whole; the longest, the crash test's 200 kills, took
 * 404 s with three busy loops competing for the two cores, hence more than twice that.
 */
const FILE_TIME_LIMIT_MS = 15 * 60_000;

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', `--test-timeout=${FILE_TIME_LIMIT_MS}`, ...files],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
