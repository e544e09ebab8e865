import { describe, expect, it } from "vitest";
import { formatStats } from "./format-stats.js";
import type { StatsCounts, StatsSnapshot } from "./stats-snapshot.js";

const counts = (over: Partial<StatsCounts> = {}): StatsCounts => ({
  calls: 0,
  answered: 0,
  failed: 0,
  cancelled: 0,
  attempts: 0,
  retries: 0,
  fallbacks: 0,
  cacheHits: 0,
  hitRate: null,
  errors: {},
  callErrors: {},
  latencyMs: { samples: 0, p50: null, p95: null, p99: null },
  firstTokenMs: { samples: 0, p50: null },
  tokens: { input: 0, output: 0, total: 0, cached: 0, reasoning: 0 },
  costUsd: 0,
  unpriced: 0,
  ...over,
});

const openai = counts({
  calls: 3,
  answered: 2,
  failed: 1,
  attempts: 5,
  retries: 2,
  cacheHits: 1,
  hitRate: 1 / 3,
  errors: { ServerError: 3, RateLimitError: 1 },
  callErrors: { ServerError: 1 },
  latencyMs: { samples: 1, p50: 12.34, p95: 250, p99: 1234.5 },
  tokens: { input: 1200, output: 34, total: 1234, cached: 0, reasoning: 0 },
  costUsd: 0.0002,
});

const snapshot: StatsSnapshot = {
  since: "2025-01-01T00:00:00.000Z",
  takenAt: "2025-01-01T00:01:00.000Z",
  windowSize: 1024,
  maxTargets: 256,
  evictedTargets: 0,
  totals: openai,
  targets: [{ provider: "openai", model: "gpt-4o-mini", lastSeen: "2025-01-01T00:00:59.000Z", ...openai }],
};

describe("formatStats", () => {
  it("renders a row per target, a total row, and the errors by class", () => {
    expect(formatStats(snapshot)).toBe(
      [
        "target              calls  failed  cancel  attempts  retries  fallbk  cache  p50 ms  p95 ms  p99 ms  ttft p50  tok in  tok out    cost $",
        "openai/gpt-4o-mini      3       1       0         5        2       0  33.3%    12.3     250    1235         -    1200       34  0.000200",
        "total                   3       1       0         5        2       0  33.3%    12.3     250    1235         -    1200       34  0.000200",
        "",
        "errors",
        "openai/gpt-4o-mini  attempts: ServerError ×3, RateLimitError ×1; calls: ServerError ×1",
        "",
        "percentiles of the last 1024 calls per target; since 2025-01-01T00:00:00.000Z",
      ].join("\n"),
    );
  });

  it("an empty snapshot is a header, a total of zeros and no errors section", () => {
    const text = formatStats({ ...snapshot, totals: counts(), targets: [], evictedTargets: 2 });
    expect(text).toMatch(/^total +0 +0 +0 +0 +0 +0 +- +- +- +- +- +0 +0 +0\.000000$/m);
    expect(text).not.toContain("errors");
    expect(text).toContain("2 idle target(s) dropped");
  });

  it("marks a cost that leaves out unpriced calls, and shows none when nothing was priced", () => {
    const some = formatStats({ ...snapshot, totals: counts({ costUsd: 0.5, unpriced: 1 }), targets: [] });
    expect(some).toMatch(/^total .* 0\.500000\+$/m);
    const none = formatStats({ ...snapshot, totals: counts({ unpriced: 2 }), targets: [] });
    expect(none).toMatch(/^total .* 0 +-$/m);
  });
});
