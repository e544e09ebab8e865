import { describe, expect, it } from "vitest";
import type { ProviderStreamPart } from "../../core/types/provider-adapter.js";
import { finishSdkStream, type SdkStreamMapper } from "./finish-sdk-stream.js";

const usage = { inputTokens: 1, outputTokens: 1, totalTokens: 2 };

function mapper(finished: boolean): SdkStreamMapper<unknown> {
  return {
    finished,
    map: () => [],
    finish: (): ProviderStreamPart => ({ type: "finish", finishReason: "stop", rawFinishReason: "stop", usage, raw: [] }),
  };
}

describe("finishSdkStream", () => {
  it("gives the finish part of a stream the provider finished", () => {
    expect(finishSdkStream(mapper(true), "p")).toEqual({ type: "finish", finishReason: "stop", rawFinishReason: "stop", usage, raw: [] });
  });

  it("fails a stream that ended before the provider said why it stopped", () => {
    expect(() => finishSdkStream(mapper(false), "p")).toThrow(
      expect.objectContaining({ name: "StreamInterruptedError", provider: "p", message: "p: the stream ended without a finish reason" }) as Error,
    );
  });
});
