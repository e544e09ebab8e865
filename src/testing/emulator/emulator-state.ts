import type { ConnectionCounts, EmulatorOptions } from "./emulator-options.js";
import type { RateLimiter } from "./rate-limiter.js";
import type { RecordedRequest } from "./record-request.js";
import type { ScriptQueue } from "./script-queue.js";
import type { ThinkingSigner } from "./thinking-signer.js";

/** What every request handler shares: resolved options and the emulator's mutable parts. */
export interface EmulatorState {
  readonly latencyMs: number;
  readonly chunkDelayMs: number;
  readonly replyWords: number;
  readonly apiKeys: NonNullable<EmulatorOptions["apiKeys"]>;
  readonly now: () => number;
  readonly requests: RecordedRequest[];
  readonly scripts: ScriptQueue;
  readonly limiter: RateLimiter;
  /** Signs the thinking this emulator returns and verifies what comes back (one secret per emulator). */
  readonly signer: ThinkingSigner;
  /** The next `RecordedRequest.id`. */
  readonly nextRequestId: () => number;
  /** True once `close()` started: sockets destroyed from then on are not the client's doing. */
  readonly isClosing: () => boolean;
  /** What the server's connections have been. */
  readonly connections: () => ConnectionCounts;
  /** Forgets recorded requests, scripts, rate-limit windows and connection counts. */
  readonly reset: () => void;
}
