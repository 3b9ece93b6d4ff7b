/**
 * Recorded payloads that break a rule of KRA's (spec) and so cannot pass, each named with the rule
 * it breaks, in exceptions.json beside this file. A listed file that fails is reported as known; a
 * listed file that passes fails the run, so the list never outlives its reason.
 */
import { readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { FileResult } from './replay';

export interface ConformanceException {
  /** The file's path from the corpus folder up, e.g. conformance-kra-samples/paybill-docs/expected_requests/x.json. */
  file: string;
  /** The spec rule the sample breaks. */
  rule: string;
}

export const EXCEPTIONS_FILE = new URL('./exceptions.json', import.meta.url);

export function loadExceptions(): ConformanceException[] {
  return (JSON.parse(readFileSync(EXCEPTIONS_FILE, 'utf8')) as { exceptions: ConformanceException[] }).exceptions;
}

/** Each result of a run on `folder`, with the rule of its exception where one is listed. */
export function applyExceptions(folder: string, results: readonly FileResult[], exceptions: readonly ConformanceException[]): FileResult[] {
  return results.map((result) => {
    const path = resolve(folder, result.file).split(sep).join('/');
    const listed = exceptions.find((e) => path.endsWith(`/${e.file}`));
    if (!listed) return result;
    if (result.ok) return { ...result, ok: false, reason: `passes now: remove its entry from src-main/conformance/exceptions.json (${listed.rule})` };
    return { ...result, exception: listed.rule };
  });
}
