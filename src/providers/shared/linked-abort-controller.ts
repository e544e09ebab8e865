/** An `AbortController` of the adapter's own that also follows the call's signal. */
export interface LinkedAbortController {
  readonly signal: AbortSignal;
  /** Aborts the request from the adapter's side (a consumer's early `break`, a timeout). */
  abort(reason?: unknown): void;
  /** Stops following the call's signal: call it once the request is settled. */
  dispose(): void;
}

/**
 * A controller linked to `parent`: aborting `parent` aborts it, but not the other way round. For SDKs
 * that do not close a response body on their own (`@google/genai` only releases its reader on an
 * early return), so that the adapter can close the request without aborting the caller's signal.
 */
export function linkedAbortController(parent: AbortSignal | undefined): LinkedAbortController {
  const controller = new AbortController();
  const follow = (): void => controller.abort(parent?.reason);
  if (parent?.aborted) follow();
  else parent?.addEventListener("abort", follow, { once: true });
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    dispose: () => parent?.removeEventListener("abort", follow),
  };
}
