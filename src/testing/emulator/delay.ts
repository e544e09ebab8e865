/**
 * Waits `ms`, or less when `signal` aborts (the client left or the emulator is closing): a slow
 * scenario must never hold up `close()`. Resolves either way; callers check what they need.
 */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
