/** Why a flight ended without an answer for the others: its leader's own caller went away. */
export const LEADER_GONE = Symbol("proxyless.cache.leader-gone");

/** Why a flight ended without an answer for the others: its answer cannot be written as JSON. */
export const UNSTORABLE = Symbol("proxyless.cache.unstorable");

/** What a flight's leader got: the entry's JSON, and whether it is being stored. */
export interface FlightResult {
  readonly text: string;
  readonly stored: boolean;
}

/**
 * One upstream call that identical requests in flight wait for. It settles with the entry's
 * JSON text, with the leader's error, or with {@link LEADER_GONE}, after which a waiter leads anew.
 */
export class Flight {
  readonly promise: Promise<FlightResult>;
  /** Set once it resolved: a `refresh` wants a newer answer than one already there. */
  resolved = false;
  #resolve!: (result: FlightResult) => void;
  #reject!: (reason: unknown) => void;

  constructor() {
    this.promise = new Promise<FlightResult>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // A flight nobody waits on must not be an unhandled rejection.
    this.promise.catch(() => undefined);
  }

  resolve(result: FlightResult): void {
    this.resolved = true;
    this.#resolve(result);
  }

  reject(reason: unknown): void {
    this.#reject(reason);
  }
}

/** Resolves `undefined` after `ms` (its timer never keeps the process alive). */
export function after(ms: number): Promise<undefined> {
  return new Promise((resolve) => {
    const timer: unknown = setTimeout(resolve, ms);
    (timer as { unref?: () => void }).unref?.();
  });
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
