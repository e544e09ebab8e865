import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The recorded provider responses copied from the team's shared set (see test/fixtures/PROVENANCE.md). */
export const FIXTURES_DIR = fileURLToPath(new URL("../fixtures/", import.meta.url));

export type FixtureProvider = "openai" | "anthropic" | "gemini";

/** The normalisation a fixture must produce (`test/fixtures/expected/<provider>/<name>.json`). */
export interface ExpectedNormalisation {
  readonly provider: FixtureProvider;
  readonly fixture: string;
  readonly file: string;
  readonly kind: "chat" | "stream" | "error";
  readonly api: "chat" | "responses";
  readonly text?: string;
  readonly reasoning?: string | false;
  readonly refusal?: string;
  readonly toolCalls?: readonly { name: string; arguments?: unknown; argumentsText?: string; truncated?: boolean }[];
  readonly finishReason?: string;
  readonly rawFinishReason?: string;
  readonly usage?: Record<string, number>;
  readonly error?: { name: string; status: number; retryable: boolean };
  readonly strict?: { model?: string; toolCallIds?: readonly (string | true)[]; usage?: Record<string, number> };
}

export function fixturePath(provider: FixtureProvider, file: string): string {
  return `${FIXTURES_DIR}${provider}/${file}`;
}

export function readFixture(provider: FixtureProvider, file: string): string {
  return readFileSync(fixturePath(provider, file), "utf8");
}

export function readFixtureJson<T = unknown>(provider: FixtureProvider, file: string): T {
  return JSON.parse(readFixture(provider, file)) as T;
}

/** Every expected normalisation of a provider, in file order. */
export function expectations(provider: FixtureProvider): ExpectedNormalisation[] {
  return readdirSync(`${FIXTURES_DIR}expected/${provider}`)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(`${FIXTURES_DIR}expected/${provider}/${f}`, "utf8")) as ExpectedNormalisation);
}

/** Splits a raw `text/event-stream` body into events (any of the three providers' framings). */
export function parseSse(body: string): { event: string | undefined; data: string }[] {
  return body
    .split(/\r?\n\r?\n/)
    .map((block) => {
      let event: string | undefined;
      const data: string[] = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      return { event, data: data.join("\n") };
    })
    .filter((e) => e.data !== "");
}
