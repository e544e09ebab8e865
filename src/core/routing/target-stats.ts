import type { Route } from "./router.js";

/** Weight of the newest sample in the moving average of latencies. */
const ALPHA = 0.2;
/** Latencies kept per target for hedging percentiles. */
const RING = 128;

class Stats {
  inFlight = 0;
  /** Moving average of latency (ms): the whole answer for a chat, the first event for a stream. */
  average: number | undefined;
  readonly recent: number[] = [];
  #next = 0;

  observe(ms: number): void {
    this.average = this.average === undefined ? ms : this.average + ALPHA * (ms - this.average);
    if (this.recent.length < RING) this.recent.push(ms);
    else this.recent[this.#next] = ms;
    this.#next = (this.#next + 1) % RING;
  }
}

/**
 * What routing knows of each target's recent behaviour in this client: calls in flight
 * (`least-busy`) and latency (`least-latency`, hedging by percentile). Latency is the time to the
 * answer for a chat and to the first event for a stream, never divided by a token count: a target
 * that starts slowly is slow, however long its answers.
 */
export class TargetStats {
  readonly #stats = new Map<string, Stats>();

  #of(target: Route): Stats {
    const id = `${target.provider}/${target.model}`;
    let stats = this.#stats.get(id);
    if (!stats) {
      if (this.#stats.size >= 4096) this.#stats.clear();
      this.#stats.set(id, (stats = new Stats()));
    }
    return stats;
  }

  /** An attempt on the target starts; call the returned function when it ends. */
  begin(target: Route): () => void {
    const stats = this.#of(target);
    stats.inFlight += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      stats.inFlight -= 1;
    };
  }

  observe(target: Route, latencyMs: number): void {
    this.#of(target).observe(latencyMs);
  }

  /**
   * A target failed after `elapsedMs`: for `least-latency` it counts as twice as slow as it has
   * been (or as this failure took, if longer), so a target that fails fast never looks fast and one
   * that keeps failing sinks behind the others; hedging percentiles keep successes only.
   */
  failed(target: Route, elapsedMs: number): void {
    const stats = this.#of(target);
    const penalty = 2 * Math.max(elapsedMs, stats.average ?? elapsedMs, 1);
    stats.average = stats.average === undefined ? penalty : stats.average + ALPHA * (penalty - stats.average);
  }

  inFlight(target: Route): number {
    return this.#stats.get(`${target.provider}/${target.model}`)?.inFlight ?? 0;
  }

  /** The moving average latency, `undefined` before the first sample. */
  averageLatency(target: Route): number | undefined {
    return this.#stats.get(`${target.provider}/${target.model}`)?.average;
  }

  /** The `p`th percentile (0-100) of recent latencies, once there are `minSamples`. */
  percentile(target: Route, p: number, minSamples: number): number | undefined {
    const recent = this.#stats.get(`${target.provider}/${target.model}`)?.recent;
    if (!recent || recent.length < minSamples) return undefined;
    const sorted = [...recent].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  }
}
