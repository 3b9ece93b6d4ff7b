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

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
