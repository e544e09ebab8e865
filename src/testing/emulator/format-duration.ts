/**
 * Milliseconds as Go's `time.Duration.String()` writes them, the format of OpenAI's
 * `x-ratelimit-reset-*` headers: `0s`, `12ms`, `1s`, `18.642s`, `6m0s`, `1h0m0s`.
 */
export function goDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  if (total === 0) return "0s";
  if (total < 1000) return `${total}ms`;
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = `${Math.floor((total % 60_000) / 1000)}${fraction(total % 1000)}s`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}`;
  return minutes > 0 ? `${minutes}m${seconds}` : seconds;
}

/** Whole seconds to wait, at least 1: the `retry-after` header. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function fraction(ms: number): string {
  return ms === 0 ? "" : `.${String(ms).padStart(3, "0").replace(/0+$/, "")}`;
}
