import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPaths } from '../../src-main/paths';

/** The payloads recorded by another eTIMS implementation, read in place from ../shared. */
export const CONFORMANCE_DIR = join(projectPaths.root, '..', 'shared', 'conformance');

/** KRA's spec samples and two other integrations' payloads (see its INDEX.md), read in place. */
export const KRA_SAMPLES_DIR = join(projectPaths.root, '..', 'shared', 'conformance-kra-samples');

export function recorded(relativePath: string): { text: string; json: unknown } {
  const text = readFileSync(join(CONFORMANCE_DIR, relativePath), 'utf8');
  return { text, json: JSON.parse(text) as unknown };
}
