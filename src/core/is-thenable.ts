/** Whether a value that may come at once or later is a promise (or any thenable a user's function returned). */
export function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/**
 * `then` for a value that may come at once or later: `fn` runs now on a value at hand (no promise
 * hop), or once a promise of it resolves.
 */
export function whenReady<T, R>(value: T | PromiseLike<T>, fn: (value: T) => R): R | Promise<Awaited<R>> {
  return isThenable(value) ? (Promise.resolve(value).then(fn) as Promise<Awaited<R>>) : fn(value);
}
