import * as AnthropicSdk from "@anthropic-ai/sdk";
import type { Message, RawMessageStreamEvent } from "@anthropic-ai/sdk/resources/messages";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { finalizeResponse } from "../../core/response/finalize-response.js";
import { finalizeToolCall } from "../../core/response/finalize-tool-call.js";
import { StreamAccumulator } from "../../core/stream/stream-accumulator.js";
import type { ProviderResult } from "../../core/types/provider-adapter.js";
import { mapStainlessError } from "../shared/map-stainless-error.js";
import { AnthropicStreamMapper } from "./anthropic-stream-mapper.js";
import { convertToAnthropicMessages } from "./convert-to-anthropic-messages.js";
import { anthropicErrorCode, classifyAnthropicError } from "./map-anthropic-error.js";
import { mapAnthropicResponse } from "./map-anthropic-response.js";

/** The recorded responses (`anthropic/`) and what each must normalise to (`expected/anthropic/`). */
const FIXTURES = fileURLToPath(new URL("../../../test/fixtures/", import.meta.url));

interface Expected {
  readonly fixture: string;
  readonly file: string;
  readonly kind: "chat" | "stream" | "error";
  readonly text?: string;
  readonly reasoning?: string | false;
  readonly toolCalls?: readonly { name: string; arguments?: unknown; argumentsText?: string; truncated?: boolean }[];
  readonly finishReason?: string;
  readonly rawFinishReason?: string;
  readonly usage?: Readonly<Record<string, number>>;
  readonly strict?: { model?: string; toolCallIds?: string[]; usage?: Readonly<Record<string, number>> };
  readonly error?: { name: string; status: number; retryable: boolean };
}

const expectedFiles = readdirSync(`${FIXTURES}expected/anthropic`).filter((f) => f.endsWith(".json"));
const read = (path: string): string => readFileSync(`${FIXTURES}${path}`, "utf8");

/** SSE framing (`event:` / `data:` blocks) parsed as the SDK's Stream does: pings are dropped. */
function parseSse(body: string): RawMessageStreamEvent[] {
  const events: RawMessageStreamEvent[] = [];
  for (const block of body.split(/\r?\n\r?\n/)) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
    }
    if (event === "ping" || data.length === 0) continue;
    events.push(JSON.parse(data.join("\n")) as RawMessageStreamEvent);
  }
  return events;
}

/** The stream run the way core runs it: mapper parts folded by the accumulator. */
function runStream(events: readonly RawMessageStreamEvent[]): ProviderResult {
  const mapper = new AnthropicStreamMapper();
  const acc = new StreamAccumulator();
  for (const event of events) {
    for (const part of mapper.map(event)) {
      if (part.type === "finish") throw new Error("the mapper emitted finish mid-stream");
      acc.accept(part);
    }
  }
  expect(mapper.finished).toBe(true);
  const finish = mapper.finish();
  if (finish.type !== "finish") throw new Error("finish() did not return a finish part");
  return acc.finish(finish).result;
}

/** The fields the expectation file lists, read from a result. */
function observed(result: ProviderResult, expected: Expected): unknown {
  const toolCalls = result.toolCalls.map(finalizeToolCall);
  const usageKeys = [...Object.keys(expected.usage ?? {}), ...Object.keys(expected.strict?.usage ?? {})];
  return {
    text: result.text,
    reasoning: result.reasoning ?? false,
    toolCalls: toolCalls.map((call, i) => {
      const want = expected.toolCalls?.[i] ?? {};
      return {
        name: call.name,
        ...("arguments" in want ? { arguments: call.arguments } : {}),
        ...("argumentsText" in want ? { argumentsText: call.argumentsText } : {}),
        ...("truncated" in want ? { truncated: call.truncated } : {}),
      };
    }),
    finishReason: result.finishReason,
    rawFinishReason: result.rawFinishReason,
    usage: Object.fromEntries(usageKeys.map((key) => [key, result.usage[key as keyof typeof result.usage]])),
    model: result.model,
    toolCallIds: toolCalls.map((call) => call.id),
  };
}

function wanted(expected: Expected): unknown {
  return {
    text: expected.text,
    reasoning: expected.reasoning,
    toolCalls: expected.toolCalls,
    finishReason: expected.finishReason,
    rawFinishReason: expected.rawFinishReason,
    usage: { ...expected.usage, ...expected.strict?.usage },
    model: expected.strict?.model,
    toolCallIds: expected.strict?.toolCallIds ?? (expect.any(Array) as unknown),
  };
}

describe("recorded Anthropic responses", () => {
  it("covers every recorded fixture", () => {
    const recorded = readdirSync(`${FIXTURES}anthropic`).sort();
    const covered = expectedFiles.map((f) => (JSON.parse(read(`expected/anthropic/${f}`)) as Expected).file).sort();
    expect(covered).toEqual(recorded);
  });

  for (const file of expectedFiles) {
    const expected = JSON.parse(read(`expected/anthropic/${file}`)) as Expected;
    it(`${expected.fixture} (${expected.kind})`, () => {
      const body = read(`anthropic/${expected.file}`);
      if (expected.kind === "error") {
        const status = expected.error?.status ?? 0;
        const json = JSON.parse(body) as { request_id?: string };
        const headers = new Headers({ "request-id": json.request_id ?? "" });
        const error = mapStainlessError(AnthropicSdk.APIError.generate(status, json, undefined, headers), AnthropicSdk, {
          provider: "anthropic",
          apiKey: "sk-ant-test",
          signal: new AbortController().signal,
          streaming: false,
          errorCode: anthropicErrorCode,
          classify: classifyAnthropicError,
        });
        expect({ name: error.name, status: error.status, retryable: error.retryable }).toEqual(expected.error);
        expect(error.requestId).toBe(json.request_id);
        return;
      }
      const result = expected.kind === "chat" ? mapAnthropicResponse(JSON.parse(body) as Message) : runStream(parseSse(body));
      expect(observed(result, expected)).toEqual(wanted(expected));
    });
  }

  it.each(["thinking_tool_use.json", "thinking_stream.sse.txt"])(
    "%s: response.message sent back is the same assistant turn, signed thinking first",
    async (file) => {
      const body = read(`anthropic/${file}`);
      const result = file.endsWith(".json") ? mapAnthropicResponse(JSON.parse(body) as Message) : runStream(parseSse(body));
      const { message } = await finalizeResponse(result, "anthropic", { model: "anthropic/x", messages: [] });
      const { messages } = convertToAnthropicMessages([{ role: "user", content: "Hi" }, message]);
      const original = file.endsWith(".json")
        ? (JSON.parse(body) as Message).content
        : [result.providerMetadata?.anthropic?.thinking, { type: "text", text: result.text }].flat();
      expect(messages[1]).toEqual({ role: "assistant", content: original });
    },
  );
});
