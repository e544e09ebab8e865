import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError } from "../../core/errors/config-error.js";
import { resolveTracingOptions } from "./resolve-tracing-options.js";

afterEach(() => vi.unstubAllEnvs());

describe("resolveTracingOptions", () => {
  it("fills in the defaults: latest names, no content, attempt spans, the conventions' metrics", () => {
    vi.stubEnv("OTEL_SEMCONV_STABILITY_OPT_IN", "");
    const resolved = resolveTracingOptions();
    expect(resolved).toMatchObject({ name: "tracing", captureContent: false, semconv: "latest", attemptSpans: true });
    expect(resolved.metrics.operationDuration).toMatchObject({ name: "gen_ai.client.operation.duration", unit: "s" });
    expect(resolved.metrics.tokenUsage?.buckets.at(-1)).toBe(67108864);
    expect(resolved.metrics.timeToFirstChunk?.name).toBe("gen_ai.client.operation.time_to_first_chunk");
  });

  it("reads OTEL_SEMCONV_STABILITY_OPT_IN when semconv is not given", () => {
    vi.stubEnv("OTEL_SEMCONV_STABILITY_OPT_IN", "http, gen_ai_latest_experimental");
    expect(resolveTracingOptions().semconv).toBe("latest");
    vi.stubEnv("OTEL_SEMCONV_STABILITY_OPT_IN", "http");
    expect(resolveTracingOptions().semconv).toBe("legacy");
    expect(resolveTracingOptions({ semconv: "latest" }).semconv).toBe("latest");
  });

  it("renames a metric, changes its buckets, or turns it off", () => {
    const { metrics } = resolveTracingOptions({ metrics: { tokenUsage: false, operationDuration: { name: "llm.duration", buckets: [0.1, 1, 10] } } });
    expect(metrics.tokenUsage).toBeUndefined();
    expect(metrics.operationDuration).toMatchObject({ name: "llm.duration", buckets: [0.1, 1, 10], unit: "s" });
    expect(resolveTracingOptions({ metrics: false }).metrics).toEqual({ operationDuration: undefined, tokenUsage: undefined, timeToFirstChunk: undefined });
  });

  it("keeps only type, baseURL and providerName of a provider entry, so the client's own map can be passed", () => {
    const resolved = resolveTracingOptions({ providers: { groq: { type: "openai-compatible", baseURL: "https://api.groq.com/openai/v1", apiKey: "gsk-secret" } } });
    expect(resolved.provider("groq")).toEqual({ name: "groq", operation: "chat", serverAddress: "api.groq.com", serverPort: 443 });
    expect(JSON.stringify(resolved.provider("groq"))).not.toContain("gsk-secret");
  });

  it.each([
    [{ captureContnet: true }, "captureContnet"],
    [{ semconv: "v1" }, "semconv"],
    [{ attemptSpans: "no" }, "attemptSpans"],
    [{ metrics: { tokens: false } }, "metrics.tokens"],
    [{ metrics: { tokenUsage: { buckets: [3, 2] } } }, "metrics.tokenUsage.buckets"],
    [{ providers: { x: { type: 1 } } }, "providers.x.type"],
    [{ tracerProvider: {} }, "tracerProvider"],
  ])("%j is a ConfigError at %s", (options, path) => {
    const error = (() => {
      try {
        resolveTracingOptions(options);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).path).toBe(path);
  });
});
