import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root: the nearest folder above this module holding package.json, whether this module
 * runs from its source (src-main/) or from a bundle (dist/host/).
 */
function projectRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
  }
}

/** Where the project's own files live, resolved from this module so any working directory works. */
const root = projectRoot();

export const projectPaths = {
  root,
  migrations: join(root, 'migrations'),
  renderer: join(root, 'dist', 'renderer'),
};
