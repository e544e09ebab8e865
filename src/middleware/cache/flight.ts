/** Why a flight ended without an answer for the others: its leader's own caller went away. */
export const LEADER_GONE = Symbol("proxyless.cache.leader-gone");

/**
 * One upstream call that identical requests in flight wait for. It settles with the entry's
 * JSON text, with the leader's error, or with {@link LEADER_GONE}, after which a waiter leads anew.
 */
export class Flight {
  readonly promise: Promise<string>;
  resolve!: (entry: string) => void;
  reject!: (reason: unknown) => void;
  /** Requests that were answered by this flight besides its leader. */
  waiters = 0;

  constructor() {
    this.promise = new Promise<string>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // A flight nobody waits on must not be an unhandled rejection.
    this.promise.catch(() => undefined);
  }
}

/** A promise that rejects with the signal's reason as soon as it aborts. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the leader's error, or LEADER_GONE, passed on as it is
        reject(error);
      },
    );
  });
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return untilAborted(new Promise<void>((resolve) => setTimeout(resolve, ms)), signal);
}
