/**
 * Bundles Electron's main and preload into dist/electron (CommonJS, as a sandboxed preload requires),
 * the simulator and the headless host.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true } as const;

// Packages stay in node_modules, which electron-builder packs: pdfkit reads its font files from there.
await build({
  ...common,
  entryPoints: [here('./main.ts')],
  outfile: here('../../dist/electron/main.cjs'),
  packages: 'external',
  // The simulator launcher reads import.meta only when no bundled simulator is given; Electron gives one.
  logOverride: { 'empty-import-meta': 'silent' },
});
await build({
  ...common,
  entryPoints: [here('./preload-entry.ts')],
  outfile: here('../../dist/electron/preload.cjs'),
  external: ['electron'],
});
// Demo mode starts the KRA simulator as its own process; a packaged app runs it from this bundle.
await build({
  ...common,
  format: 'esm',
  entryPoints: [here('../kra-sim/cli.ts')],
  outfile: here('../../dist/kra-sim/cli.mjs'),
  packages: 'external',
});
// The headless host as a packaged app runs it: plain Node, no TypeScript sources, no tsx.
await build({
  ...common,
  format: 'esm',
  entryPoints: [here('../host/cli.ts')],
  outfile: here('../../dist/host/cli.mjs'),
  packages: 'external',
});
console.log('built dist/electron/main.cjs, dist/electron/preload.cjs, dist/kra-sim/cli.mjs and dist/host/cli.mjs');
