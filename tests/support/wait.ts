/**
 * Polls until the condition holds; fails with the description after the deadline. The deadline only
 * turns a hang into a clear failure: it is long, so that a busy machine is never mistaken for a bug.
 */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 60_000, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
