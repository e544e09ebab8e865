import { describe, expect, it } from "vitest";
import { sdkRequestOptions } from "./sdk-request-options.js";

describe("sdkRequestOptions", () => {
  const signal = new AbortController().signal;
  const messages = [{ role: "user" as const, content: "Hi" }];

  it("passes the attempt's signal, and timeoutMs as the SDK timeout when set", () => {
    expect(sdkRequestOptions({ request: { model: "m", messages }, model: "m", apiKey: "k", signal })).toEqual({ signal });
    expect(sdkRequestOptions({ request: { model: "m", messages, timeoutMs: 5000 }, model: "m", apiKey: "k", signal })).toEqual({
      signal,
      timeout: 5000,
    });
  });
});
