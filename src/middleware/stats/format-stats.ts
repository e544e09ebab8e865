import type { LatencySummary, StatsCounts, StatsSnapshot } from "./stats-snapshot.js";

interface Column {
  readonly title: string;
  readonly align: "left" | "right";
  readonly cell: (row: StatsCounts & { readonly label: string }) => string;
}

const COLUMNS: readonly Column[] = [
  { title: "target", align: "left", cell: (r) => r.label },
  { title: "calls", align: "right", cell: (r) => count(r.calls) },
  { title: "failed", align: "right", cell: (r) => count(r.failed) },
  { title: "cancel", align: "right", cell: (r) => count(r.cancelled) },
  { title: "attempts", align: "right", cell: (r) => count(r.attempts) },
  { title: "retries", align: "right", cell: (r) => count(r.retries) },
  { title: "fallbk", align: "right", cell: (r) => count(r.fallbacks) },
  { title: "cache", align: "right", cell: (r) => (r.hitRate === null ? "-" : `${(r.hitRate * 100).toFixed(1)}%`) },
  { title: "p50 ms", align: "right", cell: (r) => ms(r.latencyMs.p50) },
  { title: "p95 ms", align: "right", cell: (r) => ms(r.latencyMs.p95) },
  { title: "p99 ms", align: "right", cell: (r) => ms(r.latencyMs.p99) },
  { title: "ttft p50", align: "right", cell: (r) => ms(r.firstTokenMs.p50) },
  { title: "tok in", align: "right", cell: (r) => count(r.tokens.input) },
  { title: "tok out", align: "right", cell: (r) => count(r.tokens.output) },
  { title: "cost $", align: "right", cell: (r) => usd(r.costUsd, r.unpriced) },
];

/**
 * Renders a snapshot as a fixed-width text table: a row per target, most calls first, a `total`
 * row, then the errors of each target by class (`attempts:` failed attempts, `calls:` what failed
 * calls ended with). For a terminal or a log, not for parsing: read the snapshot for that.
 *
 * @example
 * ```text
 * target              calls  failed  cancel  attempts  retries  fallbk  cache  p50 ms  p95 ms  p99 ms  ttft p50  tok in  tok out    cost $
 * openai/gpt-4o-mini      3       1       0         5        2       0  33.3%    12.3     250    1235         -    1200       34  0.000200
 * total                   3       1       0         5        2       0  33.3%    12.3     250    1235         -    1200       34  0.000200
 *
 * errors
 * openai/gpt-4o-mini  attempts: ServerError ×3, RateLimitError ×1; calls: ServerError ×1
 *
 * percentiles of the last 1024 calls per target; since 2025-01-01T00:00:00.000Z
 * ```
 */
export function formatStats(snapshot: StatsSnapshot): string {
  const rows = [
    ...snapshot.targets.map((t) => ({ ...t, label: `${t.provider}/${t.model}` })),
    { ...snapshot.totals, label: "total" },
  ];
  const cells = [COLUMNS.map((c) => c.title), ...rows.map((row) => COLUMNS.map((c) => c.cell(row)))];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((line) => (line[i] as string).length)));
  const lines = cells.map((line) =>
    line
      .map((text, i) => ((COLUMNS[i] as Column).align === "left" ? text.padEnd(widths[i] as number) : text.padStart(widths[i] as number)))
      .join("  ")
      .trimEnd(),
  );

  const errorLines: string[] = [];
  for (const row of rows.slice(0, -1)) {
    const parts = [classes("attempts", row.errors), classes("calls", row.callErrors)].filter((p) => p !== "");
    if (parts.length > 0) errorLines.push(`${row.label.padEnd(widths[0] as number)}  ${parts.join("; ")}`);
  }
  if (errorLines.length > 0) lines.push("", "errors", ...errorLines);
  const window = `percentiles of the last ${snapshot.windowSize} calls per target; since ${snapshot.since}`;
  const evicted = snapshot.evictedTargets > 0 ? `; ${snapshot.evictedTargets} idle target(s) dropped (in total only)` : "";
  lines.push("", `${window}${evicted}`);
  return lines.join("\n");
}

function classes(label: string, byName: Readonly<Record<string, number>>): string {
  const entries = Object.entries(byName).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.length === 0 ? "" : `${label}: ${entries.map(([name, n]) => `${name} ×${n}`).join(", ")}`;
}

function count(n: number): string {
  return `${n}`;
}

function ms(value: LatencySummary["p50"]): string {
  if (value === null) return "-";
  return value >= 100 ? `${Math.round(value)}` : value.toFixed(1);
}

/** Dollars to six places (a call costs fractions of a cent); `+` when some calls had no price, `-` for none priced. */
function usd(value: number, unpriced: number): string {
  if (value === 0 && unpriced > 0) return "-";
  return `${value.toFixed(6)}${unpriced > 0 ? "+" : ""}`;
}
