/** Bundles Electron's main and preload into dist/electron (CommonJS, as a sandboxed preload requires). */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true } as const;

await build({
  ...common,
  entryPoints: [here('./main.ts')],
  outfile: here('../../dist/electron/main.cjs'),
  external: ['electron', 'better-sqlite3'],
});
await build({
  ...common,
  entryPoints: [here('./preload-entry.ts')],
  outfile: here('../../dist/electron/preload.cjs'),
  external: ['electron'],
});
console.log('built dist/electron/main.cjs and dist/electron/preload.cjs');
