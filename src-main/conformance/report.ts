/** One line per file (`ok   path` or `FAIL path: reason`) and the total, as the conformance CLI prints them. */
import type { FileResult } from './replay';

export function report(results: readonly FileResult[], write: (line: string) => void): { passed: number; failed: number } {
  for (const r of results) write(r.ok ? `ok   ${r.file}` : `FAIL ${r.file}: ${r.reason ?? 'failed'}`);
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  write(`${passed} passed, ${failed} failed`);
  return { passed, failed };
}
