import { fileURLToPath } from 'node:url';

/** Where the project's own files live, resolved from this module so any working directory works. */
const root = fileURLToPath(new URL('..', import.meta.url));

export const projectPaths = {
  root,
  migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
  renderer: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
};
