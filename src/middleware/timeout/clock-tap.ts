import type { StreamTap } from "../../core/stream/tapped-stream.js";
import type { AttemptClock } from "./attempt-clock.js";

/**
 * What an attempt's stream tells its clock: the first pull starts it, every later pull starts a
 * wait for the next event, an event ends that wait, `finish` (the attempt's last event: what
 * follows it is the chain winding down, not the provider) or any end stops it.
 *
 * @param expired the `TimeoutError` the clock cancelled the attempt with, once it has. A pull
 *   fails with it then: `totalMs` ran out while the caller held the last event, the request is
 *   closed, and nothing it may still have buffered is passed on.
 */
export function clockTap(clock: AttemptClock, expired: () => Error | undefined): StreamTap {
  let started = false;
  return {
    pull() {
      const error = expired();
      if (error) throw error;
      if (started) clock.waiting();
      else {
        started = true;
        clock.start();
      }
    },
    event(event) {
      if (event.type === "finish") clock.stop();
      else clock.event();
      return event;
    },
    end() {
      clock.stop();
    },
  };
}
