import { didYouMean } from "../../core/errors/closest-name.js";
import type { MeterProvider, TracerProvider } from "@opentelemetry/api";
import { ConfigError } from "../../core/errors/config-error.js";
import { describeProvider, readEnv, type ProviderInfo } from "./provider-info.js";
import { METRIC_DEFAULTS, OPT_IN_LATEST } from "./semconv.js";
import type { TracedProvider, TracingMetricOptions, TracingOptions } from "./tracing-options.js";

/** One metric as it will be created: its name, unit, description and bucket advice. */
export interface ResolvedMetric {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
  readonly buckets: readonly number[];
}

/** {@link TracingOptions} checked, with every default filled in. */
export interface ResolvedTracingOptions {
  readonly name: string;
  readonly tracerProvider: TracerProvider | undefined;
  readonly meterProvider: MeterProvider | undefined;
  readonly captureContent: boolean;
  readonly semconv: "latest" | "legacy";
  readonly attemptSpans: boolean;
  /** `undefined` for a metric turned off (all of them with `metrics: false`). */
  readonly metrics: {
    readonly operationDuration: ResolvedMetric | undefined;
    readonly tokenUsage: ResolvedMetric | undefined;
    readonly timeToFirstChunk: ResolvedMetric | undefined;
    readonly overhead: ResolvedMetric | undefined;
  };
  /** The provider behind a configured name, worked out once per name. */
  readonly provider: (configuredName: string) => ProviderInfo;
}

const KNOWN: readonly (keyof TracingOptions)[] = ["tracerProvider", "meterProvider", "captureContent", "semconv", "attemptSpans", "metrics", "providers", "name"];
const METRICS: readonly (keyof typeof METRIC_DEFAULTS)[] = ["operationDuration", "tokenUsage", "timeToFirstChunk", "overhead"];

/**
 * Checks the options as a config file could give them (anything at all) and fills in the
 * defaults, once, when the middleware is made.
 *
 * @throws ConfigError naming the option and what it takes.
 */
export function resolveTracingOptions(options: unknown = {}): ResolvedTracingOptions {
  const given = record(options, "options", "an object such as { captureContent: true }");
  for (const key of Object.keys(given)) {
    if (!(KNOWN as readonly string[]).includes(key)) throw new ConfigError(`tracing: unknown option "${key}"${didYouMean(key, KNOWN)}; the options are ${KNOWN.join(", ")}`, { path: key });
  }
  const name = given.name ?? "tracing";
  if (typeof name !== "string" || name === "") throw new ConfigError(`tracing: name must be a non-empty string, got ${shown(name)}`, { path: "name" });
  const semconv = given.semconv ?? semconvFromEnv();
  if (semconv !== "latest" && semconv !== "legacy") throw new ConfigError(`tracing: semconv must be "latest" or "legacy", got ${shown(semconv)}`, { path: "semconv" });
  const providers = given.providers === undefined ? {} : record(given.providers, "providers", "an object of provider entries by name");
  const entries = new Map<string, TracedProvider>();
  for (const [provider, value] of Object.entries(providers)) entries.set(provider, tracedProvider(provider, value));
  const known = new Map<string, ProviderInfo>();
  return {
    name,
    tracerProvider: provider(given, "tracerProvider", "getTracer") as TracerProvider | undefined,
    meterProvider: provider(given, "meterProvider", "getMeter") as MeterProvider | undefined,
    captureContent: flag(given, "captureContent", false),
    semconv,
    attemptSpans: flag(given, "attemptSpans", true),
    metrics: resolveMetrics(given.metrics),
    provider(configuredName) {
      let info = known.get(configuredName);
      if (!info) {
        info = describeProvider(configuredName, entries.get(configuredName));
        known.set(configuredName, info);
      }
      return info;
    },
  };
}

/**
 * `latest` unless the environment steers the conventions of instrumentations and has not opted in
 * to the latest GenAI ones: instrumentations emit their old names then, and this one follows suit.
 */
function semconvFromEnv(): "latest" | "legacy" {
  const optIn = readEnv("OTEL_SEMCONV_STABILITY_OPT_IN");
  if (optIn === undefined) return "latest";
  return optIn.split(",").some((token) => token.trim() === OPT_IN_LATEST) ? "latest" : "legacy";
}

