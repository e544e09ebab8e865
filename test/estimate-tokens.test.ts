/**
 * The rate limiter's token estimator (characters / 4), measured against real tokenizer counts: the
 * recorded provider responses' output texts and the output tokens the providers reported for them.
 * Left out: answers whose output count covers more than `text` (several choices, thinking).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { estimateTextTokens } from "../src/core/request/estimate-tokens.js";
import { FIXTURES_DIR } from "./helpers/fixtures.js";

interface Expected {
  readonly text?: unknown;
  readonly reasoning?: unknown;
  readonly toolCalls?: readonly unknown[];
  readonly usage?: { readonly outputTokens?: number; readonly reasoningTokens?: number };
}

const samples = ["openai", "anthropic", "gemini"].flatMap((provider) =>
  readdirSync(join(FIXTURES_DIR, "expected", provider))
    .filter((file) => file.endsWith(".json") && !file.includes("multiple_choices") && !file.includes("thinking"))
    .map((file) => ({ file: `${provider}/${file}`, expected: JSON.parse(readFileSync(join(FIXTURES_DIR, "expected", provider, file), "utf8")) as Expected }))
    .filter(({ expected }) => typeof expected.text === "string" && expected.text.length > 40 && !expected.toolCalls?.length && !expected.usage?.reasoningTokens && (expected.usage?.outputTokens ?? 0) > 0)
    .map(({ file, expected }) => ({ file, ratio: estimateTextTokens(expected.text as string) / expected.usage!.outputTokens! })),
);

describe("the token estimator on recorded answers", () => {
  it("has enough samples from every provider", () => {
    expect(samples.length).toBeGreaterThanOrEqual(6);
    expect(new Set(samples.map((s) => s.file.split("/")[0])).size).toBe(3);
  });

  it("is within -40% to +35% of the real count, close on the median (the figures in docs/rate-limits.md)", () => {
    for (const sample of samples) {
      expect(sample.ratio, sample.file).toBeGreaterThan(0.6);
      expect(sample.ratio, sample.file).toBeLessThan(1.35);
    }
    const sorted = samples.map((s) => s.ratio).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    expect(median).toBeGreaterThan(0.85);
    expect(median).toBeLessThan(1.15);
  });
});
