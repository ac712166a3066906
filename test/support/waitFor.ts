/** A value a condition may answer with; any of these means "not yet". */
type NotYet = false | null | undefined;

export interface WaitForOptions {
  /** What is waited for, as the failure names it; a function is asked only when the deadline passes (to show the state then). */
  what: string | (() => string);
  /** How long the condition has to hold before the wait fails. */
  timeoutMs?: number;
  /** How often the condition is asked again. */
  intervalMs?: number;
}

/**
 * Wait until `condition` holds, for what another process or the network does: a line a child
 * writes, a row in the database, an HTTP answer. Asked at once, then every `intervalMs`; resolves
 * with the condition's first answer that is not false, null or undefined, and fails naming `what`
 * once `timeoutMs` has passed. The deadline is only a guard: a test that passes never waits for it.
 * (Code on the injected clock is driven through the clock, not waited for.)
 */
export async function waitFor<T>(condition: () => T | NotYet | Promise<T | NotYet>, options: WaitForOptions): Promise<T> {
  const { timeoutMs = 5000, intervalMs = 20 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value !== false && value !== null && value !== undefined) return value;
    if (Date.now() >= deadline) {
      const what = typeof options.what === 'function' ? options.what() : options.what;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