function resolveMetrics(value: unknown): ResolvedTracingOptions["metrics"] {
  if (value === false) return { operationDuration: undefined, tokenUsage: undefined, timeToFirstChunk: undefined, overhead: undefined };
  const given = value === undefined ? {} : record(value, "metrics", "false or an object such as { tokenUsage: false }");
  for (const key of Object.keys(given)) {
    if (!(METRICS as readonly string[]).includes(key)) throw new ConfigError(`tracing: unknown metric "${key}"; the metrics are ${METRICS.join(", ")}`, { path: `metrics.${key}` });
  }
  const one = (key: keyof typeof METRIC_DEFAULTS): ResolvedMetric | undefined => {
    const defaults = METRIC_DEFAULTS[key];
    const option = given[key];
    if (option === false) return undefined;
    const path = `metrics.${key}`;
    const custom = option === undefined ? {} : (record(option, path, "false or { name, buckets }") as TracingMetricOptions);
    for (const k of Object.keys(custom)) if (k !== "name" && k !== "buckets") throw new ConfigError(`tracing: unknown option "${path}.${k}"; give name or buckets`, { path: `${path}.${k}` });
    const name = custom.name ?? defaults.name;
    if (typeof name !== "string" || name === "") throw new ConfigError(`tracing: ${path}.name must be a non-empty string, got ${shown(name)}`, { path: `${path}.name` });
    const buckets: unknown = custom.buckets ?? defaults.buckets;
    if (!isAscending(buckets)) throw new ConfigError(`tracing: ${path}.buckets must be a list of finite numbers in ascending order, got ${shown(buckets)}`, { path: `${path}.buckets` });
    return { name, unit: defaults.unit, description: defaults.description, buckets: [...buckets] };
  };
  return { operationDuration: one("operationDuration"), tokenUsage: one("tokenUsage"), timeToFirstChunk: one("timeToFirstChunk"), overhead: one("overhead") };
}

/** Only the fields the tracer reads are kept: an entry of the client's own `providers` carries a key. */
function tracedProvider(provider: string, value: unknown): TracedProvider {
  const path = `providers.${provider}`;
  const entry = record(value, path, "an object such as { type, baseURL }");
  const text = (field: "type" | "baseURL" | "providerName"): string | undefined => {
    const v = entry[field];
    if (v === undefined) return undefined;
    if (typeof v !== "string" || v === "") throw new ConfigError(`tracing: ${path}.${field} must be a non-empty string, got ${shown(v)}`, { path: `${path}.${field}` });
    return v;
  };
  const type = text("type");
  const baseURL = text("baseURL");
  const providerName = text("providerName");
  return { ...(type !== undefined && { type }), ...(baseURL !== undefined && { baseURL }), ...(providerName !== undefined && { providerName }) };
}

function provider(given: Readonly<Record<string, unknown>>, option: string, method: string): object | undefined {
  const value = given[option];
  if (value === undefined) return undefined;
  if (typeof value === "object" && value !== null && typeof (value as Record<string, unknown>)[method] === "function") return value;
  throw new ConfigError(`tracing: ${option} must be an OpenTelemetry ${option === "tracerProvider" ? "TracerProvider" : "MeterProvider"} (with ${method}()), got ${shown(value)}`, { path: option });
}

function flag(given: Readonly<Record<string, unknown>>, option: string, fallback: boolean): boolean {
  const value = given[option] ?? fallback;
  if (typeof value !== "boolean") throw new ConfigError(`tracing: ${option} must be true or false, got ${shown(value)}`, { path: option });
  return value;
}

function record(value: unknown, path: string, takes: string): Readonly<Record<string, unknown>> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigError(`tracing: ${path} must be ${takes}, got ${shown(value)}`, path === "options" ? {} : { path });
  }
  return value as Readonly<Record<string, unknown>>;
}

function isAscending(value: unknown): value is readonly number[] {
  return Array.isArray(value) && value.every((v, i) => typeof v === "number" && Number.isFinite(v) && (i === 0 || v > (value[i - 1] as number)));
}

/** A bad value as a message shows it: a scalar as written, anything else by its kind (never its contents). */
function shown(value: unknown): string {
  switch (typeof value) {
    case "number":
    case "boolean":
      return `${value}`;
    case "string":
      return JSON.stringify(value);
    case "object":
      return value === null ? "null" : Array.isArray(value) ? "an array" : "an object";
    default:
      return `a ${typeof value}`;
  }
}
