import { StreamInterruptedError } from "../../core/errors/stream-interrupted-error.js";
import type { ProviderStreamPart } from "../../core/types/provider-adapter.js";

/** A provider's stream mapper: events in, parts out, and the `finish` part once the stream is over. */
export interface SdkStreamMapper<Event> {
  map(event: Event): ProviderStreamPart[];
  /** The `finish` part; only called when {@link finished}. */
  finish(): ProviderStreamPart;
  /** Whether the provider said why it stopped: a stream that ends without it was cut short. */
  readonly finished: boolean;
}

/**
 * The `finish` part of a stream the SDK has finished reading. A stream that ended before the
 * provider said why it stopped is a `StreamInterruptedError`, never a short answer.
 */
export function finishSdkStream(mapper: SdkStreamMapper<unknown>, provider: string): ProviderStreamPart {
  if (!mapper.finished) {
    throw new StreamInterruptedError(`${provider}: the stream ended without a finish reason`, { provider });
  }
  return mapper.finish();
}
