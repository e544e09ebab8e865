/** Whether a value that may come at once or later is a promise (or any thenable a user's function returned). */
export function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}
