/** One line per file (`ok   path`, `FAIL path: reason` or `known path: reason`) and the totals, as the conformance CLI prints them. */
import type { FileResult } from './replay';

export function report(results: readonly FileResult[], write: (line: string) => void): { passed: number; failed: number; known: number } {
  for (const r of results) {
    if (r.ok) write(`ok   ${r.file}`);
    else if (r.exception) write(`known ${r.file}: ${r.reason ?? 'failed'} [exception: ${r.exception}]`);
    else write(`FAIL ${r.file}: ${r.reason ?? 'failed'}`);
  }
  const passed = results.filter((r) => r.ok).length;
  const known = results.filter((r) => !r.ok && r.exception).length;
  const failed = results.length - passed - known;
  write(`${passed} passed, ${failed} failed${known > 0 ? `, ${known} known exceptions (src-main/conformance/exceptions.json)` : ''}`);
  return { passed, failed, known };
}
