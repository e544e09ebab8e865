/**
 * Resolves after `ms`, or rejects with `cancelled()` as soon as `signal` aborts (at once if it
 * already has). The timer is cleared on abort and the listener removed when the wait ends, so an
 * aborted wait leaves nothing behind.
 *
 * The timer is not `unref`'d: a process whose only pending work is a backoff (a script awaiting
 * one call) must stay alive to make the retry, not exit with the call unsettled.
 */
export function abortableWait(ms: number, signal: AbortSignal, cancelled: () => Error): Promise<void> {
  if (signal.aborted) return Promise.reject(cancelled());
  if (ms <= 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
