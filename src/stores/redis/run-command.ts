import { redactSecrets, scrubSecrets } from "../../core/errors/scrub-secrets.js";

/**
 * When a command may be sent: `undefined` for now, a promise that resolves once it may (the first
 * connection is being made) or rejects when it may not (Redis is unreachable).
 */
export type Gate = () => Promise<void> | undefined;

/**
 * Sends one command and settles within the bound: its result, or an `Error` saying what failed.
 * `late` receives a result that arrives after the bound (the caller was told it failed).
 */
export type RunCommand = <T>(op: string, send: () => Promise<T>, late?: (value: T) => void) => Promise<T>;

export interface RunCommandOptions {
  readonly timeoutMs: number;
  readonly gate: Gate;
  /** Strings never to show in a message or a cause (the URL's password). */
  readonly secrets: readonly string[];
}

/**
 * The cache middleware skips the store on a rejection, so what matters is that every operation
 * settles quickly: a Redis that hangs must cost a call at most `timeoutMs`, never a stuck request.
 * ioredis cannot cancel a sent command; one that settles after the timeout is ignored (its
 * rejection handled, so never unhandled). A command still waiting at its gate when the time is up
 * is never sent: a late lock taken by no one would block others until it expired.
 */
export function commandRunner({ timeoutMs, gate, secrets }: RunCommandOptions): RunCommand {
  return <T>(op: string, send: () => Promise<T>, late?: (value: T) => void) =>
    new Promise<T>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        reject(new Error(`redis store: ${op} timed out after ${String(timeoutMs)} ms`));
      }, timeoutMs);
      // A pending cache lookup is no reason to keep the process alive.
      timer.unref();
      const onValue = (value: T): void => {
        if (settled) {
          late?.(value);
          return;
        }
        settled = true;
        clearTimeout(timer);
        resolve(value);
      };
      const onError = (error: unknown): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(failure(op, error, secrets));
      };
      const start = (): void => {
        if (settled) return;
        try {
          send().then(onValue, onError);
        } catch (error) {
          onError(error);
        }
      };
      const waiting = gate();
      if (waiting === undefined) start();
      else waiting.then(start, onError);
    });
}

function failure(op: string, error: unknown, secrets: readonly string[]): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(`redis store: ${op} failed: ${redactSecrets(reason, secrets)}`, {
    cause: scrubSecrets(error, secrets),
  });
}
