// `npm run bench`: runs every tests/bench/*.bench.ts suite and prints its figures.
// Figures are printed, never asserted: speed targets are read from here, not from timed unit tests.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchSuite {
  name: string;
  run(): Promise<Record<string, string | number>>;
}

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();

if (files.length === 0) console.log('no benchmark suites yet');
for (const file of files) {
  const { suite } = (await import(pathToFileURL(`${dir}/${file}`).href)) as { suite: BenchSuite };
  const started = performance.now();
  const figures = await suite.run();
  console.log(`\n${suite.name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  for (const [name, value] of Object.entries(figures)) console.log(`  ${name.padEnd(44)} ${value}`);
}
